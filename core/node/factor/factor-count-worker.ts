/**
 * Worker-thread entry (bundled as out/cli/factor-count-worker.cjs): the factor-count stage of
 * `segstudio factor` — parallel analysis (seeded) and MAP — on a correlation matrix sent by the
 * main thread, which meanwhile extracts, rotates and scores (factor-count-thread.ts). The same
 * code and inputs as on the main thread (the matrix arrives as an exact copy), so the same result.
 * Protocol: one request { R, n, options }; one reply { count } or { failed: true } on the port,
 * then the shared flag is set to 1 and notified (the main thread may be blocked in Atomics.wait).
 */
import type { MessagePort } from 'node:worker_threads';
import { parentPort, workerData } from 'node:worker_threads';
import { factorCountSteps } from '../../factor/factor-count';
import type { FactorCountOptions } from '../../factor/factor-count';
import { drainSteps } from '../../jobs/run-steps';
import type { Matrix } from '../../math/matrix';

export type FactorCountRequest = { R: Matrix; n: number; options: FactorCountOptions };
export type FactorCountWorkerData = { port: MessagePort; flag: Int32Array };

const { port, flag } = workerData as FactorCountWorkerData;
parentPort?.once('message', (request: FactorCountRequest) => {
  try {
    port.postMessage({ count: drainSteps(factorCountSteps(null, request.R, request.n, request.options)) });
  } catch {
    // The main thread recomputes the stage itself and so throws the error with its full context.
    port.postMessage({ failed: true });
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  port.close();
});
