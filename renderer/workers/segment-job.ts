/**
 * One segmentation fit for one K, as the analysis worker runs it: latent profile (Gaussian mixture
 * on factor scores or numeric variables), latent class (categorical items) through the shared
 * multi-start driver (core/segment/multistart.ts), or k-means (core/segment/kmeans.ts). The page
 * runs one job per K across the worker pool, so each K has its own progress bar and the K's run
 * in parallel; start s of K always uses deriveSeed(seed, K, s), so the split changes nothing.
 *
 * Stability (optional, `stabilityReplicates` > 0): the chosen solution is refitted on bootstrap
 * resamples of the respondents (core/segment/bootstrap-units.ts) and compared with the full
 * solution by the adjusted Rand index, so the table can show how reproducible each K is.
 *
 * The result is a compact summary for the UI (fit statistics, sizes, class means on the basis
 * variables, modal assignment per analysed respondent), not the full parameter set.
 */
import type { Dataset } from '../../core/data/dataset';
import { runSteps, type Progress, type RunOptions } from '../../core/jobs/run-steps';
import { REFIT_DEFAULTS, runBootstrapUnit, summariseStability, type StabilitySummary } from '../../core/segment/bootstrap-units';
import { notice, type Notice } from '../../core/notices';
import { kmeansRange } from '../../core/segment/kmeans';
import { buildLcaData } from '../../core/segment/lca/lca-data';
import { lcaModel } from '../../core/segment/lca/lca-model';
import type { CovarianceModel } from '../../core/segment/lpa/covariance-models';
import { lpaDataFromMatrix } from '../../core/segment/lpa/lpa-data';
import { lpaModel } from '../../core/segment/lpa/lpa-model';
import type { MixtureModel } from '../../core/segment/mixture-model';
import { fitMixtureRange, isFailedFit, MULTISTART_DEFAULTS, type MixtureFit } from '../../core/segment/multistart';

/** The numeric basis (factor scores or variables): n×d row-major, NaN for missing; raw case weights or null. */
export type SegmentMatrix = { n: number; d: number; values: Float64Array; variables: string[]; weights: Float64Array | null };

export type SegmentSpec = {
  kind: 'segment';
  model: 'lca' | 'lpa' | 'kmeans';
  k: number;
  starts: number;
  seed: number;
  covariance: CovarianceModel;
  /** Latent class items as unordered categories (poLCA) or ordered (adjacent-category logit). */
  indicators: 'nominal' | 'ordinal';
  /** Bootstrap resamples for the stability ARI; 0 = none. */
  stabilityReplicates: number;
  /** lpa / kmeans: the numeric basis. */
  matrix: SegmentMatrix | null;
  /** lca: the (codebook-applied, exclusions-removed) dataset and its items. */
  dataset: Dataset | null;
  items: string[];
};

export type SegmentFit = {
  kind: 'segment-fit';
  model: SegmentSpec['model'];
  k: number;
  failed: string | null;
  logLik: number | null;
  npar: number | null;
  aic: number | null;
  bic: number | null;
  sabic: number | null;
  caic: number | null;
  entropy: number | null;
  /** k-means only: share of variance between clusters, and Calinski–Harabasz. */
  rSquared: number | null;
  calinskiHarabasz: number | null;
  sizes: number[];
  averagePosterior: number[];
  bestReplicated: number;
  /** ARI between the solution and its refits on bootstrap resamples (null when not run). */
  stability: StabilitySummary | null;
  startsRun: number;
  startsFailed: number;
  /** Starts run to convergence (after screening); "best replicated k of startsFinal". */
  startsFinal: number;
  converged: boolean;
  /** Modal class (0-based, size order) per row of the analysed data; -1 when not assigned. */
  assignments: Int32Array;
  /** Posterior class probabilities, rows × k aligned with `assignments` (NaN where not assigned); null for k-means, whose assignments are hard. */
  posteriors: Float64Array | null;
  notices: Notice[];
};

export async function runSegmentJob(spec: SegmentSpec, run: RunOptions): Promise<SegmentFit> {
  if (spec.model === 'kmeans') return runKmeans(spec, run);
  const options = { ...MULTISTART_DEFAULTS, classes: [spec.k, spec.k] as [number, number], starts: spec.starts, seed: spec.seed };
  let rows: number;
  let rowIndex: Int32Array;
  let result;
  let stability: StabilitySummary | null = null;
  if (spec.model === 'lca') {
    if (spec.dataset === null) throw new Error('segment job: lca needs a dataset');
    const data = buildLcaData(spec.dataset, spec.items, { indicators: spec.indicators, missing: 'fiml', weights: spec.dataset.weight });
    rows = data.sourceRows;
    rowIndex = data.rowIndex;
    const model = lcaModel as MixtureModel<typeof data, unknown>;
    result = await runSteps(fitMixtureRange(model, data, options), run);
    stability = await runStability(model, data, result.fits[0], spec, run);
  } else {
    // Full-information ML: a respondent enters with whatever basis values they have (factor-score
    // rows are all-or-nothing, so those without scores stay out and get no segment).
    const m = requireMatrix(spec);
    const keep = usableRows(m, 'any');
    const x = new Float64Array(keep.length * m.d);
    keep.forEach((row, i) => x.set(m.values.subarray(row * m.d, row * m.d + m.d), i * m.d));
    const data = lpaDataFromMatrix(x, keep.length, m.d, m.variables, normalisedWeights(m, keep));
    rows = m.n;
    rowIndex = Int32Array.from(keep);
    const model = lpaModel(spec.covariance);
    result = await runSteps(fitMixtureRange(model, data, options), run);
    stability = await runStability(model, data, result.fits[0], spec, run);
  }
  const fit = result.fits[0];
  const assignments = new Int32Array(rows).fill(-1);
  if (fit === undefined || isFailedFit(fit)) {
    return emptyFit(spec, fit?.message ?? 'No solution was found.', assignments, fit?.startsRun ?? 0, fit?.startsFailed ?? 0, fit?.notices ?? []);
  }
  const k = fit.k;
  const posteriors = new Float64Array(rows * k).fill(NaN);
  for (let i = 0; i < rowIndex.length; i++) {
    let best = -1;
    let bestP = -1;
    for (let c = 0; c < k; c++) {
      const p = fit.posteriors[i * k + c]!;
      posteriors[rowIndex[i]! * k + c] = p;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    assignments[rowIndex[i]!] = best;
  }
  return {
    kind: 'segment-fit',
    model: spec.model,
    k,
    failed: null,
    logLik: fit.logLik,
    npar: fit.npar,
    aic: fit.fit.aic,
    bic: fit.fit.bic,
    sabic: fit.fit.sabic,
    caic: fit.fit.caic,
    entropy: fit.fit.entropy,
    rSquared: null,
    calinskiHarabasz: null,
    sizes: fit.fit.sizes,
    averagePosterior: fit.fit.averagePosterior,
    bestReplicated: fit.bestLogLikReplicated,
    stability,
    startsRun: fit.startsRun,
    startsFailed: fit.startsFailed,
    startsFinal: fit.startsFinal,
    converged: fit.converged,
    assignments,
    posteriors,
    notices: fit.notices,
  };
}

/** Bootstrap stability of one fitted K (seeded per replicate, so it is reproducible). */
async function runStability<D, P>(model: MixtureModel<D, P>, data: D, fit: MixtureFit<P> | { failed: true } | undefined, spec: SegmentSpec, run: RunOptions): Promise<StabilitySummary | null> {
  if (fit === undefined || 'failed' in fit || fit.k < 2 || spec.stabilityReplicates <= 0 || model.resample === undefined) return null;
  const { k, params } = fit;
  const replicates = spec.stabilityReplicates;
  function* steps(): Generator<Progress, number[], void> {
    const aris: number[] = [];
    for (let b = 0; b < replicates; b++) {
      const outcome = yield* runBootstrapUnit(model, data, { type: 'stability', k, replicate: b, seed: spec.seed, reference: params as unknown, refit: REFIT_DEFAULTS });
      aris.push(outcome.type === 'stability' ? outcome.ari : NaN);
      yield { stage: 'stability', current: b + 1, total: replicates };
    }
    return aris;
  }
  return summariseStability(k, await runSteps(steps(), run));
}

function requireMatrix(spec: SegmentSpec): SegmentMatrix {
  if (spec.matrix === null) throw new Error(`segment job: ${spec.model} needs a numeric matrix`);
  return spec.matrix;
}

/** Rows with at least one ('any') or every ('all') basis value observed, and a positive weight. */
function usableRows(m: SegmentMatrix, observed: 'any' | 'all'): number[] {
  const keep: number[] = [];
  for (let i = 0; i < m.n; i++) {
    if (m.weights !== null && !(m.weights[i]! > 0)) continue;
    let seen = 0;
    for (let j = 0; j < m.d; j++) if (!Number.isNaN(m.values[i * m.d + j]!)) seen++;
    if (observed === 'all' ? seen === m.d : seen > 0) keep.push(i);
  }
  return keep;
}

/** Weights of the kept rows rescaled to sum to their number (pseudo-ML; criteria use N = rows). */
function normalisedWeights(m: SegmentMatrix, keep: readonly number[]): Float64Array | null {
  if (m.weights === null) return null;
  let sum = 0;
  for (const row of keep) sum += m.weights[row]!;
  return Float64Array.from(keep, (row) => (m.weights![row]! * keep.length) / sum);
}

async function runKmeans(spec: SegmentSpec, run: RunOptions): Promise<SegmentFit> {
  const m = requireMatrix(spec);
  const keep = usableRows(m, 'all');
  const values = new Float64Array(keep.length * m.d);
  keep.forEach((row, i) => values.set(m.values.subarray(row * m.d, row * m.d + m.d), i * m.d));
  const solutions = await runSteps(kmeansRange({ n: keep.length, d: m.d, values }, { classes: [spec.k, spec.k], starts: spec.starts, maxIterations: 300, seed: spec.seed }), run);
  const s = solutions[0];
  const assignments = new Int32Array(m.n).fill(-1);
  if (s === undefined) return emptyFit(spec, 'k-means found no solution.', assignments, 0, 0, []);
  keep.forEach((row, i) => (assignments[row] = s.labels[i]!));
  return {
    kind: 'segment-fit',
    model: 'kmeans',
    k: s.k,
    failed: null,
    logLik: null,
    npar: null,
    aic: null,
    bic: null,
    sabic: null,
    caic: null,
    entropy: null,
    rSquared: s.rSquared,
    calinskiHarabasz: s.calinskiHarabasz,
    sizes: s.sizes,
    averagePosterior: [],
    bestReplicated: s.bestReplicated,
    stability: null,
    startsRun: s.startsRun,
    startsFailed: 0,
    startsFinal: s.startsRun,
    converged: s.converged,
    assignments,
    posteriors: null,
    notices: m.weights === null ? [] : [notice('info', 'info', 'k-means ignores the survey weights: every respondent counts once. Use a latent profile model for a weighted segmentation.')],
  };
}

function emptyFit(spec: SegmentSpec, message: string, assignments: Int32Array, startsRun: number, startsFailed: number, notices: Notice[]): SegmentFit {
  return {
    kind: 'segment-fit',
    model: spec.model,
    k: spec.k,
    failed: message,
    logLik: null,
    npar: null,
    aic: null,
    bic: null,
    sabic: null,
    caic: null,
    entropy: null,
    rSquared: null,
    calinskiHarabasz: null,
    sizes: [],
    averagePosterior: [],
    bestReplicated: 0,
    stability: null,
    startsRun,
    startsFailed,
    startsFinal: 0,
    converged: false,
    assignments,
    posteriors: null,
    notices,
  };
}
