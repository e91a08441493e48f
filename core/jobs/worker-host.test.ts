import { describe, expect, test } from 'vitest';
import { createWorkerHost, collectTransferables } from './worker-host';
import type { JobEvent } from './protocol';
import { lpaDataFromMatrix } from '../segment/lpa/lpa-data';
import { createRng } from '../random/rng';

function blobs(): ReturnType<typeof lpaDataFromMatrix> {
  const rng = createRng(3);
  const x = new Float64Array(400);
  for (let i = 0; i < 200; i++) {
    x[i * 2] = (i % 2) * 5 + rng.normal();
    x[i * 2 + 1] = rng.normal();
  }
  return lpaDataFromMatrix(x, 200, 2);
}

function harness() {
  const events: { event: JobEvent; transfer: ArrayBuffer[] }[] = [];
  const host = createWorkerHost((event, transfer) => events.push({ event, transfer }));
  const next = (jobId: number, type: JobEvent['type']): Promise<{ event: JobEvent; transfer: ArrayBuffer[] }> =>
    new Promise((resolve) => {
      const poll = (): void => {
        const found = events.find((e) => e.event.jobId === jobId && e.event.type === type);
        if (found) resolve(found);
        else setTimeout(poll, 5);
      };
      poll();
    });
  return { host, next };
}

describe('createWorkerHost', () => {
  test('runs a (K, start) unit on loaded data and transfers result buffers, never the data\'s', async () => {
    const { host, next } = harness();
    const data = blobs();
    host.handle({ type: 'run', jobId: 1, spec: { type: 'load-data', dataKey: 'd', data } });
    await next(1, 'result');
    host.handle({ type: 'run', jobId: 2, spec: { type: 'mixture-unit', dataKey: 'd', model: { kind: 'lpa', covariance: 'EEE' }, unit: { k: 2, start: 1, maxIterations: 200, tolerance: 1e-8, seed: 1, initial: null } } });
    const { event, transfer } = await next(2, 'result');
    expect(event.type === 'result' && event.result.type === 'mixture-unit' && event.result.outcome.converged).toBe(true);
    expect(transfer.length).toBeGreaterThan(0);
    expect(transfer).not.toContain(data.x.buffer);
  });

  test('a cancel message stops a running unit with a cancelled error', async () => {
    const { host, next } = harness();
    host.handle({ type: 'run', jobId: 1, spec: { type: 'load-data', dataKey: 'd', data: blobs() } });
    await next(1, 'result');
    host.handle({ type: 'run', jobId: 2, spec: { type: 'mixture-unit', dataKey: 'd', model: { kind: 'lpa', covariance: 'VVV' }, unit: { k: 3, start: 1, maxIterations: 1e9, tolerance: 0, seed: 1, initial: null } } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    host.handle({ type: 'cancel', jobId: 2 });
    const { event } = await next(2, 'error');
    expect(event.type === 'error' && event.error.kind).toBe('cancelled');
  });

  test('a unit for data that were never loaded is a bug error, not a crash', async () => {
    const { host, next } = harness();
    host.handle({ type: 'run', jobId: 7, spec: { type: 'mixture-unit', dataKey: 'missing', model: { kind: 'lpa', covariance: 'EII' }, unit: { k: 2, start: 1, maxIterations: 5, tolerance: 0, seed: 1, initial: null } } });
    const { event } = await next(7, 'error');
    expect(event.type === 'error' && event.error.kind).toBe('bug');
  });

  test('collectTransferables finds each whole buffer once and skips views into larger buffers', () => {
    const a = new Float64Array(4);
    const big = new Float64Array(8);
    expect(collectTransferables({ a, again: a, nested: [{ b: new Int32Array(2) }], view: big.subarray(2, 4) })).toHaveLength(2);
  });
});
