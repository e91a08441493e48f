/**
 * The one iteration driver. Long computations are generators that yield Progress; this drains them,
 * checks the AbortSignal between steps and yields to the event loop on a time budget, so that a
 * worker receives a cancel message within a fraction of a second. A synchronous caller (tests, the
 * CLI's in-process path) uses drainSteps on the same generator: one loop, not two.
 */
import { CancellationError } from '../errors';

export type Progress = {
  stage: string;
  current: number;
  total: number;
  /** Free-form detail for the UI, e.g. { k: 4, start: 7, iteration: 31, logLik: -1234.5 }. */
  detail?: Record<string, number | string>;
};

export type RunOptions = {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
};

export const YIELD_BUDGET_MS = 40;

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancellationError();
}

export async function runSteps<T>(steps: Generator<Progress, T, void>, run: RunOptions = {}): Promise<T> {
  const { signal, onProgress } = run;
  throwIfAborted(signal);
  let lastYield = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onProgress?.(step.value);
    if (Date.now() - lastYield >= YIELD_BUDGET_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
    throwIfAborted(signal);
  }
}

export function drainSteps<T>(steps: Generator<Progress, T, void>, run: RunOptions = {}): T {
  const { signal, onProgress } = run;
  throwIfAborted(signal);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    onProgress?.(step.value);
    throwIfAborted(signal);
  }
}
