import { describe, expect, it } from 'vitest';
import { CancellationError, InputError, toSerializedError } from '../../core/errors';
import type { Progress } from '../../core/jobs/run-steps';
import { createJobClient, type WorkerLike } from './job-client';
import type { QualitySpec } from './data-jobs';
import type { WorkerEvent, WorkerRequest } from './protocol';

/** A fake worker that answers by script; `sent` records every request. */
function fakeWorker(reply: (req: WorkerRequest, emit: (e: WorkerEvent) => void) => void) {
  const sent: WorkerRequest[] = [];
  const worker: WorkerLike & { sent: WorkerRequest[]; terminated: boolean } = {
    sent,
    terminated: false,
    onmessage: null,
    postMessage(message) {
      sent.push(message);
      queueMicrotask(() => reply(message, (e) => worker.onmessage?.({ data: e } as MessageEvent<WorkerEvent>)));
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

const spec: QualitySpec = { kind: 'quality', dataset: { source: { file: 'x', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, rows: 0, columns: [], weight: null, id: null, notices: [] }, battery: [], durationColumn: null, idColumn: null };

describe('job client', () => {
  it('resolves with the result and forwards progress', async () => {
    const worker = fakeWorker((req, emit) => {
      if (req.type !== 'run') return;
      emit({ jobId: req.jobId, type: 'progress', progress: { stage: 'screen', current: 1, total: 2 } });
      emit({ jobId: req.jobId, type: 'result', result: { kind: 'quality', rows: 0, flagged: [], counts: {}, medianDuration: null, durationColumn: null, settings: { maxMissingShare: 0.25, speederShare: 0.5, straightLineMin: 0 }, missing: { perItem: [], respondentsByCount: [] }, notices: [] } });
    });
    const client = createJobClient(() => worker, 1);
    const seen: Progress[] = [];
    const result = await client.run(spec, { onProgress: (p) => seen.push(p) });
    expect(result.kind).toBe('quality');
    expect(seen).toEqual([{ stage: 'screen', current: 1, total: 2 }]);
  });

  it('rebuilds InputError from the serialized error', async () => {
    const worker = fakeWorker((req, emit) => {
      if (req.type === 'run') emit({ jobId: req.jobId, type: 'error', error: toSerializedError(new InputError('file-format', "'x.sav' is not a survey file.", { file: 'x.sav' })) });
    });
    const client = createJobClient(() => worker, 1);
    await expect(client.run(spec)).rejects.toThrow(InputError);
  });

  it('abort sends a cancel message and the job rejects with CancellationError', async () => {
    const worker = fakeWorker((req, emit) => {
      if (req.type === 'cancel') emit({ jobId: req.jobId, type: 'error', error: { kind: 'cancelled', message: 'The job was cancelled.' } });
    });
    const client = createJobClient(() => worker, 1);
    const controller = new AbortController();
    const job = client.run(spec, { signal: controller.signal });
    controller.abort();
    await expect(job).rejects.toBeInstanceOf(CancellationError);
    expect(worker.sent.map((m) => m.type)).toEqual(['run', 'cancel']);
  });

  it('runs one job per worker at a time; a queued job cancelled never reaches a worker', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const client = createJobClient(() => {
      const w = fakeWorker((req, emit) => {
        if (req.type === 'run' && req.jobId === 1) emit({ jobId: 1, type: 'error', error: { kind: 'bug', message: 'boom' } });
      });
      workers.push(w);
      return w;
    }, 1);
    const first = client.run(spec).catch((e: unknown) => e);
    const controller = new AbortController();
    const second = client.run(spec, { signal: controller.signal });
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(CancellationError);
    expect(((await first) as Error).message).toBe('boom');
    expect(workers[0]!.sent.map((m) => m.type)).toEqual(['run']);
  });

  it('spreads jobs over the pool and stops every worker on dispose', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const client = createJobClient(() => {
      const w = fakeWorker(() => {});
      workers.push(w);
      return w;
    }, 2);
    const jobs = [1, 2, 3].map(() => client.run(spec).catch((e: unknown) => e));
    expect(workers).toHaveLength(2);
    expect(workers.map((w) => w.sent.length)).toEqual([1, 1]); // the third job waits in the queue
    client.dispose();
    expect(workers.every((w) => w.terminated)).toBe(true);
    for (const outcome of await Promise.all(jobs)) expect(outcome).toBeInstanceOf(CancellationError);
  });
});
