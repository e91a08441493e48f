/**
 * The page side of the analysis workers: a small pool (one worker per core, at most 2 by default)
 * that runs AnalysisSpecs, one job per worker at a time, and returns Promises. `run(spec, { signal, onProgress })` follows the
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

type Job = {
  jobId: number;
  spec: AnalysisSpec;
  resolve(result: AnalysisResult): void;
  reject(error: Error): void;
  onProgress: RunOptions['onProgress'];
  worker: WorkerLike | null;
};

export type JobClient = {
  run<S extends AnalysisSpec>(spec: S, run?: RunOptions): Promise<ResultOf<S>>;
  dispose(): void;
};

/**
 * Each worker runs one job at a time; further jobs wait in a queue, so a K range fills its progress
 * bars two at a time (one per core) instead of all crawling together. A cancelled job that has
 * not started leaves the queue at once.
 */
export function createJobClient(createWorker: () => WorkerLike, size: number): JobClient {
  const workers: WorkerLike[] = [];
  const busy = new Map<WorkerLike, Job>();
  const queue: Job[] = [];
  const running = new Map<number, Job>();
  let nextJobId = 1;

  function onEvent(event: WorkerEvent): void {
    const job = running.get(event.jobId);
    if (job === undefined) return;
    if (event.type === 'progress') {
      job.onProgress?.(event.progress);
      return;
    }
    if (event.type === 'log') return;
    running.delete(event.jobId);
    if (job.worker !== null) busy.delete(job.worker);
    if (event.type === 'result') job.resolve(event.result);
    else job.reject(fromSerializedError(event.error));
    pump();
  }

  function idleWorker(): WorkerLike | null {
    const idle = workers.find((w) => !busy.has(w));
    if (idle !== undefined) return idle;
    if (workers.length >= size) return null;
    const worker = createWorker();
    worker.onmessage = (e) => onEvent(e.data);
    workers.push(worker);
    return worker;
  }

  function pump(): void {
    for (;;) {
      if (queue.length === 0) return;
      const worker = idleWorker();
      if (worker === null) return;
      const job = queue.shift()!;
      job.worker = worker;
      busy.set(worker, job);
      running.set(job.jobId, job);
      worker.postMessage({ type: 'run', jobId: job.jobId, spec: job.spec });
    }
  }

  return {
    run<S extends AnalysisSpec>(spec: S, run: RunOptions = {}): Promise<ResultOf<S>> {
      if (run.signal?.aborted) return Promise.reject(new CancellationError());
      const jobId = nextJobId++;
      return new Promise<ResultOf<S>>((resolve, reject) => {
        const job: Job = { jobId, spec, resolve: resolve as (r: AnalysisResult) => void, reject, onProgress: run.onProgress, worker: null };
        run.signal?.addEventListener(
          'abort',
          () => {
            const queued = queue.indexOf(job);
            if (queued >= 0) {
              queue.splice(queued, 1);
              reject(new CancellationError());
            } else if (running.has(jobId)) {
              job.worker?.postMessage({ type: 'cancel', jobId });
            }
          },
          { once: true },
        );
        queue.push(job);
        pump();
      });
    },
    dispose() {
      for (const w of workers) w.terminate();
      for (const job of [...running.values(), ...queue]) job.reject(new CancellationError('The analysis workers were stopped.'));
      running.clear();
      queue.length = 0;
      busy.clear();
      workers.length = 0;
    },
  };
}

/** The app's pool of real Web Workers (Vite bundles analysis.worker.ts as its own module). */
export function createBrowserJobClient(): JobClient {
  const size = Math.max(1, Math.min(2, navigator.hardwareConcurrency || 2));
  return createJobClient(() => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike, size);
}
