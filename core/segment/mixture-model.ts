/**
 * The contract every segmentation model (latent class, latent profile, mixed, k-means as a
 * degenerate case) implements, so that one multi-start driver, one model-comparison table, one
 * bootstrap and one worker protocol serve them all.
 *
 * Data and parameters are plain objects of numbers and typed arrays: they cross worker boundaries
 * by structured clone or transfer. Axis order: respondents first, then classes (posteriors are
 * N×K row-major), then items/variables.
 */
import type { Progress } from '../jobs/run-steps';
import type { Rng } from '../random/rng';

export type SegmentModelKind = 'lca' | 'lpa' | 'mixed' | 'kmeans';

export type EmOptions = {
  maxIterations: number;
  /** Converged when the absolute change in log-likelihood between iterations is below this. */
  tolerance: number;
  /** Convergence acceleration (SQUAREM for LCA) when the model has one; default true. Iterations count passes over the data either way. */
  accelerate?: boolean;
};

export type EmOutcome<P> = {
  params: P;
  logLik: number;
  iterations: number;
  converged: boolean;
  /** Why the start was discarded (empty class, NaN likelihood, singular covariance), or null. */
  failure: string | null;
};

export type MixtureModel<D, P> = {
  readonly kind: SegmentModelKind;
  /** Parameters for k classes from a seeded random draw. */
  randomStart(data: D, k: number, rng: Rng): P;
  /** Parameters for k classes from a hard partition of the respondents (e.g. k-means labels 0..k-1). */
  partitionStart(data: D, k: number, labels: Int32Array): P;
  /** EM from `start`; yields Progress once per iteration (detail: iteration, logLik). */
  runEm(data: D, start: P, options: EmOptions): Generator<Progress, EmOutcome<P>, void>;
  /** Posterior class probabilities (N×K row-major; NaN row for a respondent with nothing observed) and the weighted log-likelihood. */
  posteriors(data: D, params: P): { posteriors: Float64Array; logLik: number };
  /** Number of free parameters of a k-class model on this data. */
  parameterCount(data: D, k: number): number;
  /** Class shares (weighted; averaged over respondents when covariates make them individual). */
  classShares(params: P): Float64Array;
  /** The same solution with classes reordered: new class c is old class order[c]. */
  permuteClasses(params: P, order: readonly number[]): P;
  /** Respondents that enter the likelihood and the sum of their weights (= n when unweighted). */
  sampleSize(data: D): { n: number; weightSum: number };
  /** OPTIONAL. A data set of the same size drawn from the fitted model (parametric bootstrap, BLRT). */
  simulate?(data: D, params: P, rng: Rng): D;
  /** OPTIONAL. The respondents at `rows` (with repeats), for nonparametric bootstrap stability. */
  resample?(data: D, rows: Int32Array): D;
  /** OPTIONAL. A numeric respondent × feature matrix (NaN = missing) on which the driver runs k-means for its k-means start. */
  numericView?(data: D): { n: number; d: number; values: Float64Array };
};
