/**
 * Horn's parallel analysis as psych::fa.parallel(x, fm = "minres", fa = "both", n.iter = 20,
 * quant = .95, sim = TRUE): how many factors/components stand out from what uncorrelated data of
 * the same size produces.
 *
 * Observed values (exactly as psych):
 *   PC: eigenvalues of R.
 *   FA: eigenvalues of R with its diagonal replaced by the communalities of a one-factor minres
 *       solution (psych's fa(R, fm = "minres")$values; extraction by extract.ts).
 * Reference values: each of `iterations` replications stands for an n×p matrix of independent
 * N(0, 1) values, its Pearson R and the same PC and FA eigenvalues. psych always uses Pearson
 * here, even for polychoric input: simulated normal data have no categories.
 * We draw that R directly rather than the n×p data: the centred cross-product matrix of n iid
 * N(0, I_p) rows is Wishart(n − 1, I_p), which Bartlett's decomposition samples as A·Aᵀ with A
 * lower triangular, A_ii = sqrt(χ²_{n−i}) (i = 1..p) and A_ij ~ N(0, 1) below the diagonal; R is
 * its rescaling to unit diagonal. Same distribution, O(p²) instead of O(n·p²) per replication,
 * so N = 112,000 costs what N = 300 does. χ² draws: Marsaglia & Tsang (2000) gamma sampler. One
 * seeded Rng stream per replication (deriveSeed), so results do not depend on run order.
 * The reference draws depend on (n, p, seed, iterations) only (parallelReferenceSteps). Measured
 * and dropped (2026-11-23, idle 2-core machine): drawing them on a worker thread started before
 * the file is read, in parallel with the correlations and the model fit — bfi wall 0.266 s
 * (min of 15) vs 0.248 s in-process; the thread's start-up and its own cold JIT cost more than the
 * overlap saves.
 * Threshold per position k: the 95% quantile (R's type-7 quantile) of the replications' k-th
 * eigenvalue (psych applies `quant` always since its 2018 fix).
 * Decision ("first failure", psych): nfact = (first k with fa_k ≤ threshold_k) − 1, and ncomp
 * likewise with the PC values. It is not a count of exceedances.
 *
 * Not reproduced: psych's column-wise resampling of the raw data (computed, then overwritten by the
 * simulated thresholds in the fa = "both" branch), and R's random draws themselves: the suggested
 * counts agree where the structure is clear (bfi: 6 and 6), the thresholds within Monte-Carlo error.
 * Cost: iterations × (p²/2 normal draws + two p×p eigendecompositions + one 1-factor minres fit).
 * Oracle: tests/oracle/parallel-analysis.test.ts.
 */
import { BugError } from '../errors';
import { type Progress } from '../jobs/run-steps';
import { eigenvaluesSymmetric } from '../math/eigen-symmetric';
import type { Matrix } from '../math/matrix';
import { wasmNullCorrelation } from '../kernels/model';
import { createRng, deriveSeed, normaliseSeed, type Rng } from '../random/rng';
import { extractFactors } from './extract';

export const PARALLEL_DEFAULT_ITERATIONS = 20;
export const PARALLEL_QUANTILE = 0.95;

/** The reference draws (without their n and p) with the observed values and the decisions. */
export type ParallelAnalysis = Omit<ParallelReference, 'n' | 'p'> & {
  /** Observed eigenvalues of R (components). */
  pcValues: Float64Array;
  /** Observed eigenvalues of the one-factor minres reduced matrix. */
  faValues: Float64Array;
  /** Suggested number of factors (FA values) and of components (PC values). */
  nFactors: number;
  nComponents: number;
};

export type ParallelOptions = {
  seed: number;
  iterations?: number;
  quantile?: number;
  /**
   * The reference draws computed beforehand (parallelReferenceSteps with the same n, p, seed,
   * iterations and quantile, checked): elsewhere, e.g. on another thread while the correlations
   * are computed. The result is bit-identical.
   */
  reference?: ParallelReference;
};

/**
 * The simulated matrices' one-factor fits stop at a projected gradient of 1e-6 instead of 1e-9:
 * their eigenvalues move by ~1e-6 at most, four orders below the Monte-Carlo error of 20 draws
 * (SD of a simulated eigenvalue ≈ 1e-2), for 28 % fewer iterations. Observed values keep 1e-9.
 */
const REFERENCE_GRADIENT_TOLERANCE = 1e-6;

/**
 * The one-factor fits end a line search at a trial that moves no uniqueness by 1e-10 or more. At
 * the observed fit's gradient tolerance (1e-9) the objective's rounding noise outweighs what such
 * steps can gain, and the search otherwise spent ~55 of bfi's 71 evaluations (6 ms of a cold
 * process) on them before failing. Measured on the oracle and generalisation batteries (Pearson
 * and polychoric): uniquenesses and FA values move by 1.4e-11 at most (bfi polychoric), most by 0;
 * the simulated fits (gradient 1e-6) never reach such steps (200 null matrices: unchanged).
 */
const ONE_FACTOR_STEP_TOLERANCE = 1e-10;

/** Eigenvalues of R with the communalities of a one-factor minres fit on the diagonal. */
export function oneFactorReducedEigenvalues(R: Matrix, gradientTolerance?: number): Float64Array {
  const extraction = extractFactors(R, 1, 'minres', { stepTolerance: ONE_FACTOR_STEP_TOLERANCE, ...(gradientTolerance === undefined ? {} : { gradientTolerance }) });
  if (extraction.eigenvaluesReduced !== null) return extraction.eigenvaluesReduced;
  const p = R.rows;
  const reduced = new Float64Array(R.data);
  for (let i = 0; i < p; i++) reduced[i * p + i] = extraction.communalities[i]!;
  return eigenvaluesSymmetric(reduced, p);
}

/** R's quantile(x, q, type = 7) of an unsorted sample. */
export function quantileType7(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** psych's rule: (index of the first observed value not above its threshold) − 1, 1-based. */
export function firstFailure(observed: Float64Array, threshold: Float64Array): number {
  for (let k = 0; k < observed.length; k++) if (!(observed[k]! > threshold[k]!)) return k;
  return observed.length;
}

/**
 * The reference half of parallel analysis: thresholds from `iterations` null correlation matrices
 * of n respondents and p items, a function of (n, p, seed, iterations, quantile) alone.
 */
export type ParallelReference = {
  n: number;
  p: number;
  seed: number;
  iterations: number;
  quantile: number;
  /** Mean, SD (n − 1 divisor) and quantile of the simulated component eigenvalues, per position. */
  pcSimulatedMean: Float64Array;
  pcSimulatedSd: Float64Array;
  pcThreshold: Float64Array;
  faSimulatedMean: Float64Array;
  faSimulatedSd: Float64Array;
  faThreshold: Float64Array;
};

export function* parallelReferenceSteps(n: number, p: number, options: ParallelOptions): Generator<Progress, ParallelReference, void> {
  const iterations = options.iterations ?? PARALLEL_DEFAULT_ITERATIONS;
  const quantile = options.quantile ?? PARALLEL_QUANTILE;
  const pcDraws = new Float64Array(iterations * p);
  const faDraws = new Float64Array(iterations * p);
  for (let it = 0; it < iterations; it++) {
    yield { stage: 'parallel-analysis', current: it, total: iterations };
    const matrix = simulateNullCorrelationSeeded(n, p, deriveSeed(options.seed, it));
    pcDraws.set(eigenvaluesSymmetric(matrix.data, p), it * p);
    faDraws.set(oneFactorReducedEigenvalues(matrix, REFERENCE_GRADIENT_TOLERANCE), it * p);
  }
  yield { stage: 'parallel-analysis', current: iterations, total: iterations };
  const summarise = (draws: Float64Array): { mean: Float64Array; sd: Float64Array; threshold: Float64Array } => {
    const mean = new Float64Array(p);
    const sd = new Float64Array(p);
    const threshold = new Float64Array(p);
    const column = new Float64Array(iterations);
    for (let k = 0; k < p; k++) {
      for (let it = 0; it < iterations; it++) column[it] = draws[it * p + k]!;
      mean[k] = column.reduce((s, v) => s + v, 0) / iterations;
      sd[k] = Math.sqrt(column.reduce((s, v) => s + (v - mean[k]!) ** 2, 0) / (iterations - 1));
      threshold[k] = quantileType7(column, quantile);
    }
    return { mean, sd, threshold };
  };
  const pc = summarise(pcDraws);
  const fa = summarise(faDraws);
  return {
    n,
    p,
    seed: options.seed,
    iterations,
    quantile,
    pcSimulatedMean: pc.mean,
    pcSimulatedSd: pc.sd,
    pcThreshold: pc.threshold,
    faSimulatedMean: fa.mean,
    faSimulatedSd: fa.sd,
    faThreshold: fa.threshold,
  };
}

/** Parallel analysis of R (n respondents): the observed values against the reference draws. */
export function* parallelAnalysisSteps(R: Matrix, n: number, options: ParallelOptions): Generator<Progress, ParallelAnalysis, void> {
  const p = R.rows;
  const pcValues = eigenvaluesSymmetric(R.data, p);
  const faValues = oneFactorReducedEigenvalues(R);
  const { n: _n, p: _p, ...reference } = options.reference === undefined ? yield* parallelReferenceSteps(n, p, options) : checkedReference(options.reference, n, p, options);
  return {
    ...reference,
    pcValues,
    faValues,
    nFactors: firstFailure(faValues, reference.faThreshold),
    nComponents: firstFailure(pcValues, reference.pcThreshold),
  };
}

function checkedReference(reference: ParallelReference, n: number, p: number, options: ParallelOptions): ParallelReference {
  const iterations = options.iterations ?? PARALLEL_DEFAULT_ITERATIONS;
  const quantile = options.quantile ?? PARALLEL_QUANTILE;
  if (reference.n !== n || reference.p !== p || reference.seed !== options.seed || reference.iterations !== iterations || reference.quantile !== quantile) {
    throw new BugError(
      `parallelAnalysisSteps: a reference for n ${reference.n}, p ${reference.p}, seed ${reference.seed}, ${reference.iterations} replications, quantile ${reference.quantile} given for n ${n}, p ${p}, seed ${options.seed}, ${iterations} replications, quantile ${quantile}`,
    );
  }
  return reference;
}

/** Gamma(shape, 1) draw, Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1)·U^{1/shape}. */
export function gammaDraw(shape: number, rng: Rng): number {
  if (shape < 1) {
    let u = rng.uniform();
    while (u === 0) u = rng.uniform();
    return gammaDraw(shape + 1, rng) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * simulateNullCorrelation with a fresh stream createRng(seed), drawn by its WebAssembly build
 * (core/kernels/assembly/random.ts: the same draws in the same order, the same bits) where one is
 * available.
 */
export function simulateNullCorrelationSeeded(n: number, p: number, seed: number): Matrix {
  const compiled = wasmNullCorrelation(n, p, normaliseSeed(seed));
  return compiled !== null ? { rows: p, cols: p, data: compiled } : simulateNullCorrelation(n, p, createRng(seed));
}

/**
 * The Pearson correlation matrix of n iid N(0, I_p) rows, drawn through Bartlett's decomposition
 * of the Wishart(n − 1, I_p) cross-product matrix (see the header).
 */
export function simulateNullCorrelation(n: number, p: number, rng: Rng): Matrix {
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    a[i * p + i] = Math.sqrt(2 * gammaDraw((n - 1 - i) / 2, rng));
    for (let j = 0; j < i; j++) a[i * p + j] = rng.normal();
  }
  const w = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += a[i * p + k]! * a[j * p + k]!;
      w[i * p + j] = s;
      w[j * p + i] = s;
    }
  }
  const sd = new Float64Array(p);
  for (let i = 0; i < p; i++) sd[i] = Math.sqrt(w[i * p + i]!);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) w[i * p + j] = i === j ? 1 : w[i * p + j]! / (sd[i]! * sd[j]!);
  return { rows: p, cols: p, data: w };
}
