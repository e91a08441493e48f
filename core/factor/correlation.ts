/**
 * Correlation matrices for factor analysis: Pearson (pairwise or listwise, optionally weighted)
 * and polychoric (two-step, psych::polychoric defaults, smoothed with cor.smooth when not
 * positive definite). The entry point every analysis calls; the arithmetic lives in
 * correlation-pearson.ts and correlation-polychoric.ts.
 *
 * Case weights (rows with weight ≤ 0 are left out) weight every sum: Pearson moments, and for
 * polychoric both the cross-tables and the item margins the thresholds come from (psych uses
 * unweighted margins for the thresholds; weighted ones are the consistent choice).
 *
 * Data: n respondents' answers to p items, one column per item (item-columns.ts), NaN = missing.
 * Missing data is a parameter:
 * 'pairwise' uses, for each pair, the rows answering both items (psych's default use="pairwise");
 * 'listwise' first drops every row with a missing answer. The n used is always reported: the
 * listwise n, or the smallest pairwise n, plus the full pairwise-n matrix.
 *
 * Degenerate items are refused, not silently dropped (psych drops zero-variance items with a
 * message, which changes the item list under the user's feet): an item with no answers, or with
 * the same answer from everyone, raises InputError('data-degenerate') naming the item and telling
 * the user to remove it. A pair answered together by too few respondents to have a correlation
 * raises InputError('data-insufficient') naming both items.
 *
 * Oracle: tests/oracle/correlation.test.ts, tests/oracle/polychoric.test.ts.
 */
import { BugError, InputError } from '../errors';
import { drainSteps, type Progress, type RunOptions } from '../jobs/run-steps';
import { wasmScanColumns } from '../kernels/correlation';
import { eigenvaluesSymmetric } from '../math/eigen-symmetric';
import type { Matrix } from '../math/matrix';
import { keepRows, type ItemColumns } from './item-columns';
import { itemMomentsReference, type ItemMoments } from './item-moments';
import { notice, type Notice } from '../notices';
import { pearsonCorrelation } from './correlation-pearson';
import { polychoricSteps, type PairFitDelegate } from './correlation-polychoric';
import type { PairwiseMoments } from './pairwise-moments';
import { smoothCorrelation } from './smooth-correlation';

export type CorrelationMethod = 'pearson' | 'polychoric';
export type MissingMode = 'pairwise' | 'listwise';

export type CorrelationParams = {
  method: CorrelationMethod;
  missing: MissingMode;
  /** Case weights, one per row (rows with weight ≤ 0 are left out); null/absent = unweighted. */
  weights?: Float64Array | null;
  /** Item names for messages; defaults to item1, item2, ... */
  itemNames?: readonly string[];
  /** Polychoric only: Brent tolerance (default R's ε^¼, which reproduces psych). */
  tolerance?: number;
  /** Polychoric only: another thread that fits a share of the item pairs (the same results). */
  pairFitsElsewhere?: PairFitDelegate;
};

export type CorrelationResult = {
  method: CorrelationMethod;
  missing: MissingMode;
  /** p×p correlation matrix, items in input order. */
  matrix: Matrix;
  /** Rows used: the listwise n, or the smallest pairwise n. */
  nUsed: number;
  /** Rows answering both items of each pair (pairwise only), p×p; diagonal = rows answering the item. */
  pairwiseN: Matrix | null;
  /** Polychoric thresholds per item (K−1 cut points on the latent normal scale), else null. */
  thresholds: Float64Array[] | null;
  /** True when cor.smooth changed the matrix (it was not positive definite). */
  smoothed: boolean;
  /**
   * Unweighted pairwise covariances of the answers used (pairwise-moments.ts): from the Pearson
   * sums or the polychoric cross-tables; null with case weights. Raw alpha and, for polychoric
   * runs, the Pearson matrix of the score weights come from here without another pass.
   */
  moments: PairwiseMoments | null;
  /**
   * Pairwise and unweighted: which rows answered every item and each item's count, mean and sum of
   * squares over all its answers (item-moments.ts), gathered by the same pass that checks the
   * answers; what factor scores standardise with under pairwise deletion. Null otherwise.
   */
  itemMoments: ItemMoments | null;
  notices: Notice[];
};

/** Largest number of ordered categories accepted for polychoric correlations (psych: 8). */
export const POLYCHORIC_MAX_CATEGORIES = 12;
const PSYCH_MAX_CATEGORIES = 8;
const MACHINE_EPS = 2.220446049250313e-16;
/** A pairwise n below this share of the respondents earns a 'pairwise-n-small' notice. */
const PAIRWISE_N_WARNING_SHARE = 0.5;

export function correlate(data: ItemColumns, params: CorrelationParams, run: RunOptions = {}): CorrelationResult {
  return drainSteps(correlationSteps(data, params), run);
}

export function* correlationSteps(data: ItemColumns, params: CorrelationParams): Generator<Progress, CorrelationResult, void> {
  const n = data.rows;
  const p = data.columns.length;
  const names = params.itemNames ?? Array.from({ length: p }, (_, j) => `item${j + 1}`);
  const weights = params.weights ?? null;
  if (p < 2) throw new InputError('data-insufficient', `A correlation matrix needs at least two items; ${p} given. Choose two or more items.`);
  if (weights !== null) validateWeights(weights, n);
  const notices: Notice[] = [];

  let used = data;
  let usedWeights = weights;
  if (params.missing === 'listwise') {
    ({ data: used, weights: usedWeights } = completeRows(data, weights));
    if (used.rows < n) notices.push(notice('rows-dropped', 'info', `Listwise deletion kept ${used.rows} of ${n} respondents (those who answered every item).`));
    if (used.rows < 3) {
      throw new InputError('data-insufficient', `Only ${used.rows} respondents answered all ${p} items, too few for listwise correlations. Choose pairwise deletion or fewer items.`);
    }
  }
  const scan = scanItems(used, usedWeights, params.method === 'polychoric', params.missing === 'pairwise' && weights === null);
  checkItems(scan.answers, names, params.missing);
  yield { stage: 'correlation', current: 0, total: 1 };

  let matrix: Matrix;
  let pairwiseN: Matrix;
  let thresholds: Float64Array[] | null = null;
  let moments: PairwiseMoments | null;
  let smoothed = false;
  if (params.method === 'pearson') {
    ({ matrix, pairwiseN, moments } = pearsonCorrelation(used, usedWeights));
    yield { stage: 'correlation', current: 1, total: 1 };
  } else {
    const coded = toCategoryCodes(used, scan.codes!, names, notices);
    if (!coded.global) {
      notices.push(notice('info', 'info', 'The items do not all use the same highest answer code, so, as psych::polychoric, thresholds are estimated pair by pair (global = FALSE) with a 0.5 continuity correction for empty cells.'));
    }
    const output = yield* polychoricSteps({
      codes: coded.codes,
      lowest: coded.lowest,
      n: used.rows,
      p,
      categories: coded.categories,
      weights: usedWeights,
      global: coded.global,
      ...(params.tolerance === undefined ? {} : { tolerance: params.tolerance }),
      ...(params.pairFitsElsewhere === undefined ? {} : { pairFitsElsewhere: params.pairFitsElsewhere }),
    });
    matrix = { rows: p, cols: p, data: output.matrix };
    pairwiseN = { rows: p, cols: p, data: output.pairwiseN };
    thresholds = output.thresholds;
    moments = output.moments;
    if (output.pairsWithEmptyCells > 0) {
      const treatment = coded.global
        ? 'as in psych::polychoric with global thresholds, empty cells add nothing to the likelihood (no continuity correction)'
        : 'as in psych::polychoric with global = FALSE, each empty cell counts as 0.5 respondent (continuity correction)';
      notices.push(notice('info', 'info', `${output.pairsWithEmptyCells} item pairs have empty cells in their cross-table; ${treatment}.`));
    }
    if (output.boundaryPairs.length > 0) {
      notices.push(notice('boundary-estimate', 'warning', `Polychoric correlation at ±1 for ${output.boundaryPairs.map(([i, j]) => `${names[i]}–${names[j]}`).join(', ')}: the items are perfectly associated; consider keeping only one of each pair.`, output.boundaryPairs.flat().map((j) => names[j]!)));
    }
  }
  checkPairs(matrix, pairwiseN, names);

  if (params.method === 'polychoric') {
    const smooth = smoothCorrelation(matrix);
    smoothed = smooth.smoothed;
    matrix = smooth.matrix;
    if (smoothed) notices.push(notice('smoothed-matrix', 'warning', 'The polychoric matrix was not positive definite and was smoothed as psych::cor.smooth does (small eigenvalues raised, rescaled to unit diagonal).'));
  } else {
    const values = eigenvaluesSymmetric(matrix.data, p);
    if (values[p - 1]! < MACHINE_EPS) {
      notices.push(notice('singular-matrix', 'warning', `The correlation matrix is not positive definite (smallest eigenvalue ${values[p - 1]!.toPrecision(3)}); this happens with pairwise deletion or redundant items. Extraction still runs; consider listwise deletion or removing redundant items.`));
    }
  }

  let nUsed = used.rows;
  if (params.missing === 'pairwise') {
    nUsed = Infinity;
    let worst: [number, number] = [0, 1];
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        if (pairwiseN.data[i * p + j]! < nUsed) {
          nUsed = pairwiseN.data[i * p + j]!;
          worst = [i, j];
        }
      }
    }
    if (nUsed < PAIRWISE_N_WARNING_SHARE * n) {
      const [i, j] = worst;
      notices.push(notice('pairwise-n-small', 'warning', `Only ${nUsed} of ${n} respondents answered both '${names[i]}' and '${names[j]}'; correlations rest on very different subsets of respondents. Check these items' missing answers or use listwise deletion.`, [names[i]!, names[j]!]));
    }
  }
  return {
    method: params.method,
    missing: params.missing,
    matrix,
    nUsed,
    pairwiseN: params.missing === 'pairwise' ? pairwiseN : null,
    thresholds,
    smoothed,
    moments,
    itemMoments: scan.answers.moments,
    notices,
  };
}

function validateWeights(weights: Float64Array, n: number): void {
  if (weights.length !== n) throw new InputError('option-invalid', `The weight column has ${weights.length} values for ${n} respondents; they must match.`);
  for (let r = 0; r < n; r++) {
    const w = weights[r]!;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new InputError('option-invalid', `Weight ${String(w)} in row ${r + 1} is not a finite non-negative number; fix the weight column or run unweighted.`, { row: r + 1 });
    }
  }
}

function completeRows(data: ItemColumns, weights: Float64Array | null): { data: ItemColumns; weights: Float64Array | null } {
  const n = data.rows;
  const keep = new Uint8Array(n);
  for (let r = 0; r < n; r++) keep[r] = weights === null || weights[r]! > 0 ? 1 : 0;
  for (const column of data.columns) for (let r = 0; r < n; r++) if (Number.isNaN(column[r]!)) keep[r] = 0;
  let kept = 0;
  for (let r = 0; r < n; r++) kept += keep[r]!;
  const keptWeights = weights === null ? null : new Float64Array(kept);
  if (keptWeights !== null) for (let r = 0, i = 0; r < n; r++) if (keep[r] === 1) keptWeights[i++] = weights![r]!;
  return { data: keepRows(data, keep, kept), weights: keptWeights };
}

/**
 * What checkItems and toCategoryCodes need from the answers, gathered in one sequential pass per
 * item column: the answer count and the smallest and largest answer (the item varies when they
 * differ). An item's answers are compared with its extremes rather than with its first answer:
 * that comparison nearly always goes the same way, which the processor predicts (answer ≠ first
 * answer is a coin toss).
 */
export type ItemScan = {
  answered: Float64Array;
  low: Float64Array;
  high: Float64Array;
  /** Whether an answer is not an integer (or infinite); only looked for in an ordinal scan. */
  fractional: boolean;
  /** Ordinal scan: each answer as a byte (exact when it is an integer in 0–254, 0 when out of 0–255), MISSING_CODE when missing; one column of n per item. */
  provisional: Uint8Array | null;
  /** itemMoments over all rows, when asked for. */
  moments: ItemMoments | null;
};

/**
 * The answer scans: `answers` over the rows with a positive weight (all rows when unweighted);
 * for polychoric correlations (`ordinal`) also `codes`, over every row, as the category codes
 * come from every row — the same scan when there are no weights. That scan also stores each
 * answer in `codes.provisional` (NaN → 255), which toCategoryCodes shifts to start at 0 instead
 * of reading the answers once more.
 */
function scanItems(data: ItemColumns, weights: Float64Array | null, ordinal: boolean, moments: boolean): { answers: ItemScan; codes: ItemScan | null } {
  const provisional = ordinal ? new Uint8Array(data.rows * data.columns.length) : null;
  const answers = scanColumns(data, weights, weights === null ? provisional : null, moments);
  if (!ordinal) return { answers, codes: null };
  return { answers, codes: weights === null ? answers : scanColumns(data, null, provisional, false) };
}

/** Category code of a missing answer. */
const MISSING_CODE = 255;

/**
 * With `provisional`: also whether every answer is an integer, and the answers (as bytes) stored
 * there. Run by its WebAssembly build (core/kernels, the same results) where one is available.
 */
export function scanColumns(data: ItemColumns, weights: Float64Array | null, provisional: Uint8Array | null, moments = false): ItemScan {
  const compiled = wasmScanColumns(data.columns, data.rows, weights, provisional, moments);
  if (compiled !== null) return { ...compiled, provisional };
  return { ...scanColumnsReference(data, weights, provisional), moments: moments ? itemMomentsReference(data.columns, data.rows, false) : null };
}

function scanColumnsReference(data: ItemColumns, weights: Float64Array | null, provisional: Uint8Array | null): Omit<ItemScan, 'moments'> {
  const { rows: n, columns } = data;
  const p = columns.length;
  const answered = new Float64Array(p);
  const low = new Float64Array(p);
  const high = new Float64Array(p);
  let fractional = false;
  for (let j = 0; j < p; j++) {
    const column = columns[j]!;
    let count = 0;
    let lo = Infinity;
    let hi = -Infinity;
    if (provisional === null) {
      for (let r = 0; r < n; r++) {
        const v = column[r]!;
        if (v !== v || (weights !== null && !(weights[r]! > 0))) continue; // NaN: missing
        count++;
        if (v < lo) lo = v === 0 ? 0 : v; // −0 counts as 0
        if (v > hi) hi = v === 0 ? 0 : v;
      }
    } else {
      const codes = provisional.subarray(j * n, (j + 1) * n);
      for (let r = 0; r < n; r++) {
        const v = column[r]!;
        if (v !== v) {
          codes[r] = MISSING_CODE;
          continue;
        }
        count++;
        if (v < lo) lo = v === 0 ? 0 : v; // −0 counts as 0
        if (v > hi) hi = v === 0 ? 0 : v;
        if (Math.floor(v) !== v) fractional = true;
        codes[r] = v >= 0 && v < 256 ? v : 0; // only integer answers 0–254 are used as codes
      }
    }
    answered[j] = count;
    low[j] = lo;
    high[j] = hi;
    // Math.floor(±∞) is ±∞: an infinite answer shows in the extremes.
    if (provisional !== null && (lo === -Infinity || hi === Infinity)) fractional = true;
  }
  return { answered, low, high, fractional, provisional };
}

function checkItems(scan: ItemScan, names: readonly string[], missing: MissingMode): void {
  const { answered, low, high } = scan;
  const where = missing === 'listwise' ? ' among the respondents who answered every item' : '';
  for (let j = 0; j < answered.length; j++) {
    if (answered[j] === 0) {
      throw new InputError('data-degenerate', `Item '${names[j]}' has no answers${where}, so it cannot be correlated. Remove it from the item list.`, { column: names[j]! });
    }
    if (low[j] === high[j]) {
      throw new InputError('data-degenerate', `Item '${names[j]}' has the same answer (${low[j]}) from all ${answered[j]} respondents${where}: a constant item cannot be correlated. Remove it from the item list.`, { column: names[j]! });
    }
  }
}

function checkPairs(matrix: Matrix, pairwiseN: Matrix, names: readonly string[]): void {
  const p = matrix.rows;
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      if (Number.isNaN(matrix.data[i * p + j]!)) {
        const both = pairwiseN.data[i * p + j]!;
        throw new InputError('data-insufficient', `Items '${names[i]}' and '${names[j]}' have no correlation: ${both} respondents answered both, and their answers do not vary together. Remove one of them or collect more answers.`, { column: names[i]! });
      }
    }
  }
}

function toCategoryCodes(data: ItemColumns, scan: ItemScan, names: readonly string[], notices: Notice[]): { codes: Uint8Array; lowest: number; categories: number; global: boolean } {
  if (scan.fractional) {
    const { row: r, column: j } = firstNonInteger(data);
    throw new InputError('column-type', `Item '${names[j]}' has the non-integer value ${data.columns[j]![r]} in row ${r + 1}; polychoric correlations need ordered integer codes. Recode the item or choose Pearson correlations.`, { row: r + 1, column: names[j]! });
  }
  const min = Math.min(...scan.low);
  const max = Math.max(...scan.high);
  const categories = max - min + 1;
  if (categories > POLYCHORIC_MAX_CATEGORIES) {
    throw new InputError('option-invalid', `The items' codes run from ${min} to ${max} (${categories} categories); polychoric correlations are for ordinal items with at most ${POLYCHORIC_MAX_CATEGORIES} categories. Choose Pearson correlations.`);
  }
  if (categories > PSYCH_MAX_CATEGORIES) {
    notices.push(notice('info', 'info', `The items have ${categories} categories; psych::polychoric refuses more than ${PSYCH_MAX_CATEGORIES}, so R cannot reproduce this matrix.`));
  }
  return { ...categoryCodes(data, scan, min), categories, global: scan.high.every((m) => m === max) };
}

/**
 * The answers as bytes (MISSING_CODE when missing), one column of n per item, and the byte of the
 * lowest category (PolychoricInput): the scan's bytes when they hold the answers exactly, else
 * the answers minus the lowest answer.
 */
function categoryCodes(data: ItemColumns, scan: ItemScan, min: number): { codes: Uint8Array; lowest: number } {
  const codes = scan.provisional;
  if (codes !== null && min >= 0 && Math.max(...scan.high) < MISSING_CODE) return { codes, lowest: min };
  const { rows: n, columns } = data;
  const out = new Uint8Array(n * columns.length);
  columns.forEach((column, j) => {
    for (let r = 0; r < n; r++) {
      const v = column[r]!;
      out[j * n + r] = v !== v ? MISSING_CODE : v - min;
    }
  });
  return { codes: out, lowest: 0 };
}

/** The first answer, row by row, that is not an integer (NaN is missing, not an answer). */
function firstNonInteger(data: ItemColumns): { row: number; column: number } {
  for (let r = 0; r < data.rows; r++) {
    for (let j = 0; j < data.columns.length; j++) {
      const v = data.columns[j]![r]!;
      if (!Number.isNaN(v) && !Number.isInteger(v)) return { row: r, column: j };
    }
  }
  throw new BugError('firstNonInteger: every answer is an integer');
}
