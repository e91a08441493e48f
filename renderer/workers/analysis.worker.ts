/**
 * The analysis Web Worker: runs core computations (import, quality screen, factor analysis,
 * segmentation, profiles) off the UI thread through core/jobs/worker-host's job loop: one
 * AbortController per job; `cancel` aborts it and runSteps stops the generator within its time
 * budget. Progress is throttled to ~20 messages a second per job so the page never drowns in
 * updates. Results' typed arrays are transferred.
 */
import { createJobHost } from '../../core/jobs/worker-host';
import { runAnalysis } from './analysis-jobs';
import type { WorkerEvent, WorkerRequest } from './protocol';

type Scope = { postMessage(message: WorkerEvent, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null };
const scope = self as unknown as Scope;
const PROGRESS_INTERVAL_MS = 50;

// Results own their typed arrays (nothing here keeps them), so their buffers move, not copy.
const host = createJobHost(runAnalysis, (event: WorkerEvent, transfer) => scope.postMessage(event, transfer), { progressIntervalMs: PROGRESS_INTERVAL_MS });
scope.onmessage = (event) => host.handle(event.data);
