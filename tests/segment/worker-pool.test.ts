/**
 * The worker pool (core/node/jobs/worker-pool.ts over out/cli/worker-entry.cjs): the same analysis
 * gives identical results in-process and through 2 worker threads (units are pure functions of
 * their seeds), and a cancel stops a long multi-start job within one second, leaving the workers
 * free for the next job.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationError } from '../../core/errors';
import { loadDataset } from '../../core/node/data/load-dataset';
import { createPoolExecutor } from '../../core/node/jobs/pool-executor';
import { createWorkerPool, type WorkerPool } from '../../core/node/jobs/worker-pool';
import { inProcessExecutor } from '../../core/segment/executor';
import { buildLpaData, type LpaData } from '../../core/segment/lpa/lpa-data';
import { LPA_DEFAULTS, runLpaAnalysis } from '../../core/segment/lpa/lpa-analysis';
import { buildLcaData } from '../../core/segment/lca/lca-data';
import { LCA_DEFAULTS, runLcaAnalysis } from '../../core/segment/lca-analysis';
import type { StartUnit } from '../../core/segment/multistart';
import { oraclePath } from '../oracle/oracle-files';
import { ensureBuiltCli, WORKER_SCRIPT } from './built-cli';

let data: LpaData;

beforeAll(async () => {
  ensureBuiltCli();
  const dataset = await loadDataset(oraclePath('data', 'banknote.csv'));
  data = buildLpaData(dataset, ['Length', 'Left', 'Right', 'Bottom', 'Top', 'Diagonal']).data;
});

describe('worker pool', () => {
  test('an lpa analysis through 2 workers equals the in-process run', async () => {
    const params = { ...LPA_DEFAULTS, variables: data.variables, models: ['EEE', 'VVI'] as ('EEE' | 'VVI')[], classes: [1, 4] as [number, number], starts: 6, seed: 5, posteriors: true, bootstrap: 3 };
    const local = await runLpaAnalysis(data, params, inProcessExecutor(data));
    const pooled = await createPoolExecutor(data, { size: 2, script: WORKER_SCRIPT });
    try {
      expect(await runLpaAnalysis(data, params, pooled)).toEqual(local);
    } finally {
      await pooled.close();
    }
    expect(local.bootstrap?.stability.length).toBe(3);
    expect(local.bootstrap?.blrt.length).toBe(3);
  });

  test('an lca analysis through 2 workers equals the in-process run', async () => {
    const dataset = await loadDataset(oraclePath('data', 'values.csv'));
    const lca = buildLcaData(dataset, ['A', 'B', 'C', 'D'], { indicators: 'nominal' });
    const params = { ...LCA_DEFAULTS, items: lca.items, indicators: 'nominal' as const, classes: [1, 3] as [number, number], starts: 6, seed: 9 };
    const local = await runLcaAnalysis(lca, params, inProcessExecutor(lca));
    const pooled = await createPoolExecutor(lca, { size: 2, script: WORKER_SCRIPT });
    try {
      expect(await runLcaAnalysis(lca, params, pooled)).toEqual(local);
    } finally {
      await pooled.close();
    }
  });

  describe('cancel', () => {
    let pool: WorkerPool;
    beforeAll(async () => {
      pool = createWorkerPool({ size: 2, script: WORKER_SCRIPT });
      await pool.loadData('banknote', data);
    });
    afterAll(async () => {
      await pool.close();
    });

    test('stops a long multi-start job within one second and leaves the workers usable', async () => {
      // tolerance 0: EM never converges, so each unit runs until cancelled.
      const endless: StartUnit<unknown>[] = Array.from({ length: 8 }, (_, s) => ({ k: 5, start: s + 1, maxIterations: 1e9, tolerance: 0, seed: 1, initial: null }));
      const controller = new AbortController();
      let progressEvents = 0;
      const job = pool.runUnits('banknote', { kind: 'lpa', covariance: 'VVV' }, endless, () => undefined, { signal: controller.signal, onProgress: () => progressEvents++ });
      await new Promise((resolve) => setTimeout(resolve, 400));
      const cancelledAt = performance.now();
      controller.abort();
      await expect(job).rejects.toBeInstanceOf(CancellationError);
      expect(performance.now() - cancelledAt).toBeLessThan(1000);
      expect(progressEvents).toBeGreaterThan(0);
      // The workers stopped their endless units: a short job completes promptly on both.
      const quick: StartUnit<unknown>[] = [1, 2].map((s) => ({ k: 2, start: s, maxIterations: 50, tolerance: 1e-6, seed: 1, initial: null }));
      const startedAt = performance.now();
      const outcomes = await pool.runUnits('banknote', { kind: 'lpa', covariance: 'EEE' }, quick, () => undefined);
      expect(outcomes).toHaveLength(2);
      expect(performance.now() - startedAt).toBeLessThan(1000);
    });
  });
});
