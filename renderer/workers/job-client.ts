/**
 * The page side of the analysis workers: a small pool (one worker per core, at most 2 by default)
 * that runs AnalysisSpecs and returns Promises. `run(spec, { signal, onProgress })` follows the
 * house convention; aborting the signal sends a cancel message and rejects with CancellationError.
 * The worker factory is injected so jsdom tests can pass a fake Worker.
 */
import { CancellationError, fromSerializedError } from '../../core/errors';
import type { RunOptions } from '../../core/jobs/run-steps';
import type { AnalysisResult, AnalysisSpec, ResultOf } from './analysis-jobs';
import type { WorkerEvent, WorkerRequest } from './protocol';

export type WorkerLike = {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null;
};

type Pending = { resolve(result: AnalysisResult): void; reject(error: Error): void; onProgress: RunOptions['onProgress']; worker: WorkerLike };

export type JobClient = {
  run<S extends AnalysisSpec>(spec: S, run?: RunOptions): Promise<ResultOf<S>>;
  dispose(): void;
};

export function createJobClient(createWorker: () => WorkerLike, size: number): JobClient {
  const workers: WorkerLike[] = [];
  const load = new Map<WorkerLike, number>();
  const pending = new Map<number, Pending>();
  let nextJobId = 1;

  function onEvent(event: WorkerEvent): void {
    const job = pending.get(event.jobId);
    if (job === undefined) return;
    if (event.type === 'progress') {
      job.onProgress?.(event.progress);
      return;
    }
    pending.delete(event.jobId);
    load.set(job.worker, (load.get(job.worker) ?? 1) - 1);
    if (event.type === 'result') job.resolve(event.result);
    else job.reject(fromSerializedError(event.error));
  }

  function leastBusy(): WorkerLike {
    if (workers.length < size) {
      const worker = createWorker();
      worker.onmessage = (e) => onEvent(e.data);
      workers.push(worker);
      load.set(worker, 0);
      return worker;
    }
    let best = workers[0]!;
    for (const w of workers) if ((load.get(w) ?? 0) < (load.get(best) ?? 0)) best = w;
    return best;
  }

  return {
    run<S extends AnalysisSpec>(spec: S, run: RunOptions = {}): Promise<ResultOf<S>> {
      if (run.signal?.aborted) return Promise.reject(new CancellationError());
      const jobId = nextJobId++;
      const worker = leastBusy();
      load.set(worker, (load.get(worker) ?? 0) + 1);
      return new Promise<ResultOf<S>>((resolve, reject) => {
        pending.set(jobId, { resolve: resolve as (r: AnalysisResult) => void, reject, onProgress: run.onProgress, worker });
        run.signal?.addEventListener(
          'abort',
          () => {
            if (!pending.has(jobId)) return;
            worker.postMessage({ type: 'cancel', jobId });
          },
          { once: true },
        );
        worker.postMessage({ type: 'run', jobId, spec });
      });
    },
    dispose() {
      for (const w of workers) w.terminate();
      for (const job of pending.values()) job.reject(new CancellationError('The analysis workers were stopped.'));
      pending.clear();
      workers.length = 0;
    },
  };
}

/** The app's pool of real Web Workers (Vite bundles analysis.worker.ts as its own module). */
export function createBrowserJobClient(): JobClient {
  const size = Math.max(1, Math.min(2, navigator.hardwareConcurrency || 2));
  return createJobClient(() => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike, size);
}
