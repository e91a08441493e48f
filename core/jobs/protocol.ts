/**
 * The one job protocol between a scheduler (the CLI's worker pool, the renderer) and a worker
 * (Node worker_threads or a Web Worker). Requests: run a job, cancel a job. Events: progress, the
 * result, a serialized error, a log line. Cancel is a message because an AbortSignal does not cross
 * postMessage; the worker owns one AbortController per job (worker-host.ts).
 *
 * Jobs are small units of a bigger analysis: a worker first receives the data once ('load-data',
 * kept under a key: each worker holds its own copy, measured faster than shared memory), then many
 * (K, start) EM runs ('mixture-unit') or bootstrap replicates that refer to it by key.
 */
import type { SerializedError } from '../errors';
import type { Progress } from './run-steps';
import type { ModelRef } from '../segment/model-registry';
import type { StartUnit, UnitOutcome } from '../segment/multistart';
import type { BootstrapUnit, BootstrapOutcome } from '../segment/bootstrap-units';

export type JobSpec =
  | { type: 'load-data'; dataKey: string; data: unknown }
  | { type: 'release-data'; dataKey: string }
  | { type: 'mixture-unit'; dataKey: string; model: ModelRef; unit: StartUnit<unknown> }
  | { type: 'bootstrap-unit'; dataKey: string; model: ModelRef; unit: BootstrapUnit };

export type JobResult =
  | { type: 'data-loaded'; dataKey: string }
  | { type: 'data-released'; dataKey: string }
  | { type: 'mixture-unit'; outcome: UnitOutcome<unknown> }
  | { type: 'bootstrap-unit'; outcome: BootstrapOutcome };

/**
 * The protocol is generic in what a job is: the segmentation workers speak it with JobSpec and
 * JobResult below, the renderer's analysis workers with their own spec and result unions.
 */
export type JobRequest<Spec = JobSpec> = { type: 'run'; jobId: number; spec: Spec } | { type: 'cancel'; jobId: number };

export type JobEvent<Result = JobResult> = { jobId: number } & (
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: Result }
  | { type: 'error'; error: SerializedError }
  | { type: 'log'; level: 'info' | 'warn'; message: string }
);
