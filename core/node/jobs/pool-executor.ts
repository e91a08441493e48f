/**
 * A SegmentExecutor backed by the worker pool: loads the data into every worker once, then hands
 * units to the pool. `close` releases the data and stops the workers.
 */
import type { SegmentExecutor } from '../../segment/executor';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from './worker-pool';

let nextKey = 1;

export async function createPoolExecutor(data: unknown, options: WorkerPoolOptions = {}): Promise<SegmentExecutor & { pool: WorkerPool; close(): Promise<void> }> {
  const pool = createWorkerPool(options);
  const dataKey = `data-${nextKey++}`;
  try {
    await pool.loadData(dataKey, data);
  } catch (error) {
    await pool.close();
    throw error;
  }
  return {
    pool,
    runUnits: (model, units, onUnitDone, run) => pool.runUnits(dataKey, model, units, onUnitDone, run),
    runBootstrap: (model, units, onUnitDone, run) => pool.runBootstrap(dataKey, model, units, onUnitDone, run),
    close: () => pool.close(),
  };
}
