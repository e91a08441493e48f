/**
 * Messages between the renderer and its analysis Web Workers, in the house job-protocol shape
 * (STYLE §4): the page sends run/cancel; the worker answers progress/result/error for a jobId.
 * Cancel is a message because an AbortSignal cannot cross postMessage; the worker owns one
 * AbortController per job. Errors cross as SerializedError only.
 */
import type { SerializedError } from '../../core/errors';
import type { Progress } from '../../core/jobs/run-steps';
import type { AnalysisResult, AnalysisSpec } from './analysis-jobs';

export type WorkerRequest = { type: 'run'; jobId: number; spec: AnalysisSpec } | { type: 'cancel'; jobId: number };

export type WorkerEvent = { jobId: number } & (
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: AnalysisResult }
  | { type: 'error'; error: SerializedError }
);
