/**
 * Exploratory factor analysis, end to end, as psych::fa on raw data — orchestration only; each
 * step lives in its own file:
 *   correlation.ts (Pearson/polychoric, pairwise/listwise) → kmo.ts, bartlett.ts →
 *   factor-count.ts (Kaiser, parallel analysis, MAP; seeded) → extract.ts → rotate.ts →
 *   order-factors.ts → fit-indices.ts → factor-scores.ts → reliability (alpha, omega per factor).
 * n is psych's n.obs: every row for pairwise deletion, the complete rows for listwise.
 *
 * Axis order everywhere: items × factors for loadings and structure; respondents × factors for
 * scores (a NaN row — null in JSON — for a respondent who cannot be scored: with scoreMissing
 * 'none', psych's default, any item unanswered; with 'available', fewer than the minimum share of
 * items answered — see factor-scores.ts).
 * Caches: EfaInput.precomputed takes the correlations and the factor count computed earlier (a
 * change of rotation or of the number of factors need not redo them); the result is bit-identical.
 * Long work is a generator yielding Progress: runEfa drives it asynchronously (cancellable),
 * drainSteps synchronously.
 */
import { BugError, InputError } from '../errors';
import type { Dataset } from '../data/dataset';
import { findColumn, numericValues } from '../data/dataset';
import type { Progress, RunOptions } from '../jobs/run-steps';
import { runSteps } from '../jobs/run-steps';
import { eigenvaluesSymmetric, plainHypot } from '../math/eigen-symmetric';
import type { Matrix } from '../math/matrix';
import { multiply } from '../math/matrix';
import type { Notice } from '../notices';
import { notice } from '../notices';
import { bartlettTest } from './bartlett';
import { correlationSteps } from './correlation';
import { pearsonCorrelation } from './correlation-pearson';
import { pearsonFromMoments } from './pairwise-moments';
import type { CorrelationResult } from './correlation';
import type { PairFitDelegate } from './correlation-polychoric';
import { extractFactors } from './extract';
import type { ItemColumns } from './item-columns';
import type { Extraction } from './extract';
import { factorCountSteps } from './factor-count';
import type { FactorCount } from './factor-count';
import type { ParallelReference } from './parallel-analysis';
import { computeScoreWeights, scoreRespondents } from './factor-scores';
import type { FitIndices } from './fit-indices';
import { computeFitIndices } from './fit-indices';
import { computeKmo } from './kmo';
import type { ScoreMethod } from './options';
import { orderFactors } from './order-factors';
import type { OrderedFactors } from './order-factors';
import type { EfaParams } from './params';
import { rotateFactors } from './rotate';
import type { RotationResult } from './rotate';
import { reliabilityByFactor } from './reliability';
import type { ScaleReliability } from './reliability';

export type EfaInput = {
  /** The answers, one column per item in the order of `items` (NaN = missing). */
  data: ItemColumns;
  items: string[];
  /** Case weights (one per respondent) or null. */
  weights: Float64Array | null;
  /**
   * Stages already computed by the caller (a UI cache: a change of rotation or of the number of
   * factors reuses them), see EfaPrecomputed. The result is bit-identical to computing them here.
   */
  precomputed?: EfaPrecomputed;
  /** Work another thread can share (the CLI's helper thread); the result does not depend on it. */
  elsewhere?: EfaElsewhere;
};

/** Work another thread can take on: a share of the polychoric pair fits. */
export type EfaElsewhere = { polychoricPairs?: PairFitDelegate };

/**
 * Precomputed stages, each optional. `correlation` must come from correlationSteps(input.data, {
 * method: params.correlation, missing: params.missing, weights: input.weights, itemNames:
 * input.items }); `factorCount` from factorCountSteps(input.data, correlation.matrix, n, { seed:
 * params.seed, iterations: params.parallelIterations, method: params.correlation }) with n =
 * nUsed (listwise) or data.rows (pairwise).
 * Method, missing policy, size, seed, n and the iteration count are checked (a mismatch is a
 * BugError); the data and weights are the caller's promise.
 */
export type EfaPrecomputed = {
  correlation?: CorrelationResult;
  factorCount?: FactorCount;
  /**
   * Where parallel analysis's reference draws come from: parallelReferenceSteps(n, p, { seed:
   * params.seed, iterations: params.parallelIterations }) is a function of those alone, so a caller
   * may draw them elsewhere (another thread) while the correlations are computed. Called when the
   * factor count needs them (unless factorCount is given); undefined: they are drawn here.
   */
  parallelReference?: () => ParallelReference | undefined;
};

export type VarianceExplained = {
  /** Per factor: sum of squared loadings (with Φ for oblique solutions, diag(ΦΛᵀΛ)). */
  ssLoadings: Float64Array;
  proportionOfTotal: Float64Array;
  cumulativeOfTotal: Float64Array;
  proportionOfExplained: Float64Array;
  cumulativeOfExplained: Float64Array;
};

export type EfaResult = {
  kind: 'efa';
  schemaVersion: 1;
  /** Parameters as run (nFactors resolved to a number, seed drawn). */
  params: EfaParams & { nFactors: number; seed: number };
  seed: number;
  items: string[];
  /** psych's n.obs: all respondents (pairwise) or complete respondents (listwise). */
  n: number;
  /** psych-style factor names: MR/PA/ML/PC + the factor's index before sorting. */
  factorNames: string[];
  /** Items × factors, pattern loadings, psych's signs and order. */
  loadings: Matrix;
  /** Items × factors, loadings · Φ (= loadings when orthogonal). */
  structure: Matrix;
  /** Factors × factors; null when orthogonal. */
  phi: Matrix | null;
  /** Unrotated × rotationMatrix = loadings. */
  rotationMatrix: Matrix;
  /** h² = diag(ΛΦΛᵀ) (psych `communality`). */
  communalities: Float64Array;
  /** u² = 1 − h² (psych `uniquenesses`). */
  uniquenesses: Float64Array;
  /** Hoffman's complexity per item, (Σ L²)² / Σ L⁴. */
  complexity: Float64Array;
  /** Eigenvalues of the correlation matrix, descending. */
  eigenvalues: Float64Array;
  /** Eigenvalues of R with the communalities on its diagonal (psych `values`); null for pc. */
  eigenvaluesReduced: Float64Array | null;
  varianceExplained: VarianceExplained;
  correlation: { method: CorrelationResult['method']; missing: CorrelationResult['missing']; matrix: Matrix; nUsed: number; smoothed: boolean };
  fit: FitIndices;
  kmo: { overall: number; items: Float64Array };
  bartlett: { chiSquare: number; df: number; p: number };
  nfactors: { kaiser: number; parallel: number; parallelComponents: number; map: number; suggested: number };
  scoreMethod: ScoreMethod;
  /** Items × factors score weights applied to standardised items. */
  scoreWeights: Matrix;
  /** Squared multiple correlation of each factor with its score estimate. */
  scoreR2: (number | null)[];
  /** Respondents × factors (all rows of the data, in order); an unscored respondent (params.scoreMissing: 'none' → any item unanswered; 'available' → too few answered) has a row of NaN (null in JSON). */
  scores: Matrix;
  /** Per factor: its items (largest |loading|, reverse-keyed when negative), raw alpha as psych::alpha (standardized alpha with case weights; alphaStandardized beside it), omega total. */
  reliability: ScaleReliability[];
  converged: boolean;
  iterations: { extraction: number; rotation: number };
  notices: Notice[];
};

const PREFIX = { minres: 'MR', pa: 'PA', ml: 'ML', pc: 'PC' } as const;

/** Phase 1: correlations and what depends on them alone (eigenvalues, KMO, Bartlett). */
type EfaBasics = { correlation: CorrelationResult; n: number; eigenvalues: Float64Array; kmo: ReturnType<typeof computeKmo>; bartlett: ReturnType<typeof bartlettTest>; notices: Notice[] };

/** Phase 3: the model for m factors (extraction → rotation → order → fit → scores → reliability). */
type EfaModel = {
  m: number;
  extraction: Extraction;
  rotated: RotationResult;
  ordered: OrderedFactors;
  structure: Matrix;
  fit: FitIndices;
  weights: ReturnType<typeof computeScoreWeights>;
  scores: Matrix;
  reliability: ScaleReliability[];
  notices: Notice[];
};

const TOTAL_STAGES = 6;

function* efaBasicsSteps(input: EfaInput, params: EfaParams): Generator<Progress, EfaBasics, void> {
  const { data, items } = input;
  const p = items.length;
  if (data.columns.length !== p) throw new BugError(`efaSteps: ${data.columns.length} data columns for ${p} items`);
  if (params.seed === null) throw new BugError('efaSteps: the seed must be drawn at the job boundary before the analysis starts');
  if (p < 3) throw new InputError('data-insufficient', `Factor analysis needs at least 3 items; ${p} given (${items.join(', ')}). Add items.`);
  yield { stage: 'correlation', current: 0, total: TOTAL_STAGES };
  const pre = input.precomputed;
  const pairFits = input.elsewhere?.polychoricPairs;
  const correlation =
    pre?.correlation === undefined
      ? yield* correlationSteps(data, { method: params.correlation, missing: params.missing, weights: input.weights, itemNames: items, ...(pairFits === undefined ? {} : { pairFitsElsewhere: pairFits }) })
      : checkedCorrelation(pre.correlation, params.correlation, params.missing, p);
  const R = correlation.matrix;
  const n = params.missing === 'listwise' ? correlation.nUsed : data.rows;
  const kmo = computeKmo(R);
  const bartlett = bartlettTest(R, n);
  return { correlation, n, eigenvalues: eigenvaluesSymmetric(R.data, p, plainHypot), kmo, bartlett, notices: [...correlation.notices, ...kmo.notices, ...bartlett.notices] };
}

/** Phase 2: how many factors (precomputed, or computed here). */
function* efaCountSteps(input: EfaInput, params: EfaParams & { seed: number }, basics: EfaBasics): Generator<Progress, FactorCount, void> {
  yield { stage: 'factor-count', current: 1, total: TOTAL_STAGES };
  const pre = input.precomputed;
  if (pre?.factorCount !== undefined) return checkedCount(pre.factorCount, params.seed, basics.n, params.parallelIterations);
  const reference = pre?.parallelReference?.();
  return yield* factorCountSteps(input.data, basics.correlation.matrix, basics.n, {
    seed: params.seed,
    iterations: params.parallelIterations,
    method: params.correlation,
    ...(reference === undefined ? {} : { parallelReference: reference }),
  });
}

function* efaModelSteps(input: EfaInput, params: EfaParams, basics: EfaBasics, m: number): Generator<Progress, EfaModel, void> {
  const { data, items } = input;
  const p = items.length;
  const { correlation, n } = basics;
  const R = correlation.matrix;
  const notices: Notice[] = [];
  checkFactorCount(m, p, notices);

  yield { stage: 'extraction', current: 2, total: TOTAL_STAGES };
  const { extraction, rotated, ordered } = fitFactorModel(R, m, params, items);
  notices.push(...extraction.notices, ...rotated.notices);
  yield { stage: 'rotation', current: 3, total: TOTAL_STAGES };
  const loadings = ordered.loadings;
  const phi = ordered.phi;
  const structure = phi === null ? loadings : multiply(loadings, phi);

  yield { stage: 'fit', current: 4, total: TOTAL_STAGES };
  const fit = computeFitIndices({ R, loadings, phi, n, pairwiseN: correlation.pairwiseN });
  notices.push(...fit.notices);

  yield { stage: 'scores', current: 5, total: TOTAL_STAGES };
  // psych scores polychoric solutions with (unweighted) Pearson correlations of the same answers:
  // from the polychoric cross-tables when they are unweighted, else one more pass over the answers.
  const pearsonMatrix =
    params.correlation === 'pearson'
      ? correlation.matrix
      : correlation.moments !== null
        ? pearsonFromMoments(correlation.moments)
        : (yield* correlationSteps(data, { method: 'pearson', missing: params.missing, itemNames: items })).matrix;
  const weights = computeScoreWeights(pearsonMatrix, loadings, phi, params.scores);
  notices.push(...weights.notices);
  const partial =
    params.scoreMissing === 'available'
      ? { R: pearsonMatrix, pattern: loadings, phi, method: params.scores, minObservedShare: params.scoreMinObservedShare }
      : undefined;
  // Under pairwise deletion the correlation scan has gathered what the scores standardise with.
  const scaling = params.missing === 'listwise' ? 'complete' : 'all';
  const scored = scoreRespondents(data, weights.weights, scaling, partial, scaling === 'all' ? (correlation.itemMoments ?? undefined) : undefined);
  if (scored.partial > 0) {
    notices.push(
      notice(
        'info',
        'info',
        `${scored.partial} of ${data.rows} respondents left some items unanswered and were scored from the items they answered (${scored.patterns} missingness patterns; ${params.scores} weights re-derived for each pattern's items).`,
      ),
    );
  }
  if (scored.unscored > 0) {
    notices.push(
      notice(
        'rows-unscored',
        'info',
        params.scoreMissing === 'available'
          ? `${scored.unscored} of ${data.rows} respondents answered fewer than ${Math.round(params.scoreMinObservedShare * 100)}% of the items (or too few to identify the factors) and get no factor scores (NaN rows; null in JSON).`
          : `${scored.unscored} of ${data.rows} respondents left at least one item unanswered and get no factor scores (NaN rows; null in JSON), as psych does by default.`,
      ),
    );
  }
  // Raw alpha from the answers (psych::alpha, pairwise: every respondent, whatever the deletion of the
  // correlations), the figure researchers compare; unweighted data only.
  const answerMoments = input.weights !== null ? null : params.missing === 'pairwise' && correlation.moments !== null ? correlation.moments : pearsonCorrelation(data, null).moments;
  const reliability = reliabilityByFactor(R, loadings, items, answerMoments === null ? {} : { moments: answerMoments });
  notices.push(...reliability.notices);
  yield { stage: 'done', current: TOTAL_STAGES, total: TOTAL_STAGES };
  return { m, extraction, rotated, ordered, structure, fit: fit.fit, weights, scores: scored.scores, reliability: reliability.factors, notices };
}

function efaResult(input: EfaInput, params: EfaParams & { seed: number }, basics: EfaBasics, count: FactorCount, model: EfaModel): EfaResult {
  const { extraction, rotated, ordered, m } = model;
  const loadings = ordered.loadings;
  const phi = ordered.phi;
  const seed = params.seed;
  const { correlation, kmo, bartlett } = basics;
  const communalities = diagonalOfModel(loadings, phi);
  return {
    kind: 'efa',
    schemaVersion: 1,
    params: { ...params, nFactors: m, seed, rotation: rotated.rotation }, // a rotation fallback shows here and in a notice
    seed,
    items: [...input.items],
    n: basics.n,
    factorNames: ordered.order.map((k) => `${rotated.rotation === 'none' || params.method !== 'pc' ? PREFIX[params.method] : 'RC'}${k + 1}`),
    loadings,
    structure: model.structure,
    phi,
    rotationMatrix: ordered.rotationMatrix,
    communalities,
    uniquenesses: communalities.map((h) => 1 - h),
    complexity: itemComplexity(loadings),
    eigenvalues: basics.eigenvalues,
    eigenvaluesReduced: extraction.eigenvaluesReduced,
    varianceExplained: varianceExplained(loadings, phi, input.items.length),
    correlation: { method: correlation.method, missing: correlation.missing, matrix: correlation.matrix, nUsed: correlation.nUsed, smoothed: correlation.smoothed },
    fit: model.fit,
    kmo: { overall: kmo.overall, items: kmo.items },
    bartlett: { chiSquare: bartlett.chiSquare, df: bartlett.df, p: bartlett.p },
    nfactors: { kaiser: count.kaiser, parallel: count.parallel.nFactors, parallelComponents: count.parallel.nComponents, map: count.map, suggested: count.suggested },
    scoreMethod: params.scores,
    scoreWeights: model.weights.weights,
    scoreR2: model.weights.r2,
    scores: model.scores,
    reliability: model.reliability,
    converged: extraction.converged && rotated.converged,
    iterations: { extraction: extraction.iterations, rotation: rotated.iterations },
    notices: [...basics.notices, ...(params.nFactors === 'auto' ? count.notices : []), ...model.notices],
  };
}

function withSeed(params: EfaParams): EfaParams & { seed: number } {
  if (params.seed === null) throw new BugError('efaSteps: the seed must be drawn at the job boundary before the analysis starts');
  return { ...params, seed: params.seed };
}

export function* efaSteps(input: EfaInput, params: EfaParams): Generator<Progress, EfaResult, void> {
  const seeded = withSeed(params);
  const basics = yield* efaBasicsSteps(input, seeded);
  const count = yield* efaCountSteps(input, seeded, basics);
  const model = yield* efaModelSteps(input, seeded, basics, params.nFactors === 'auto' ? count.suggested : params.nFactors);
  return efaResult(input, seeded, basics, count, model);
}

export function runEfa(input: EfaInput, params: EfaParams, run: RunOptions = {}): Promise<EfaResult> {
  return runSteps(efaSteps(input, params), run);
}

/** The analysis input from a dataset: items in the order given, NaN for missing, weights if the dataset has a weight column. */
export function buildEfaInput(dataset: Dataset, items: string[]): EfaInput {
  const n = dataset.rows;
  // The dataset's own arrays where they hold the analysis values (no copy); numericValues for
  // columns with user-missing codes or reverse-coding.
  const columns = items.map((name) => {
    const column = findColumn(dataset, name);
    if (column === undefined) throw new InputError('column-unknown', `Column '${name}' is not in ${dataset.source.file}.`, { file: dataset.source.file, column: name });
    if (column.values === null) {
      throw new InputError('column-type', `Column '${name}' holds text, not numeric answers; factor analysis needs numeric item codes. Recode it or leave it out.`, { file: dataset.source.file, column: name });
    }
    const plain = !column.reversed && column.missing.codes.length === 0 && column.missing.range === null;
    return plain ? column.values.subarray(0, n) : numericValues(column, n);
  });
  let weights: Float64Array | null = null;
  if (dataset.weight !== null) {
    const column = findColumn(dataset, dataset.weight);
    if (column !== undefined) weights = numericValues(column, n);
  }
  return { data: { rows: n, columns }, items: [...items], weights };
}

/** Extraction, rotation, and psych's signs and order: the factor model proper. */
function fitFactorModel(R: Matrix, m: number, params: EfaParams, items: readonly string[]): { extraction: Extraction; rotated: RotationResult; ordered: OrderedFactors } {
  const extraction = extractFactors(R, m, params.method, {
    maxIterations: params.method === 'pa' ? params.paMaxIterations : params.optimizerMaxIterations,
    minErr: params.minErr,
    itemNames: items,
  });
  const rotated = rotateFactors(extraction.loadings, params.rotation, {
    normalize: params.rotation === 'varimax' ? true : params.rotationNormalize,
    maxIterations: params.rotationMaxIterations,
    epsilon: params.rotationEpsilon,
  });
  return { extraction, rotated, ordered: orderFactors(rotated.loadings, rotated.phi, rotated.rotationMatrix) };
}

function checkedCorrelation(c: CorrelationResult, method: CorrelationResult['method'], missing: CorrelationResult['missing'], p: number): CorrelationResult {
  if (c.method !== method || c.missing !== missing || c.matrix.rows !== p || c.matrix.cols !== p) {
    throw new BugError(`efaSteps: precomputed ${c.method}/${c.missing} ${c.matrix.rows}×${c.matrix.cols} correlations for a ${method}/${missing} analysis of ${p} items`);
  }
  return c;
}

function checkedCount(count: FactorCount, seed: number, n: number, iterations: number): FactorCount {
  if (count.seed !== seed || count.n !== n || count.parallelDetails.iterations !== iterations) {
    throw new BugError(`efaSteps: precomputed factor count (seed ${count.seed}, n ${count.n}, ${count.parallelDetails.iterations} replications) for seed ${seed}, n ${n}, ${iterations} replications`);
  }
  return count;
}

function checkFactorCount(m: number, p: number, notices: Notice[]): void {
  if (m >= p) {
    throw new InputError('option-invalid', `Cannot extract ${m} factors from ${p} items: a factor model needs fewer factors than items. Choose at most ${p - 1} factors (or 'auto').`);
  }
  const dof = (p * (p - 1)) / 2 - p * m + (m * (m - 1)) / 2;
  if (dof < 0) {
    notices.push(notice('too-many-factors', 'strong-warning', `${m} factors on ${p} items leave ${dof} degrees of freedom: the model has more parameters than the correlations can identify, so the solution is not unique and fit statistics are undefined. Choose fewer factors.`));
  }
}

function diagonalOfModel(loadings: Matrix, phi: Matrix | null): Float64Array {
  const { rows: p, cols: m } = loadings;
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const f = phi === null ? (a === b ? 1 : 0) : phi.data[a * m + b]!;
        if (f !== 0) s += loadings.data[i * m + a]! * f * loadings.data[i * m + b]!;
      }
    }
    out[i] = s;
  }
  return out;
}

function itemComplexity(loadings: Matrix): Float64Array {
  const { rows: p, cols: m } = loadings;
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s2 = 0;
    let s4 = 0;
    for (let k = 0; k < m; k++) {
      const l2 = loadings.data[i * m + k]! ** 2;
      s2 += l2;
      s4 += l2 * l2;
    }
    out[i] = (s2 * s2) / s4;
  }
  return out;
}

function varianceExplained(loadings: Matrix, phi: Matrix | null, total: number): VarianceExplained {
  const { rows: p, cols: m } = loadings;
  const ss = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    for (let j = 0; j < m; j++) {
      const f = phi === null ? (j === k ? 1 : 0) : phi.data[k * m + j]!;
      if (f === 0) continue;
      let cross = 0;
      for (let i = 0; i < p; i++) cross += loadings.data[i * m + j]! * loadings.data[i * m + k]!;
      ss[k]! += f * cross;
    }
  }
  const explained = ss.reduce((a, b) => a + b, 0);
  const proportionOfTotal = ss.map((v) => v / total);
  const proportionOfExplained = ss.map((v) => v / explained);
  return {
    ssLoadings: ss,
    proportionOfTotal,
    cumulativeOfTotal: cumulative(proportionOfTotal),
    proportionOfExplained,
    cumulativeOfExplained: cumulative(proportionOfExplained),
  };
}

function cumulative(a: Float64Array): Float64Array {
  let s = 0;
  return a.map((v) => (s += v));
}
