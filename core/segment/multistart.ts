/**
 * The multi-start driver shared by every MixtureModel (latent class, latent profile): for each K in
 * a range, many seeded starts, screening, replication check, canonical class order, fit statistics.
 *
 * Starts per K: start 0 is the k-means start (k-means++ on the model's numericView, when it has
 * one); starts 1..S are random starts (model.randomStart). Start s of K draws from
 * createRng(deriveSeed(seed, K, s)), so results never depend on scheduling, worker count or on how
 * many starts were requested (adding starts keeps the earlier ones).
 *
 * Screening (Mplus STARTS / Latent GOLD practice): every start runs `screening.iterations` EM
 * iterations; the `screening.keep` best by log-likelihood (ties: lower start index) continue to
 * convergence. Without screening every start runs to convergence.
 *
 * A start whose EM reports a failure (empty class, singular covariance, NaN) is discarded and
 * counted in `startsFailed`, never an error. "Best LL replicated": the number of starts run to the
 * end whose final ℓ is within max(0.01, 1e-6·|ℓ_best|) of the best. "Same solution": the number of
 * starts run to the end whose modal classification agrees with the best's at an adjusted Rand
 * index ≥ SAME_SOLUTION_ARI (the best included). A best ℓ reached once raises 'll-not-replicated':
 * a warning when no other start found the same segments (a possible local maximum), an info
 * notice when others did (a flat likelihood: several maxima within a few ℓ units that differ only
 * in a handful of borderline respondents, as happens with survey weights and sparse answer cells).
 *
 * Class order: decreasing class share (model.classShares); exact ties keep the estimate's order.
 *
 * Two executors run the same plan: fitMixtureRange (a generator, in-process, for tests and small
 * jobs) and fitMixtureRangeAsync (units handed to an executor such as the worker pool). Both call
 * planScreening / planFinals / assembleFit, and units are pure functions of (data, unit, seed), so
 * the two paths give identical results.
 */
import type { Progress } from '../jobs/run-steps';
import { throwIfAborted, type RunOptions } from '../jobs/run-steps';
import { notice, type Notice } from '../notices';
import { createRng, deriveSeed } from '../random/rng';
import { computeFitStatistics, type FitStatistics } from './fit-statistics';
import { kmeansStartLabels } from './kmeans';
import type { EmOutcome, MixtureModel } from './mixture-model';
import { adjustedRandIndex } from './adjusted-rand';
import { modalClasses } from './mixture-report';

export type ScreeningOptions = { iterations: number; keep: number };

export type MultistartOptions = {
  classes: [number, number];
  /** Random starts per K (the k-means start comes on top). */
  starts: number;
  kmeansStart: boolean;
  maxIterations: number;
  /** EM stops when |Δℓ| < tolerance. */
  tolerance: number;
  seed: number;
  screening: ScreeningOptions | null;
};

export const MULTISTART_DEFAULTS: Omit<MultistartOptions, 'classes' | 'seed'> = {
  starts: 20,
  kmeansStart: true,
  maxIterations: 5000,
  tolerance: 1e-8,
  screening: { iterations: 50, keep: 4 },
};

/** One (K, start) EM run: from the start's own seed (initial null) or continued from screened params. */
export type StartUnit<P> = { k: number; start: number; maxIterations: number; tolerance: number; seed: number; initial: P | null };

export type UnitOutcome<P> = EmOutcome<P> & { k: number; start: number };

export type MixtureFit<P> = {
  k: number;
  params: P;
  logLik: number;
  npar: number;
  fit: FitStatistics;
  converged: boolean;
  /** EM iterations of the best start (screening + continuation). */
  iterations: number;
  /** Posterior class probabilities, N×K row-major, classes in size order. */
  posteriors: Float64Array;
  startsRun: number;
  startsFailed: number;
  /** Starts run to the end (all of them without screening). */
  startsFinal: number;
  bestLogLikReplicated: number;
  /** Starts run to the end whose modal classification matches the best's (ARI ≥ SAME_SOLUTION_ARI), the best included. */
  sameSolutionStarts: number;
  bestStart: number;
  /** Final ℓ of the starts run to the end, best first. */
  finalLogLiks: number[];
  notices: Notice[];
};

export type FailedFit = { k: number; failed: true; startsRun: number; startsFailed: number; message: string; notices: Notice[] };

export type MixtureRangeResult<P> = { fits: (MixtureFit<P> | FailedFit)[]; seed: number };

export function isFailedFit<P>(fit: MixtureFit<P> | FailedFit): fit is FailedFit {
  return 'failed' in fit;
}

/** Start indices for K: 0 = k-means start (if enabled), then 1..S. K = 1 has one start. */
export function startIndices(options: MultistartOptions, k: number, hasKmeans: boolean): number[] {
  if (k === 1) return [hasKmeans && options.kmeansStart ? 0 : 1];
  const out: number[] = [];
  if (hasKmeans && options.kmeansStart) out.push(0);
  for (let s = 1; s <= options.starts; s++) out.push(s);
  return out;
}

function screeningActive(options: MultistartOptions, count: number): boolean {
  return options.screening !== null && count > options.screening.keep && options.screening.iterations < options.maxIterations;
}

export function planScreening<P>(options: MultistartOptions, k: number, hasKmeans: boolean): StartUnit<P>[] {
  const starts = startIndices(options, k, hasKmeans);
  const budget = screeningActive(options, starts.length) ? options.screening!.iterations : options.maxIterations;
  return starts.map((start) => ({ k, start, maxIterations: budget, tolerance: options.tolerance, seed: options.seed, initial: null }));
}

/** Units that continue the best screened starts to convergence (empty when nothing was screened). */
export function planFinals<P>(options: MultistartOptions, screened: readonly UnitOutcome<P>[]): StartUnit<P>[] {
  if (!screeningActive(options, screened.length)) return [];
  return bestScreened(options, screened)
    .filter((o) => !o.converged)
    .map((o) => ({ k: o.k, start: o.start, maxIterations: options.maxIterations - o.iterations, tolerance: options.tolerance, seed: options.seed, initial: o.params }));
}

/**
 * Fallback round: when every kept start failed on its way to convergence (e.g. a Gaussian component
 * collapsing onto tied values), the remaining screened starts continue to convergence, best first,
 * so a K that other starts can fit is not reported as unfittable.
 */
export function planFallbackFinals<P>(options: MultistartOptions, screened: readonly UnitOutcome<P>[], finals: readonly UnitOutcome<P>[]): StartUnit<P>[] {
  if (!screeningActive(options, screened.length)) return [];
  const continued = new Map(finals.map((o) => [o.start, o]));
  if (bestScreened(options, screened).some((o) => (continued.get(o.start) ?? o).failure === null)) return [];
  return restScreened(options, screened)
    .filter((o) => !o.converged)
    .map((o) => ({ k: o.k, start: o.start, maxIterations: options.maxIterations - o.iterations, tolerance: options.tolerance, seed: options.seed, initial: o.params }));
}

function restScreened<P>(options: MultistartOptions, screened: readonly UnitOutcome<P>[]): UnitOutcome<P>[] {
  return screened
    .filter((o) => o.failure === null)
    .sort((a, b) => b.logLik - a.logLik || a.start - b.start)
    .slice(options.screening!.keep);
}

function bestScreened<P>(options: MultistartOptions, screened: readonly UnitOutcome<P>[]): UnitOutcome<P>[] {
  return screened
    .filter((o) => o.failure === null)
    .sort((a, b) => b.logLik - a.logLik || a.start - b.start)
    .slice(0, options.screening!.keep);
}

/** The EM run of one unit: pure function of (model, data, unit). */
export function* runStartUnit<D, P>(model: MixtureModel<D, P>, data: D, unit: StartUnit<P>): Generator<Progress, UnitOutcome<P>, void> {
  let initial = unit.initial;
  if (initial === null) {
    if (unit.start === 0 && model.numericView !== undefined) {
      const labels = unit.k === 1 ? new Int32Array(model.numericView(data).n) : kmeansStartLabels(model.numericView(data), unit.k, deriveSeed(unit.seed, unit.k, 0));
      initial = model.partitionStart(data, unit.k, labels);
    } else {
      initial = model.randomStart(data, unit.k, createRng(deriveSeed(unit.seed, unit.k, unit.start)));
    }
  }
  const outcome = yield* model.runEm(data, initial, { maxIterations: unit.maxIterations, tolerance: unit.tolerance });
  return { ...outcome, k: unit.k, start: unit.start };
}

/** One sentence for results and reports: how the starts were run and what "replicated" means. */
export function describeEstimation(options: MultistartOptions, kmeansStart: boolean): string {
  const starts = `${options.starts} random start(s)${kmeansStart && options.kmeansStart ? ' plus a k-means start' : ''} per K (start s seeded by deriveSeed(${options.seed}, K, s))`;
  const screening = options.screening === null ? 'every start run to convergence' : `each start screened for ${options.screening.iterations} EM iterations, the best ${options.screening.keep} continued to convergence`;
  return `${starts}; ${screening}; EM stops when |Δℓ| < ${options.tolerance.toPrecision(3)} or after ${options.maxIterations} iterations; failed starts (empty class, singular estimate) are discarded and counted; the best ℓ counts as replicated by every start run to the end whose ℓ is within max(0.01, 1e-6·|ℓ|) of it; classes are numbered by decreasing size.`;
}

/** Adjusted Rand index above which two starts' modal classifications count as the same segments. */
export const SAME_SOLUTION_ARI = 0.95;

/** Replication tolerance on ℓ (see header). */
export function replicationTolerance(bestLogLik: number): number {
  return Math.max(0.01, 1e-6 * Math.abs(bestLogLik));
}

/**
 * Best start, canonical class order, fit statistics and notices for one K, from its screened
 * outcomes and the continued finals.
 */
export function assembleFit<D, P>(model: MixtureModel<D, P>, data: D, options: MultistartOptions, k: number, screened: readonly UnitOutcome<P>[], finals: readonly UnitOutcome<P>[]): MixtureFit<P> | FailedFit {
  const startsRun = screened.length;
  const screenFailed = screened.filter((o) => o.failure !== null).length;
  let ended: UnitOutcome<P>[];
  const iterationsBefore = new Map<number, number>();
  if (screeningActive(options, screened.length)) {
    const kept = bestScreened(options, screened);
    const continued = new Map(finals.map((o) => [o.start, o]));
    const resolve = (o: UnitOutcome<P>): UnitOutcome<P> => {
      const cont = continued.get(o.start);
      if (cont === undefined) return o;
      iterationsBefore.set(o.start, o.iterations);
      return cont;
    };
    ended = kept.map(resolve);
    if (ended.every((o) => o.failure !== null)) ended.push(...restScreened(options, screened).map(resolve)); // planFallbackFinals' round
  } else {
    ended = [...screened];
  }
  const finalFailed = ended.filter((o) => o.failure !== null).length;
  const startsFailed = screenFailed + finalFailed;
  const good = ended.filter((o) => o.failure === null && Number.isFinite(o.logLik)).sort((a, b) => b.logLik - a.logLik || a.start - b.start);
  const notices: Notice[] = [];
  if (good.length === 0) {
    const reasons = [...new Set(screened.concat(ended).map((o) => o.failure).filter((f): f is string => f !== null))];
    const message = `No start of the ${k}-class model could be fitted (${reasons.join('; ') || 'no start ran'}); the data do not support ${k} classes with this model.`;
    return { k, failed: true, startsRun, startsFailed, message, notices: [notice('empty-class', 'strong-warning', message)] };
  }
  const best = good[0]!;
  const tolerance = replicationTolerance(best.logLik);
  const replicated = good.filter((o) => best.logLik - o.logLik <= tolerance).length;

  const shares = model.classShares(best.params);
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => shares[b]! - shares[a]! || a - b);
  const params = model.permuteClasses(best.params, order);
  const { posteriors, logLik } = model.posteriors(data, params);
  const { n } = model.sampleSize(data);
  const npar = model.parameterCount(data, k);
  const fit = computeFitStatistics({ logLik, npar, n, k, posteriors, weights: weightsOf(data) });

  const bestLabels = modalClasses(posteriors, k);
  const same = good.filter((o, i) => i === 0 || adjustedRandIndex(bestLabels, modalClasses(model.posteriors(data, o.params).posteriors, k)) >= SAME_SOLUTION_ARI);
  if (replicated === 1 && good.length > 1) {
    if (same.length > 1) {
      const spread = best.logLik - same[same.length - 1]!.logLik;
      notices.push(notice('ll-not-replicated', 'info', `The best log-likelihood of the ${k}-class model (${logLik.toFixed(3)}) was reached by one of ${good.length} starts run to the end, but ${same.length} of them ended within ${spread.toFixed(2)} of it with the same segments (adjusted Rand index ≥ ${SAME_SOLUTION_ARI} with the best): the likelihood is flat near its maximum and the segmentation is replicated.`));
    } else {
      notices.push(notice('ll-not-replicated', 'warning', `The best log-likelihood of the ${k}-class model (${logLik.toFixed(3)}) was reached by only one of ${good.length} starts run to the end, and no other start found the same segments: it may be a local maximum. Run again with more starts (e.g. --starts ${Math.max(50, options.starts * 2)}).`));
    }
  }
  if (!best.converged) {
    notices.push(notice('not-converged', 'warning', `The best start of the ${k}-class model did not converge within ${options.maxIterations} iterations; raise the iteration limit.`));
  }
  if (startsFailed > 0) {
    notices.push(notice('start-failed', 'info', `${startsFailed} of ${startsRun} starts of the ${k}-class model failed (empty class or singular estimate) and were discarded.`));
  }
  return {
    k,
    params,
    logLik,
    npar,
    fit,
    converged: best.converged,
    iterations: best.iterations + (iterationsBefore.get(best.start) ?? 0),
    posteriors,
    startsRun,
    startsFailed,
    startsFinal: ended.length,
    bestLogLikReplicated: replicated,
    sameSolutionStarts: same.length,
    bestStart: best.start,
    finalLogLiks: good.map((o) => o.logLik),
    notices,
  };
}

/** Normalised case weights when the data carry them (a `weights` field), else null. */
function weightsOf(data: unknown): Float64Array | null {
  if (typeof data === 'object' && data !== null && 'weights' in data) {
    const w = (data as { weights: unknown }).weights;
    if (w instanceof Float64Array) return w;
  }
  return null;
}

function kRange(options: MultistartOptions): number[] {
  const [a, b] = options.classes;
  const out: number[] = [];
  for (let k = a; k <= b; k++) out.push(k);
  return out;
}

/** Upper bound on units (screening + finals) for progress totals. */
export function plannedUnitCount(options: MultistartOptions, hasKmeans: boolean): number {
  let total = 0;
  for (const k of kRange(options)) {
    const count = startIndices(options, k, hasKmeans).length;
    total += count + (screeningActive(options, count) ? options.screening!.keep : 0);
  }
  return total;
}

/** In-process driver: a generator yielding Progress (run it with runSteps or drainSteps). */
export function* fitMixtureRange<D, P>(model: MixtureModel<D, P>, data: D, options: MultistartOptions): Generator<Progress, MixtureRangeResult<P>, void> {
  const hasKmeans = model.numericView !== undefined;
  const total = plannedUnitCount(options, hasKmeans);
  let done = 0;
  const fits: (MixtureFit<P> | FailedFit)[] = [];
  for (const k of kRange(options)) {
    const runUnits = function* (units: StartUnit<P>[], stage: string): Generator<Progress, UnitOutcome<P>[], void> {
      const outcomes: UnitOutcome<P>[] = [];
      for (const unit of units) {
        const steps = runStartUnit(model, data, unit);
        for (;;) {
          const step = steps.next();
          if (step.done) {
            outcomes.push(step.value);
            break;
          }
          yield { stage, current: done, total, detail: { k, start: unit.start, starts: units.length, iteration: step.value.current, logLik: step.value.detail?.['logLik'] ?? NaN } };
        }
        done++;
        yield { stage, current: done, total, detail: { k, start: unit.start } };
      }
      return outcomes;
    };
    const screenUnits = planScreening<P>(options, k, hasKmeans);
    const screened = yield* runUnits(screenUnits, 'screening');
    const firstFinals = yield* runUnits(planFinals(options, screened), 'final');
    const finals = [...firstFinals, ...(yield* runUnits(planFallbackFinals(options, screened, firstFinals), 'final'))];
    const skipped = screeningActive(options, screenUnits.length) ? options.screening!.keep - firstFinals.length : 0;
    done += skipped;
    fits.push(assembleFit(model, data, options, k, screened, finals));
  }
  yield { stage: 'done', current: total, total };
  return { fits, seed: options.seed };
}

/** Executes units somewhere (worker pool); results in the order of `units`. */
export type UnitExecutor<P> = (units: StartUnit<P>[], onUnitDone: () => void, run: RunOptions) => Promise<UnitOutcome<P>[]>;

/** The same plan through an executor (e.g. the worker pool): all K's screening in parallel, then all finals. */
export async function fitMixtureRangeAsync<D, P>(model: MixtureModel<D, P>, data: D, options: MultistartOptions, execute: UnitExecutor<P>, run: RunOptions = {}): Promise<MixtureRangeResult<P>> {
  throwIfAborted(run.signal);
  const hasKmeans = model.numericView !== undefined;
  const total = plannedUnitCount(options, hasKmeans);
  let done = 0;
  const report = (stage: string): void => {
    run.onProgress?.({ stage, current: Math.min(done, total), total });
  };
  // Progress inside a unit (EM iterations in a worker) is passed on as detail of the overall count.
  const unitRun = (stage: string): RunOptions => ({
    ...(run.signal === undefined ? {} : { signal: run.signal }),
    onProgress: (p) => run.onProgress?.({ stage, current: Math.min(done, total), total, ...(p.detail === undefined ? {} : { detail: p.detail }) }),
  });
  const ks = kRange(options);
  const screenPlans = ks.map((k) => planScreening<P>(options, k, hasKmeans));
  const screenedFlat = await execute(screenPlans.flat(), () => {
    done++;
    report('screening');
  }, unitRun('screening'));
  const screened: UnitOutcome<P>[][] = [];
  let offset = 0;
  for (const plan of screenPlans) {
    screened.push(screenedFlat.slice(offset, offset + plan.length));
    offset += plan.length;
  }
  const finalPlans = screened.map((outcomes) => planFinals(options, outcomes));
  const finalsFlat = await execute(finalPlans.flat(), () => {
    done++;
    report('final');
  }, unitRun('final'));
  const firstFinals: UnitOutcome<P>[][] = [];
  offset = 0;
  for (const plan of finalPlans) {
    firstFinals.push(finalsFlat.slice(offset, offset + plan.length));
    offset += plan.length;
  }
  const fallbackPlans = screened.map((outcomes, index) => planFallbackFinals(options, outcomes, firstFinals[index]!));
  const fallbackFlat = fallbackPlans.some((plan) => plan.length > 0) ? await execute(fallbackPlans.flat(), () => report('final'), unitRun('final')) : [];
  const fits: (MixtureFit<P> | FailedFit)[] = [];
  offset = 0;
  ks.forEach((k, index) => {
    const fallback = fallbackFlat.slice(offset, offset + fallbackPlans[index]!.length);
    offset += fallbackPlans[index]!.length;
    fits.push(assembleFit(model, data, options, k, screened[index]!, [...firstFinals[index]!, ...fallback]));
  });
  done = total;
  report('done');
  return { fits, seed: options.seed };
}
