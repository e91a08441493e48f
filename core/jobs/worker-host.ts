/**
 * The message handler every worker runs (Node worker_threads in the CLI, Web Workers in the
 * renderer): pure, it only needs a `post` function. One AbortController per job: a 'cancel'
 * request aborts it, and because jobs run through runSteps (which yields to the event loop every
 * ~40 ms) the cancel message is received and honoured within a fraction of a second.
 *
 * Data arrive once per worker ('load-data') and are kept by key, so each worker holds its own copy.
 * Results transfer their typed arrays' buffers instead of copying them. Errors cross as
 * SerializedError; progress events are throttled to one per PROGRESS_INTERVAL_MS per job.
 */
import { BugError, toSerializedError } from '../errors';
import type { Progress } from './run-steps';
import { runSteps } from './run-steps';
import type { JobEvent, JobRequest, JobResult, JobSpec } from './protocol';
import { resolveModel } from '../segment/model-registry';
import { runStartUnit } from '../segment/multistart';
import { runBootstrapUnit } from '../segment/bootstrap-units';

export type PostEvent = (event: JobEvent, transfer: ArrayBuffer[]) => void;

export const PROGRESS_INTERVAL_MS = 100;

type Loaded = { data: unknown; buffers: ArrayBuffer[] };

/** Buffers of every typed array inside a result (each once), for a transfer list. */
export function collectTransferables(value: unknown, out: ArrayBuffer[] = [], seen = new Set<unknown>()): ArrayBuffer[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer;
    // Only whole, unshared buffers can move; a view into a larger buffer is copied instead.
    if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength && !out.includes(buffer)) out.push(buffer);
    return out;
  }
  for (const item of Array.isArray(value) ? value : Object.values(value)) collectTransferables(item, out, seen);
  return out;
}

export type JobHostOptions = {
  /** Minimum milliseconds between two progress events of one job (the last one always goes). */
  progressIntervalMs?: number;
  /** Buffers that must never be transferred out (data the worker keeps using). */
  keptBuffers?: () => ReadonlySet<ArrayBuffer>;
};

export type JobHost<Spec> = { handle(request: JobRequest<Spec>): void };

/**
 * The run/cancel loop shared by every worker: one AbortController per job, throttled progress,
 * results with their typed arrays transferred, errors serialized. `execute` does the work.
 */
export function createJobHost<Spec, Result>(
  execute: (spec: Spec, run: { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<Result>,
  post: (event: JobEvent<Result>, transfer: ArrayBuffer[]) => void,
  options: JobHostOptions = {},
): JobHost<Spec> {
  const interval = options.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  const running = new Map<number, AbortController>();

  function run(jobId: number, spec: Spec): void {
    const controller = new AbortController();
    running.set(jobId, controller);
    let lastProgress = -Infinity;
    const onProgress = (progress: Progress): void => {
      const now = Date.now();
      if (now - lastProgress < interval && progress.current < progress.total) return;
      lastProgress = now;
      post({ jobId, type: 'progress', progress }, []);
    };
    execute(spec, { signal: controller.signal, onProgress }).then(
      (result) => {
        running.delete(jobId);
        const keep = options.keptBuffers?.() ?? new Set<ArrayBuffer>();
        post({ jobId, type: 'result', result }, collectTransferables(result).filter((buffer) => !keep.has(buffer)));
      },
      (error: unknown) => {
        running.delete(jobId);
        post({ jobId, type: 'error', error: toSerializedError(error) }, []);
      },
    );
  }

  return {
    handle(request: JobRequest<Spec>): void {
      if (request.type === 'cancel') {
        running.get(request.jobId)?.abort();
        return;
      }
      run(request.jobId, request.spec);
    },
  };
}

export type WorkerHost = JobHost<JobSpec> & { loadedKeys(): string[] };

/** The segmentation worker: data loaded once per worker by key, then (K, start) and bootstrap units. */
export function createWorkerHost(post: PostEvent): WorkerHost {
  const store = new Map<string, Loaded>();

  const loaded = (dataKey: string): Loaded => {
    const entry = store.get(dataKey);
    if (entry === undefined) throw new BugError(`Worker has no data under '${dataKey}'; load-data must come first.`);
    return entry;
  };

  async function execute(spec: JobSpec, run: { signal: AbortSignal; onProgress: (p: Progress) => void }): Promise<JobResult> {
    switch (spec.type) {
      case 'load-data':
        store.set(spec.dataKey, { data: spec.data, buffers: collectTransferables(spec.data) });
        return { type: 'data-loaded', dataKey: spec.dataKey };
      case 'release-data':
        store.delete(spec.dataKey);
        return { type: 'data-released', dataKey: spec.dataKey };
      case 'mixture-unit': {
        const { data } = loaded(spec.dataKey);
        const outcome = await runSteps(runStartUnit(resolveModel(spec.model), data, spec.unit), run);
        return { type: 'mixture-unit', outcome };
      }
      case 'bootstrap-unit': {
        const { data } = loaded(spec.dataKey);
        const outcome = await runSteps(runBootstrapUnit(resolveModel(spec.model), data, spec.unit), run);
        return { type: 'bootstrap-unit', outcome };
      }
    }
  }

  // Never transfer a buffer of a loaded data set: the worker keeps using it.
  const host = createJobHost(execute, post, { keptBuffers: () => new Set([...store.values()].flatMap((entry) => entry.buffers)) });
  return { handle: host.handle, loadedKeys: () => [...store.keys()] };
}
