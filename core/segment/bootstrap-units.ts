/**
 * Bootstrap replicates for a fitted K-class solution, one replicate per unit so that the worker pool
 * runs them in parallel and each is a pure function of (data, unit) with its own derived seed.
 *
 * Stability (nonparametric; Hennig 2007 style, by ARI): draw N respondents with replacement
 * (seed deriveSeed(seed, 1, K, b)), refit K classes with a few screened starts, and compute the
 * adjusted Rand index between the refit's modal classes and the full solution's modal classes of
 * the same respondents. Mean ARI near 1: a reproducible segmentation. (Resampling is by row
 * position; the full solution itself is row-order free.)
 *
 * Bootstrap likelihood-ratio test (parametric; McLachlan 1987, Nylund et al. 2007) of K−1 against
 * K classes: simulate N respondents from the fitted (K−1)-class model (seed deriveSeed(seed, 2, K, b)),
 * refit both K−1 and K classes, each from the observed-data estimate plus random starts (warm starts
 * alone make the test anti-conservative), LRT_b = 2(ℓ_K − ℓ_{K−1}).
 * p = (1 + #{LRT_b ≥ LRT_obs}) / (B + 1) over the replicates whose refits succeeded (mclust's
 * formula). Needs model.simulate.
 */
import type { Progress } from '../jobs/run-steps';
import { BugError } from '../errors';
import { createRng, deriveSeed } from '../random/rng';
import { adjustedRandIndex } from './adjusted-rand';
import type { MixtureModel } from './mixture-model';
import { fitMixtureRange, isFailedFit, type ScreeningOptions } from './multistart';

export type RefitOptions = { starts: number; maxIterations: number; tolerance: number; screening: ScreeningOptions | null };

export const REFIT_DEFAULTS: RefitOptions = { starts: 4, maxIterations: 1000, tolerance: 1e-6, screening: { iterations: 20, keep: 2 } };

export type BootstrapUnit =
  | { type: 'stability'; k: number; replicate: number; seed: number; reference: unknown; refit: RefitOptions }
  | { type: 'blrt'; k: number; replicate: number; seed: number; nullParams: unknown; alternativeParams: unknown; refit: RefitOptions };

export type BootstrapOutcome =
  | { type: 'stability'; k: number; replicate: number; ari: number }
  | { type: 'blrt'; k: number; replicate: number; lrt: number };

function modalLabels(posteriors: Float64Array, k: number): Int32Array {
  const n = posteriors.length / k;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let c = 0; c < k; c++) {
      const t = posteriors[i * k + c]!;
      if (t > bestValue) {
        bestValue = t;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}

/** Best ℓ and params for k classes on `data`: a warm start from `warm` (if given) and screened random starts. */
function* refitBest<D, P>(model: MixtureModel<D, P>, data: D, k: number, seed: number, refit: RefitOptions, warm: P | null): Generator<Progress, { logLik: number; params: P } | null, void> {
  const range = yield* fitMixtureRange(model, data, { classes: [k, k], starts: refit.starts, kmeansStart: true, maxIterations: refit.maxIterations, tolerance: refit.tolerance, seed, screening: refit.screening });
  const fit = range.fits[0]!;
  let best = isFailedFit(fit) ? null : { logLik: fit.logLik, params: fit.params };
  if (warm !== null) {
    const outcome = yield* model.runEm(data, warm, { maxIterations: refit.maxIterations, tolerance: refit.tolerance });
    if (outcome.failure === null && Number.isFinite(outcome.logLik) && (best === null || outcome.logLik > best.logLik)) best = { logLik: outcome.logLik, params: outcome.params };
  }
  return best;
}

export function* runBootstrapUnit<D, P>(model: MixtureModel<D, P>, data: D, unit: BootstrapUnit): Generator<Progress, BootstrapOutcome, void> {
  const { k, replicate } = unit;
  if (unit.type === 'stability') {
    if (model.resample === undefined) throw new BugError(`The ${model.kind} model cannot resample respondents.`);
    const rng = createRng(deriveSeed(unit.seed, 1, k, replicate));
    const { n } = model.sampleSize(data);
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    const sample = model.resample(data, rows);
    const fitted = yield* refitBest(model, sample, k, deriveSeed(unit.seed, 3, k, replicate), unit.refit, null);
    if (fitted === null) return { type: 'stability', k, replicate, ari: NaN };
    const reference = modalLabels(model.posteriors(sample, unit.reference as P).posteriors, k);
    const refitLabels = modalLabels(model.posteriors(sample, fitted.params).posteriors, k);
    return { type: 'stability', k, replicate, ari: adjustedRandIndex(reference, refitLabels) };
  }
  if (model.simulate === undefined) throw new BugError(`The ${model.kind} model cannot simulate data for a bootstrap LRT.`);
  const rng = createRng(deriveSeed(unit.seed, 2, k, replicate));
  const simulated = model.simulate(data, unit.nullParams as P, rng);
  const fit0 = yield* refitBest(model, simulated, k - 1, deriveSeed(unit.seed, 4, k, replicate), unit.refit, unit.nullParams as P);
  const fit1 = yield* refitBest(model, simulated, k, deriveSeed(unit.seed, 5, k, replicate), unit.refit, unit.alternativeParams as P);
  const lrt = fit0 === null || fit1 === null ? NaN : 2 * (fit1.logLik - fit0.logLik);
  return { type: 'blrt', k, replicate, lrt };
}

export type StabilitySummary = { k: number; replicates: number; failed: number; meanAri: number; medianAri: number; lowerAri: number; upperAri: number };

function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Mean, median and 5%/95% quantiles (type-7) of the replicates' ARI. */
export function summariseStability(k: number, aris: readonly number[]): StabilitySummary {
  const valid = aris.filter((a) => Number.isFinite(a)).sort((a, b) => a - b);
  const mean = valid.reduce((s, a) => s + a, 0) / valid.length;
  return { k, replicates: aris.length, failed: aris.length - valid.length, meanAri: mean, medianAri: quantile(valid, 0.5), lowerAri: quantile(valid, 0.05), upperAri: quantile(valid, 0.95) };
}

export type BlrtSummary = { k: number; observedLrt: number; replicates: number; failed: number; pValue: number };

/** p = (1 + #{LRT_b ≥ LRT_obs}) / (B + 1), B = replicates whose refits succeeded. */
export function summariseBlrt(k: number, observedLrt: number, lrts: readonly number[]): BlrtSummary {
  const valid = lrts.filter((x) => Number.isFinite(x));
  const exceed = valid.filter((x) => x >= observedLrt).length;
  return { k, observedLrt, replicates: lrts.length, failed: lrts.length - valid.length, pValue: (1 + exceed) / (valid.length + 1) };
}
