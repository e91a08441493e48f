/**
 * The factor-count stage of `segstudio factor` on a second thread, for a fixed number of factors
 * (the count is then needed only for the result's `nfactors`, after the scores): parallel analysis
 * (21 one-factor minres fits on simulated correlation matrices) and MAP run in a worker while the
 * main thread extracts, rotates, scores and computes fit and reliability.
 *
 * Bit-identical by construction: the worker runs the same factorCountSteps with the same seed on
 * an exact copy of R (structured clone of a Float64Array). The worker is started first
 * (startFactorCountThread, before the data are read, so its start-up overlaps the CSV parse); the
 * matrix is sent once known (send), and the result is collected synchronously (receive:
 * Atomics.wait on a shared flag, then receiveMessageOnPort) from inside efaSteps, which calls the
 * deferred count after the scores. Any failure (no worker bundle, an error in the worker) falls
 * back to computing the stage on the main thread, which then raises any error itself.
 * SEGSTUDIO_FACTOR_THREAD=0 turns the thread off (tests/bench/factor.bench.mjs compares both).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { factorCountSteps } from '../../factor/factor-count';
import type { FactorCount, FactorCountOptions } from '../../factor/factor-count';
import { drainSteps } from '../../jobs/run-steps';
import type { Matrix } from '../../math/matrix';
import type { FactorCountRequest, FactorCountWorkerData } from './factor-count-worker';

export type FactorCountThread = {
  /** Send the job; returns the deferred result for EfaPrecomputed.factorCount. */
  send(R: Matrix, n: number, options: FactorCountOptions): () => FactorCount;
  /** Stop the worker if the job was never sent (an error before the analysis). */
  close(): void;
};

function workerScript(): string | null {
  if (typeof __dirname === 'undefined') return null;
  const candidates = [join(__dirname, 'factor-count-worker.cjs'), resolve(__dirname, '..', '..', '..', 'out', 'cli', 'factor-count-worker.cjs')];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** Starts the worker (null when its bundle is not there: the caller computes the stage itself). */
export function startFactorCountThread(): FactorCountThread | null {
  if (process.env['SEGSTUDIO_FACTOR_THREAD'] === '0') return null; // for the bench's comparison
  const script = workerScript();
  if (script === null) return null;
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const data: FactorCountWorkerData = { port: port2, flag };
  const worker = new Worker(script, { workerData: data, transferList: [port2] });
  worker.unref();
  let failed = false;
  worker.on('error', () => {
    failed = true;
  });
  return {
    send(R, n, options) {
      const request: FactorCountRequest = { R, n, options };
      worker.postMessage(request);
      const local = (): FactorCount => drainSteps(factorCountSteps(null, R, n, options));
      return () => {
        if (failed) return local();
        // Waits at most 60 s (the stage takes well under a second); a dead worker falls back to local work.
        if (Atomics.wait(flag, 0, 0, 60_000) === 'timed-out') {
          void worker.terminate();
          return local();
        }
        const reply = receiveMessageOnPort(port1)?.message as { count?: FactorCount } | undefined;
        port1.close();
        return reply?.count ?? local();
      };
    },
    close() {
      port1.close();
      void worker.terminate();
    },
  };
}
