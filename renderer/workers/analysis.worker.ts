/**
 * The analysis Web Worker: runs core computations (import, quality screen, factor analysis,
 * segmentation, profiles) off the UI thread. One AbortController per job; `cancel` aborts it and
 * runSteps stops the generator within its time budget. Progress is throttled to ~20 messages a
 * second per job so the page never drowns in updates. Results' typed arrays are transferred.
 */
import { toSerializedError } from '../../core/errors';
import { collectTransferables } from '../../core/jobs/worker-host';
import type { Progress } from '../../core/jobs/run-steps';
import { runAnalysis } from './analysis-jobs';
import type { WorkerEvent, WorkerRequest } from './protocol';

type Scope = { postMessage(message: WorkerEvent, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null };
const scope = self as unknown as Scope;
const running = new Map<number, AbortController>();
const PROGRESS_INTERVAL_MS = 50;

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'cancel') {
    running.get(request.jobId)?.abort();
    return;
  }
  const { jobId, spec } = request;
  const controller = new AbortController();
  running.set(jobId, controller);
  let lastProgress = 0;
  const onProgress = (progress: Progress): void => {
    const now = performance.now();
    if (now - lastProgress < PROGRESS_INTERVAL_MS && progress.current < progress.total) return;
    lastProgress = now;
    scope.postMessage({ jobId, type: 'progress', progress });
  };
  runAnalysis(spec, { signal: controller.signal, onProgress })
    // Results own their typed arrays (nothing here keeps them), so their buffers move, not copy.
    .then((result) => scope.postMessage({ jobId, type: 'result', result }, collectTransferables(result)))
    .catch((error: unknown) => scope.postMessage({ jobId, type: 'error', error: toSerializedError(error) }))
    .finally(() => running.delete(jobId));
};
