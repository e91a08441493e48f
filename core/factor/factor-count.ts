/**
 * How many factors? All the usual answers side by side, and one suggestion with its reason.
 *
 * - kaiser: number of eigenvalues of R ≥ 1 (Kaiser–Guttman; nFactors::nkaiser's ≥).
 * - parallel: psych::fa.parallel's nfact (and ncomp for components), parallel-analysis.ts.
 * - map: Velicer's MAP as psych::VSS (velicer-map.ts).
 * - scree: per position, the observed PC and FA eigenvalues with the simulated means and
 *   thresholds, ready for a scree plot.
 *
 * Rule for `suggested` (documented, deterministic given the seed):
 *   1. start from parallel analysis on the factor eigenvalues (nfact): in simulation studies it is
 *      the most accurate of these rules (Horn 1965; Zwick & Velicer 1986), and it is psych's
 *      headline answer;
 *   2. if it is 0 (nothing stands out), use 1: a factor analysis needs at least one factor, and a
 *      notice says the data show no common factor beyond chance;
 *   3. cap it at the largest m with non-negative degrees of freedom,
 *      p(p − 1)/2 − p·m + m(m − 1)/2 ≥ 0 (more factors than the data support cannot be identified),
 *      with a 'too-many-factors' notice when the cap bites.
 * When the rules disagree, an info notice lists them so the researcher can compare solutions.
 */
import { drainSteps, type Progress, type RunOptions } from '../jobs/run-steps';
import { eigenvaluesSymmetric } from '../math/eigen-symmetric';
import type { Matrix } from '../math/matrix';
import { notice, type Notice } from '../notices';
import { InputError } from '../errors';
import type { ItemColumns } from './item-columns';
import { parallelAnalysisSteps, type ParallelAnalysis, type ParallelReference } from './parallel-analysis';
import { velicerMap, type VelicerMap } from './velicer-map';

export type FactorCountOptions = {
  seed: number;
  /** Parallel-analysis replications (psych n.iter, default 20). */
  iterations?: number;
  /** The correlation type R was computed with (recorded; the simulated data always use Pearson). */
  method?: 'pearson' | 'polychoric';
  /** Parallel analysis's reference draws computed beforehand (ParallelOptions.reference). */
  parallelReference?: ParallelReference;
};

export type ScreePoint = {
  /** 1-based position. */
  index: number;
  eigenvalue: number;
  reducedEigenvalue: number;
  simulatedPcMean: number;
  simulatedPcThreshold: number;
  simulatedFaMean: number;
  simulatedFaThreshold: number;
};

export type FactorCount = {
  kind: 'factor-count';
  schemaVersion: 1;
  seed: number;
  method: 'pearson' | 'polychoric';
  n: number;
  kaiser: number;
  parallel: { nFactors: number; nComponents: number };
  map: number;
  suggested: number;
  /** Eigenvalues of R, descending. */
  eigenvalues: Float64Array;
  scree: ScreePoint[];
  parallelDetails: ParallelAnalysis;
  mapDetails: VelicerMap;
  notices: Notice[];
};

/** Largest m with p(p−1)/2 − p·m + m(m−1)/2 ≥ 0 (at least 1). */
export function maxIdentifiedFactors(p: number): number {
  let m = 1;
  while (m + 1 < p && (p * (p - 1)) / 2 - p * (m + 1) + ((m + 1) * m) / 2 >= 0) m++;
  return m;
}

export function* factorCountSteps(data: ItemColumns | null, R: Matrix, n: number, options: FactorCountOptions): Generator<Progress, FactorCount, void> {
  const p = R.rows;
  if (data !== null && data.columns.length !== p) throw new InputError('option-invalid', `The data have ${data.columns.length} items but the correlation matrix has ${p}; pass the same items to both.`);
  if (p < 3) throw new InputError('data-insufficient', `Counting factors needs at least 3 items; ${p} given. Add items.`);
  if (!(n >= 3)) throw new InputError('data-insufficient', `Counting factors needs at least 3 respondents; ${n} given.`);
  const eigenvalues = eigenvaluesSymmetric(R.data, p);
  let kaiser = 0;
  for (const value of eigenvalues) if (value >= 1) kaiser++;
  const parallel = yield* parallelAnalysisSteps(R, n, {
    seed: options.seed,
    ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
    ...(options.parallelReference === undefined ? {} : { reference: options.parallelReference }),
  });
  const map = velicerMap(R);
  const notices: Notice[] = [];
  let suggested = parallel.nFactors;
  if (suggested < 1) {
    suggested = 1;
    notices.push(notice('info', 'warning', 'Parallel analysis finds no factor standing out from random data; one factor is suggested, but the items may not share a common factor.'));
  }
  const cap = maxIdentifiedFactors(p);
  if (suggested > cap) {
    notices.push(notice('too-many-factors', 'warning', `Parallel analysis suggests ${suggested} factors, but ${p} items identify at most ${cap}; ${cap} is suggested.`));
    suggested = cap;
  }
  if (new Set([parallel.nFactors, map.nFactors, kaiser]).size > 1) {
    notices.push(notice('info', 'info', `The rules disagree: parallel analysis ${parallel.nFactors} factors (${parallel.nComponents} components), Velicer's MAP ${map.nFactors}, Kaiser (eigenvalues ≥ 1) ${kaiser}. ${suggested} is suggested (parallel analysis); compare neighbouring solutions.`));
  }
  const scree: ScreePoint[] = Array.from(eigenvalues, (eigenvalue, k) => ({
    index: k + 1,
    eigenvalue,
    reducedEigenvalue: parallel.faValues[k]!,
    simulatedPcMean: parallel.pcSimulatedMean[k]!,
    simulatedPcThreshold: parallel.pcThreshold[k]!,
    simulatedFaMean: parallel.faSimulatedMean[k]!,
    simulatedFaThreshold: parallel.faThreshold[k]!,
  }));
  return {
    kind: 'factor-count',
    schemaVersion: 1,
    seed: options.seed,
    method: options.method ?? 'pearson',
    n,
    kaiser,
    parallel: { nFactors: parallel.nFactors, nComponents: parallel.nComponents },
    map: map.nFactors,
    suggested,
    eigenvalues,
    scree,
    parallelDetails: parallel,
    mapDetails: map,
    notices,
  };
}

/**
 * Synchronous entry point (drains factorCountSteps). `data` (the item columns) is checked for
 * shape only: the reference draws are simulated normal data of the same n and p, as psych.
 */
export function suggestFactorCount(data: ItemColumns | null, R: Matrix, n: number, options: FactorCountOptions, run: RunOptions = {}): FactorCount {
  return drainSteps(factorCountSteps(data, R, n, options), run);
}
