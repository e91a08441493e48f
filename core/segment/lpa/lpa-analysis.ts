/**
 * A latent profile analysis as the `lpa` command and the UI run it: every requested covariance
 * model × K through the multi-start driver on an executor (in-process or worker pool), the
 * comparison table, selection by BIC (lowest −2ℓ + npar ln N over all models and K), and the
 * opt-in bootstrap (stability by ARI and the BLRT of K−1 vs K) for the selected covariance model.
 *
 * Convergence: |Δℓ| < tolerance with default 1e-7·N (mclust stops at a relative change of 1e-5,
 * i.e. about 3e-5·N on typical data, so we stop closer to the maximum than mclust does).
 */
import type { Notice } from '../../notices';
import { notice } from '../../notices';
import type { RunOptions } from '../../jobs/run-steps';
import { runSteps, throwIfAborted, type Progress } from '../../jobs/run-steps';
import { selectByBic } from '../fit-statistics';
import { unitExecutorFor, type SegmentExecutor } from '../executor';
import { failedEntry, mixtureEntry, type FailedEntry, type MixtureEntryBase } from '../mixture-report';
import { assembleFit, describeEstimation, fitMixtureRangeAsync, isFailedFit, MULTISTART_DEFAULTS, replicationTolerance, type FailedFit, type MixtureFit, type MultistartOptions, type ScreeningOptions, type StartUnit } from '../multistart';
import { adjustedRandIndex } from '../adjusted-rand';
import { modalClasses } from '../mixture-report';
import { runBootstrapSuite, type BootstrapReport } from '../bootstrap-suite';
import type { CovarianceModel } from './covariance-models';
import type { LpaData, LpaMissing } from './lpa-data';
import { lpaModel, type LpaParams } from './lpa-model';
import { hierarchicalPartitions, hierarchicalStart, HC_SUBSET, tieOrderCount, type HierarchicalPartitions } from './hierarchical-start';
import { deriveSeed } from '../../random/rng';

export type LpaAnalysisParams = {
  variables: string[];
  models: CovarianceModel[];
  classes: [number, number];
  starts: number;
  maxIterations: number;
  /** Absolute |Δℓ| stopping rule; null = 1e-7·N. */
  tolerance: number | null;
  seed: number;
  screening: ScreeningOptions | null;
  weights: string | null;
  missing: LpaMissing;
  posteriors: boolean;
  /** Bootstrap replicates for stability and the BLRT (0 = off). */
  bootstrap: number;
};

export const LPA_DEFAULTS: Omit<LpaAnalysisParams, 'variables' | 'seed'> = {
  models: ['EII', 'VII', 'EEI', 'VVI', 'EEE', 'VVV'],
  classes: [1, 6],
  starts: MULTISTART_DEFAULTS.starts,
  maxIterations: 5000,
  tolerance: null,
  screening: MULTISTART_DEFAULTS.screening,
  weights: null,
  missing: 'fiml',
  posteriors: false,
  bootstrap: 0,
};

export type LpaEntry =
  | (MixtureEntryBase & { model: CovarianceModel; proportions: number[]; means: number[][]; covariances: number[][][] })
  | (FailedEntry & { model: CovarianceModel });

export type LpaResult = {
  kind: 'lpa';
  schemaVersion: 1;
  params: LpaAnalysisParams;
  seed: number;
  n: number;
  variables: string[];
  classNumbering: string;
  /** How the starts were run and what "replicated" means (multistart.ts). */
  estimation: string;
  /** Axis order of means (class × variable) and covariances (class × variable × variable). */
  models: LpaEntry[];
  /** K of the model with the lowest BIC, and its covariance model. */
  selected: number | null;
  selectedModel: CovarianceModel | null;
  /** Modal class of the selected model per file row (null = not analysed). */
  assignments: (number | null)[];
  posteriors?: (number[] | null)[];
  bootstrap?: BootstrapReport;
  notices: Notice[];
};

function toMatrix(values: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * cols, r * cols + cols)));
}

function lpaEntry(model: CovarianceModel, fit: MixtureFit<LpaParams>, data: LpaData, withPosteriors: boolean): LpaEntry {
  const { k, d } = fit.params;
  return {
    model,
    ...mixtureEntry(fit, data.rowIndex, data.totalRows, withPosteriors),
    proportions: Array.from(fit.params.proportions),
    means: toMatrix(fit.params.means, k, d),
    covariances: Array.from({ length: k }, (_, c) => toMatrix(fit.params.covariances.subarray(c * d * d, (c + 1) * d * d), d, d)),
  };
}

export async function runLpaAnalysis(data: LpaData, params: LpaAnalysisParams, executor: SegmentExecutor, run: RunOptions = {}): Promise<LpaResult> {
  throwIfAborted(run.signal);
  const tolerance = params.tolerance ?? 1e-7 * data.n;
  const notices: Notice[] = [];
  const entries: LpaEntry[] = [];
  const fitsByModel = new Map<CovarianceModel, (MixtureFit<LpaParams> | null)[]>();
  const totalModels = params.models.length;
  const options: MultistartOptions = { classes: params.classes, starts: params.starts, kmeansStart: true, maxIterations: params.maxIterations, tolerance, seed: params.seed, screening: params.screening };
  const ranges = new Map<CovarianceModel, (MixtureFit<LpaParams> | FailedFit)[]>();
  for (const [index, covariance] of params.models.entries()) {
    const ref = { kind: 'lpa', covariance } as const;
    const range = await fitMixtureRangeAsync(lpaModel(covariance), data, options, unitExecutorFor<LpaParams>(executor, ref), {
      ...(run.signal === undefined ? {} : { signal: run.signal }),
      onProgress: (p) => run.onProgress?.({ stage: `lpa ${covariance}`, current: index * p.total + p.current, total: totalModels * p.total, detail: { model: covariance, ...(p.detail ?? {}) } }),
    });
    ranges.set(covariance, range.fits);
  }
  await hierarchicalStarts(data, params.models, options, ranges, executor, run);
  await crossModelStarts(data, params.models, options, ranges, executor, run);
  for (const covariance of params.models) {
    const fits: (MixtureFit<LpaParams> | null)[] = [];
    for (const fit of ranges.get(covariance)!) {
      if (isFailedFit(fit)) {
        entries.push({ model: covariance, ...failedEntry(fit) });
        fits.push(null);
      } else {
        entries.push(lpaEntry(covariance, fit, data, params.posteriors));
        fits.push(fit);
      }
      for (const n of fit.notices) notices.push({ ...n, subjects: [`${covariance}, K=${fit.k}`] });
    }
    fitsByModel.set(covariance, fits);
  }
  const bics = entries.map((e) => ('failed' in e ? NaN : e.bic));
  const best = selectByBic(bics);
  const chosen = best >= 0 ? (entries[best] as Exclude<LpaEntry, { failed: true }>) : null;
  const result: LpaResult = {
    kind: 'lpa',
    schemaVersion: 1,
    params: { ...params, tolerance },
    seed: params.seed,
    n: data.n,
    variables: data.variables,
    classNumbering: 'Classes are numbered 1..K by decreasing size (class 1 is the largest).',
    estimation: `${describeEstimation(options, true)} For each model and K ≥ 2, EM also runs from mclust's own start: the K-cluster cut of model-based hierarchical clustering (mclust's hc, VVV criterion on SVD-scaled data, on a seeded subsample of ${HC_SUBSET} complete rows when there are more; hierarchical-start.ts), and when tied merge costs made that tree depend on row order, from the trees of up to 9 further seeded row orders (fewer for large samples); a higher maximum replaces the model's best. Then, for each model and K, EM also runs from the modal partition of every other model's best fit at that K (cross-model starts, as mclust starts all models from one partition); a higher maximum replaces the model's best.`,
    models: entries,
    selected: chosen?.classes ?? null,
    selectedModel: chosen?.model ?? null,
    assignments: chosen?.assignments ?? new Array<number | null>(data.totalRows).fill(null),
    notices,
  };
  if (chosen?.posteriors !== undefined) result.posteriors = chosen.posteriors;
  if (chosen === null) notices.push(notice('empty-class', 'error', 'No latent profile model could be fitted to these data.'));
  if (params.bootstrap > 0 && chosen !== null) {
    const fits = fitsByModel.get(chosen.model)!;
    result.bootstrap = await runBootstrapSuite(lpaModel(chosen.model), { kind: 'lpa', covariance: chosen.model }, data, fits, params.bootstrap, params.seed, executor, run);
  }
  return result;
}

/** Start indices of cross-model starts: CROSS_MODEL_START + the donor model's position. */
const CROSS_MODEL_START = 1_000_000;
/** Two partitions this alike (adjusted Rand index) start EM at the same place; only one runs. */
const SAME_PARTITION_ARI = 0.999;

/**
 * Cross-model starts. mclust starts every covariance model from one hierarchical partition, so it
 * can reach a maximum of one model (e.g. VVI) that the random starts of that model miss but that
 * another model's partition (e.g. VVV's) leads to. For each model and K ≥ 2, EM runs to convergence
 * from the modal partition of every other model's best fit at that K (partitions equal to the
 * model's own best or to one already queued are skipped). The best such start replaces the model's
 * fit when it ends more than max(0.01, 1e-6·|ℓ|) above it (or when the model had no fit), with an
 * info notice; the start counts are added either way. Pure function of the fits: deterministic.
 */
async function crossModelStarts(data: LpaData, models: readonly CovarianceModel[], options: MultistartOptions, ranges: Map<CovarianceModel, (MixtureFit<LpaParams> | FailedFit)[]>, executor: SegmentExecutor, run: RunOptions): Promise<void> {
  for (const covariance of models) {
    const model = lpaModel(covariance);
    const own = ranges.get(covariance)!;
    const units: StartUnit<LpaParams>[] = [];
    own.forEach((fit, kIndex) => {
      const k = fit.k;
      if (k < 2) return;
      const queued: Int32Array[] = isFailedFit(fit) ? [] : [modalClasses(fit.posteriors, k)];
      models.forEach((donorModel, donorIndex) => {
        const donor = ranges.get(donorModel)![kIndex];
        if (donorModel === covariance || donor === undefined || isFailedFit(donor)) return;
        const labels = modalClasses(donor.posteriors, k);
        if (new Set(labels).size < k || queued.some((q) => adjustedRandIndex(q, labels) >= SAME_PARTITION_ARI)) return;
        queued.push(labels);
        units.push({ k, start: CROSS_MODEL_START + donorIndex, maxIterations: options.maxIterations, tolerance: options.tolerance, seed: options.seed, initial: model.partitionStart(data, k, labels) });
      });
    });
    if (units.length === 0) continue;
    const outcomes = await executor.runUnits<LpaParams>({ kind: 'lpa', covariance }, units, () => {}, run.signal === undefined ? {} : { signal: run.signal });
    own.forEach((fit, kIndex) => {
      const mine = outcomes.filter((o) => o.k === fit.k);
      if (mine.length === 0) return;
      const good = mine.filter((o) => o.failure === null && Number.isFinite(o.logLik)).sort((a, b) => b.logLik - a.logLik || a.start - b.start);
      const failed = mine.length - good.length;
      const best = good[0];
      const oldLogLik = isFailedFit(fit) ? -Infinity : fit.logLik;
      if (best === undefined || best.logLik - oldLogLik <= Math.max(0.01, 1e-6 * Math.abs(best.logLik))) {
        own[kIndex] = { ...fit, startsRun: fit.startsRun + mine.length, startsFailed: fit.startsFailed + failed, ...(isFailedFit(fit) ? {} : { startsFinal: fit.startsFinal + mine.length }) };
        return;
      }
      const replaced = assembleFit(model, data, { ...options, screening: null }, fit.k, good, []);
      if (isFailedFit(replaced)) return;
      const donor = models[best.start - CROSS_MODEL_START]!;
      const message = `The best ${covariance} ${fit.k}-class fit (ℓ ${replaced.logLik.toFixed(3)}) came from EM started at the ${donor} model's ${fit.k}-class partition${isFailedFit(fit) ? '; no random start of this model could be fitted' : `, above the best of its own starts (ℓ ${oldLogLik.toFixed(3)})`}.`;
      own[kIndex] = {
        ...replaced,
        startsRun: fit.startsRun + mine.length,
        startsFailed: fit.startsFailed + failed,
        startsFinal: (isFailedFit(fit) ? 0 : fit.startsFinal) + mine.length,
        finalLogLiks: [...replaced.finalLogLiks, ...(isFailedFit(fit) ? [] : fit.finalLogLiks)].sort((a, b) => b - a),
        notices: [...replaced.notices, notice('info', 'info', message)],
      };
    });
  }
}

/** Start indices of the hierarchical (mclust) starts: HIERARCHICAL_START + tie order t. */
const HIERARCHICAL_START = 2_000_000;

/**
 * mclust's start (hierarchical-start.ts) for every model and K ≥ 2: one hierarchy for the data (in
 * canonical row order), cut at each K, turned into start parameters by each model's M-step and run
 * to convergence. When equal merge costs had to be broken by row order (tied data such as integer
 * scale scores), mclust's own tree depends on the file's row order, and the maximum it reaches with
 * it too; we then also build the trees of tieOrderCount(m) − 1 further row orders (salted content
 * hashes drawn from the seed: row-order-free), skipping partitions already queued. Each outcome
 * counts as one more start run to the end: the best replaces the model's fit when it ends more than
 * max(0.01, 1e-6·|ℓ|) above it (or the model had no fit), with an info notice; outcomes within that
 * tolerance of the best count as replicating it (clearing a 'll-not-replicated' notice they answer).
 * Pure function of the data, settings and seed.
 */
async function hierarchicalStarts(data: LpaData, models: readonly CovarianceModel[], options: MultistartOptions, ranges: Map<CovarianceModel, (MixtureFit<LpaParams> | FailedFit)[]>, executor: SegmentExecutor, run: RunOptions): Promise<void> {
  if (options.classes[1] < 2) return;
  const signal = run.signal === undefined ? {} : { signal: run.signal };
  const onProgress = (p: Progress): void => run.onProgress?.({ ...p, stage: 'lpa hierarchical start' });
  const first = await runSteps(hierarchicalPartitions(data, options.classes, options.seed), { ...signal, onProgress });
  const trees = [first];
  if (first.tied) {
    for (let t = 1; t < tieOrderCount(first.rows.length); t++) trees.push(await runSteps(hierarchicalPartitions(data, options.classes, options.seed, deriveSeed(options.seed, 0x6863, t)), { ...signal, onProgress }));
  }
  for (const covariance of models) {
    const model = lpaModel(covariance);
    const own = ranges.get(covariance)!;
    const units: StartUnit<LpaParams>[] = [];
    for (const fit of own) {
      if (fit.k < 2) continue;
      const seen = new Set<string>();
      trees.forEach((tree, t) => {
        const key = partitionKey(tree, fit.k);
        if (key === null || seen.has(key)) return;
        seen.add(key);
        const initial = hierarchicalStart(model, data, tree, fit.k);
        if (initial !== null) units.push({ k: fit.k, start: HIERARCHICAL_START + t, maxIterations: options.maxIterations, tolerance: options.tolerance, seed: options.seed, initial });
      });
    }
    if (units.length === 0) continue;
    const outcomes = await executor.runUnits<LpaParams>({ kind: 'lpa', covariance }, units, () => {}, signal);
    own.forEach((fit, kIndex) => {
      const mine = outcomes.filter((o) => o.k === fit.k);
      if (mine.length === 0) return;
      const good = mine.filter((o) => o.failure === null && Number.isFinite(o.logLik)).sort((a, b) => b.logLik - a.logLik || a.start - b.start);
      const counts = { startsRun: fit.startsRun + mine.length, startsFailed: fit.startsFailed + mine.length - good.length };
      const best = good[0];
      if (!isFailedFit(fit) && (best === undefined || best.logLik - fit.logLik <= replicationTolerance(fit.logLik))) {
        const tolerance = replicationTolerance(fit.logLik);
        const replicated = fit.bestLogLikReplicated + good.filter((o) => fit.logLik - o.logLik <= tolerance).length;
        own[kIndex] = {
          ...fit,
          ...counts,
          startsFinal: fit.startsFinal + mine.length,
          bestLogLikReplicated: replicated,
          finalLogLiks: [...fit.finalLogLiks, ...good.map((o) => o.logLik)].sort((a, b) => b - a),
          notices: replicated > 1 ? fit.notices.filter((n) => n.code !== 'll-not-replicated') : fit.notices,
        };
        return;
      }
      if (best === undefined) {
        own[kIndex] = { ...fit, ...counts };
        return;
      }
      const replaced = assembleFit(model, data, { ...options, screening: null }, fit.k, good, []);
      if (isFailedFit(replaced)) return;
      const previous = isFailedFit(fit) ? [] : fit.finalLogLiks;
      const tolerance = replicationTolerance(replaced.logLik);
      const message = `The best ${covariance} ${fit.k}-class fit (ℓ ${replaced.logLik.toFixed(3)}) came from EM started at mclust's model-based hierarchical clustering${isFailedFit(fit) ? '; no random start of this model could be fitted' : `, above the best of the other starts (ℓ ${fit.logLik.toFixed(3)})`}.`;
      own[kIndex] = {
        ...replaced,
        ...counts,
        startsFinal: (isFailedFit(fit) ? 0 : fit.startsFinal) + mine.length,
        bestLogLikReplicated: replaced.bestLogLikReplicated + previous.filter((ll) => replaced.logLik - ll <= tolerance).length,
        finalLogLiks: [...replaced.finalLogLiks, ...previous].sort((a, b) => b - a),
        notices: [...replaced.notices.filter((n) => n.code !== 'll-not-replicated'), notice('info', 'info', message)],
      };
    });
  }
}

/** The k-cluster partition of a tree as a string with labels renumbered by first appearance (null: none). */
function partitionKey(tree: HierarchicalPartitions, k: number): string | null {
  const labels = tree.partitions.get(k);
  if (labels === undefined) return null;
  const byRow = new Int32Array(Math.max(...tree.rows) + 1).fill(-1);
  tree.rows.forEach((row, i) => (byRow[row] = labels[i]!));
  const rename = new Map<number, number>();
  const out: number[] = [];
  for (const label of byRow) {
    if (label < 0) continue;
    if (!rename.has(label)) rename.set(label, rename.size);
    out.push(rename.get(label)!);
  }
  return out.join(',');
}
