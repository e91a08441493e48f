/**
 * The second core for `segstudio factor` on large files: a worker thread (factor-helper-worker.ts,
 * bundled to out/cli/factor-helper-worker.cjs) that takes two pieces of work off the command's thread.
 *  - Parallel analysis's reference draws: a function of (n, p, seed, replications) alone, so they
 *    are drawn while the command reads the answers and computes the correlations.
 *  - A share of the polychoric pair fits, made while the command fits the others.
 *  - A share of the score rows' JSON text, written while the command writes the others.
 * psych computes polychoric correlations on every core too; the figures do not change: both
 * threads run the same code (and the same WebAssembly), and whatever the helper cannot deliver
 * (no worker script, a crash, a time-out) is computed on the command's thread instead.
 *
 * The analysis (core/) is synchronous generator code, so a result is fetched synchronously: the
 * worker answers on a MessagePort and raises a flag in shared memory; the command blocks on the
 * flag (Atomics.wait) and takes the answer with receiveMessageOnPort. The thread is unref'd and
 * dies with the process.
 *
 * Only for files of HELPER_MIN_BYTES and more: starting a thread and its JavaScript costs ~20–30 ms
 * of the other core, which a small battery's whole analysis hardly exceeds.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { PairFitDelegate, PairFitJob } from '../../factor/correlation-polychoric';
import type { ParallelReference } from '../../factor/parallel-analysis';

/** Files below this size (~17,000 respondents × 28 answers) are analysed on one thread. */
export const HELPER_MIN_BYTES = 1 << 20;

/** How long the command waits for an answer before computing it itself. */
const ANSWER_TIMEOUT_MS = 10_000;

export type HelperRequest =
  | { id: number; type: 'parallel-reference'; n: number; p: number; seed: number; iterations: number }
  | { id: number; type: 'score-text'; scores: Float64Array; m: number; start: number; stop: number }
  | { id: number; type: 'pair-fits'; job: PairFitJob };

export type HelperAnswer =
  | { id: number; type: 'parallel-reference'; reference: ParallelReference }
  | { id: number; type: 'score-text'; bytes: Uint8Array }
  | { id: number; type: 'pair-fits'; fits: Float64Array }
  | { id: number; type: 'error'; message: string };

/** What the worker receives at start: where to answer, and the flag to raise after each answer. */
export type HelperStart = { answers: MessagePort; flag: Int32Array };

export type FactorHelper = {
  /** Starts drawing the reference; the returned function waits for it (undefined: draw it yourself). */
  parallelReference(n: number, p: number, seed: number, iterations: number): () => ParallelReference | undefined;
  /** Starts writing score rows start..stop − 1 of the row-major n × m `scores` as JSON text; the function waits for the bytes. */
  scoreText(scores: Float64Array, m: number, start: number, stop: number): () => Uint8Array | undefined;
  /** Starts fitting a share of the polychoric pairs (fitPairRange); the function waits for the fits. */
  pairFits: PairFitDelegate;
  close(): void;
};

/** A helper for analysing `file`, or null when the file is small, the machine has one core, or no worker can be started. */
export function helperFor(file: string): FactorHelper | null {
  if (availableParallelism() < 2) return null;
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    return null; // loading the file will say what is wrong with it
  }
  return size >= HELPER_MIN_BYTES ? startFactorHelper() : null;
}

export function startFactorHelper(script = join(__dirname, 'factor-helper-worker.cjs')): FactorHelper | null {
  if (!existsSync(script)) return null;
  let worker: Worker;
  const { port1: answers, port2: workerAnswers } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  try {
    const start: HelperStart = { answers: workerAnswers, flag };
    worker = new Worker(script, { workerData: start, transferList: [workerAnswers] });
  } catch {
    return null;
  }
  worker.unref();
  let failed = false;
  worker.on('error', () => {
    failed = true;
  });
  let nextId = 1;
  /** Answers that arrived while waiting for another one. */
  const early = new Map<number, HelperAnswer>();

  const waitFor = (id: number): HelperAnswer | undefined => {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    for (;;) {
      const found = early.get(id);
      if (found !== undefined) {
        early.delete(id);
        return found;
      }
      // The flag is read before the port is polled: an answer posted after the poll has changed it.
      const seen = Atomics.load(flag, 0);
      const received = receiveMessageOnPort(answers);
      if (received !== undefined) {
        const answer = received.message as HelperAnswer;
        if (answer.id === id) return answer;
        early.set(answer.id, answer);
        continue;
      }
      if (failed || Date.now() > deadline) return undefined;
      Atomics.wait(flag, 0, seen, 50);
    }
  };

  const ask = (request: HelperRequest, transfer: ArrayBuffer[] = []): number => {
    if (!failed) {
      try {
        worker.postMessage(request, transfer);
      } catch {
        failed = true;
      }
    }
    return request.id;
  };

  return {
    parallelReference(n, p, seed, iterations) {
      const id = ask({ id: nextId++, type: 'parallel-reference', n, p, seed, iterations });
      return () => {
        const answer = waitFor(id);
        return answer?.type === 'parallel-reference' ? answer.reference : undefined;
      };
    },
    scoreText(scores, m, start, stop) {
      const rows = scores.slice(start * m, stop * m);
      const id = ask({ id: nextId++, type: 'score-text', scores: rows, m, start, stop }, [rows.buffer]);
      return () => {
        const answer = waitFor(id);
        return answer?.type === 'score-text' ? answer.bytes : undefined;
      };
    },
    pairFits(job) {
      const id = ask({ id: nextId++, type: 'pair-fits', job });
      return () => {
        const answer = waitFor(id);
        return answer?.type === 'pair-fits' ? answer.fits : undefined;
      };
    },
    close() {
      answers.close();
      void worker.terminate();
    },
  };
}
