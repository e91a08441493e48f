/**
 * Messages between the renderer and its analysis Web Workers: core/jobs/protocol.ts, the one job
 * protocol, instantiated with the renderer's analysis specs and results. The page sends
 * run/cancel; the worker answers progress/result/error for a jobId.
 */
import type { JobEvent, JobRequest } from '../../core/jobs/protocol';
import type { AnalysisResult, AnalysisSpec } from './analysis-jobs';

export type WorkerRequest = JobRequest<AnalysisSpec>;

export type WorkerEvent = JobEvent<AnalysisResult>;
