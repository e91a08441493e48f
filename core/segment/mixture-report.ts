/**
 * The model-comparison entry every mixture analysis (lca, lpa) reports per fitted K: fit statistics,
 * start diagnostics, modal assignments in file row order and, on request, posteriors. Plain data,
 * ready for JSON (typed arrays become arrays, NaN becomes null in the CLI's writer).
 *
 * Class numbers are 1-based in size order: class 1 is the largest. A respondent that was not
 * analysed (listwise deletion, missing weight or covariate) has assignment null and posteriors null.
 */
import type { Notice } from '../notices';
import type { FailedFit, MixtureFit } from './multistart';

export type MixtureEntryBase = {
  classes: number;
  logLik: number;
  npar: number;
  aic: number;
  bic: number;
  sabic: number;
  caic: number;
  entropy: number | null;
  /** Class shares, descending (class 1 first). */
  sizes: number[];
  smallestShare: number;
  /** Average posterior probability of the respondents modally assigned to each class (class order). */
  averagePosterior: number[];
  bestLogLikReplicated: number;
  /** Starts run to convergence whose modal classification matches the best's (adjusted Rand ≥ 0.95), the best included. */
  sameSolutionStarts: number;
  startsRun: number;
  startsFailed: number;
  /** Starts run to convergence after screening (bestLogLikReplicated counts among these). */
  startsFinal: number;
  converged: boolean;
  iterations: number;
  /** Final log-likelihoods of the starts run to the end, best first. */
  finalLogLiks: number[];
  /** Modal class (1-based) of every file row, null when the row was not analysed. */
  assignments: (number | null)[];
  posteriors?: (number[] | null)[];
  notices: Notice[];
};

export type FailedEntry = { classes: number; failed: true; message: string; startsRun: number; startsFailed: number; notices: Notice[] };

/** Modal class per analysed respondent (0-based; first maximum wins), -1 for a NaN row. */
export function modalClasses(posteriors: Float64Array, k: number): Int32Array {
  const n = posteriors.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let value = -Infinity;
    for (let c = 0; c < k; c++) {
      const t = posteriors[i * k + c]!;
      if (t > value) {
        value = t;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

export function mixtureEntry<P>(fit: MixtureFit<P>, rowIndex: Int32Array, totalRows: number, withPosteriors: boolean): MixtureEntryBase {
  const k = fit.k;
  const modal = modalClasses(fit.posteriors, k);
  const assignments = new Array<number | null>(totalRows).fill(null);
  rowIndex.forEach((row, i) => (assignments[row] = modal[i]! >= 0 ? modal[i]! + 1 : null));
  const entry: MixtureEntryBase = {
    classes: k,
    logLik: fit.logLik,
    npar: fit.npar,
    aic: fit.fit.aic,
    bic: fit.fit.bic,
    sabic: fit.fit.sabic,
    caic: fit.fit.caic,
    entropy: fit.fit.entropy,
    sizes: fit.fit.sizes,
    smallestShare: fit.fit.smallestShare,
    averagePosterior: fit.fit.averagePosterior,
    bestLogLikReplicated: fit.bestLogLikReplicated,
    sameSolutionStarts: fit.sameSolutionStarts,
    startsRun: fit.startsRun,
    startsFailed: fit.startsFailed,
    startsFinal: fit.startsFinal,
    converged: fit.converged,
    iterations: fit.iterations,
    finalLogLiks: fit.finalLogLiks,
    assignments,
    notices: fit.notices,
  };
  if (withPosteriors) {
    const posteriors = new Array<number[] | null>(totalRows).fill(null);
    rowIndex.forEach((row, i) => (posteriors[row] = Array.from(fit.posteriors.subarray(i * k, i * k + k))));
    entry.posteriors = posteriors;
  }
  return entry;
}

export function failedEntry(fit: FailedFit): FailedEntry {
  return { classes: fit.k, failed: true, message: fit.message, startsRun: fit.startsRun, startsFailed: fit.startsFailed, notices: fit.notices };
}
