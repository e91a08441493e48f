/**
 * Factor scores as psych::fa computes them from raw data (psych 2.2.9 factor.scores, called with
 * the pattern Λ and Φ; S = ΛΦ is the structure, Φ = I when orthogonal):
 *   regression (Thurstone): W = R⁻¹S (pseudo-inverse if R is singular)
 *   Bartlett:               W = U⁻²Λ(ΛᵀU⁻²Λ)⁻¹, U² = 1 − diag(ΛΦΛᵀ)
 *   ten Berge:              L = ΛΦ^{1/2};  C = R^{-1/2}L(LᵀR⁻¹L)^{-1/2};  W = R^{-1/2}CΦ^{1/2}
 *                           (R^{-1/2} floors eigenvalues at 100ε; R⁻¹ of the cor.smooth'ed R)
 * R is the Pearson correlation of the raw items under the same missing-data policy — Pearson even
 * when the factoring used polychoric correlations, as psych. Scores = z · W with z the items
 * standardised by their mean and n−1 SD over the answered values (R's scale()).
 *
 * Respondents with a missing answer, two treatments (EfaParams.scoreMissing):
 *  - 'none' (default, psych's impute = "none"): NA for every respondent with any missing item;
 *    their score row is null and a notice counts them.
 *  - 'available': a respondent who answered the items o (at least ⌈share·p⌉ of the p items —
 *    default share ½ — and at least m of them) is scored from those items alone, with the weights
 *    of the same method derived for the sub-battery o (the model restricted to the observed items:
 *    Λ_o = rows o of Λ, R_oo = the o×o block of R, U²_o, same Φ):
 *      regression: W_o = R_oo⁻¹S_o, so scores = S_oᵀR_oo⁻¹z_o = E[F | z_o], the linear
 *                  conditional expectation (best linear predictor) of the factors given the
 *                  answered items. By the tower property it equals the full-battery regression
 *                  score after replacing each missing z by its own regression E[z_m | z_o] =
 *                  R_mo R_oo⁻¹ z_o — not by the mean, which shrinks towards 0 and ignores items'
 *                  correlations (psych's impute = "mean").
 *      Bartlett:   W_o = U_o⁻²Λ_o(Λ_oᵀU_o⁻²Λ_o)⁻¹, the weighted-least-squares (GLS) estimate of F
 *                  from the observed equations z_o = Λ_o F + e_o; conditionally unbiased,
 *                  W_oᵀΛ_o = I, as Bartlett's; needs Λ_oᵀU_o⁻²Λ_o invertible.
 *      ten Berge:  the same formula on (R_oo, Λ_o): the correlation-preserving estimator for the
 *                  sub-battery, W_oᵀR_ooW_o = Φ.
 *    Items keep the full sample's means and SDs. With every item answered, o is the whole battery
 *    and the full weights are used unchanged, so complete respondents get exactly the 'none'
 *    scores. Weights are computed once per missingness pattern (cached by pattern). Respondents
 *    below the minimum stay unscored (null); a pattern whose sub-battery gives no weights (singular
 *    Λ_oᵀU_o⁻²Λ_o, non-finite weights) too.
 * Score weights are unweighted even with case weights (as psych's scale()).
 * Cost O(n·p·m) for the scores plus O(p³) for the weights.
 */
import { wasmScoreCompleteRows } from '../kernels/scores';
import type { Matrix } from '../math/matrix';
import { crossProduct, identity, multiply, transpose, zeros } from '../math/matrix';
import { pseudoInverseSymmetric } from '../math/pseudo-inverse';
import type { Notice } from '../notices';
import { notice } from '../notices';
import { assertNever } from '../util/assert';
import type { ItemColumns } from './item-columns';
import { itemMoments, type ItemMoments } from './item-moments';
import type { ScoreMethod } from './options';
import { invertMatrix, symmetricPower } from './rotate-algebra';
import { smoothCorrelation } from './smooth-correlation';

const EPS = 2.220446049250313e-16;

export type ScoreWeights = {
  method: ScoreMethod;
  /** p × m weights applied to standardised items. */
  weights: Matrix;
  /** diag(WᵀS): squared multiple correlation of each score with its factor (null when not in (0, 1]). */
  r2: (number | null)[];
  notices: Notice[];
};

export function computeScoreWeights(R: Matrix, pattern: Matrix, phi: Matrix | null, method: ScoreMethod): ScoreWeights {
  const p = R.rows;
  const m = pattern.cols;
  const Phi = phi ?? identity(m);
  const structure = multiply(pattern, Phi);
  const notices: Notice[] = [];
  let weights: Matrix;
  switch (method) {
    case 'regression': {
      let inv = invertMatrix(R);
      if (inv === null) {
        notices.push(notice('singular-matrix', 'warning', 'The correlation matrix is singular; regression score weights use its pseudo-inverse, as psych does.'));
        inv = pseudoInverseSymmetric(R).inverse;
      }
      weights = multiply(inv, structure);
      break;
    }
    case 'bartlett': {
      const scaled = zeros(p, m);
      const model = multiply(structure, transpose(pattern));
      for (let i = 0; i < p; i++) {
        const u2 = 1 - model.data[i * p + i]!;
        for (let k = 0; k < m; k++) scaled.data[i * m + k] = pattern.data[i * m + k]! / u2;
      }
      const inner = invertMatrix(crossProduct(pattern, scaled));
      weights = inner === null ? structure : multiply(scaled, inner);
      break;
    }
    case 'tenberge': {
      const phiHalf = { rows: m, cols: m, data: symmetricPower(Phi.data, m, 0.5, EPS) };
      const L = multiply(pattern, phiHalf);
      const rHalfInv = { rows: p, cols: p, data: symmetricPower(R.data, p, -0.5, 100 * EPS) };
      const inv = invertMatrix(smoothCorrelation(R).matrix);
      if (inv === null) {
        notices.push(notice('singular-matrix', 'warning', 'The correlation matrix could not be inverted; ten Berge scores fall back to regression weights, as psych does.'));
        weights = multiply(pseudoInverseSymmetric(R).inverse, structure);
        break;
      }
      const middle = crossProduct(L, multiply(inv, L));
      const middleHalfInv = { rows: m, cols: m, data: symmetricPower(middle.data, m, -0.5, 100 * EPS) };
      const C = multiply(multiply(rHalfInv, L), middleHalfInv);
      weights = multiply(multiply(rHalfInv, C), phiHalf);
      break;
    }
    default:
      return assertNever(method);
  }
  const r2: (number | null)[] = [];
  for (let k = 0; k < m; k++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += weights.data[i * m + k]! * structure.data[i * m + k]!;
    r2.push(s > 0 && s <= 1 + 1e-12 ? s : null);
  }
  return { method, weights, r2, notices };
}

/**
 * Scores of every respondent (`data`: one column per item, NaN = missing) as an n × m Matrix; the
 * row of a respondent who left any item unanswered is all NaN (null in JSON). Items are
 * standardised with the mean and n−1 SD of the rows in `scalingRows` (all rows for pairwise
 * deletion, complete rows for listwise). One allocation for the whole matrix: n reaches 10⁵ and more.
 * With `partial` (scoreMissing 'available', see the header), a respondent with gaps is scored from
 * the answered items when there are enough of them; `partial` counts those respondents. `moments`:
 * itemMoments(data, scalingRows) computed beforehand (the correlation scan gathers them).
 *
 * Speed (n·p reaches 3·10⁶): the moments are one sequential pass per item column; the score pass
 * wants whole rows and runs in WebAssembly over row blocks staged from the columns
 * (core/kernels/scores.ts). Sums run in the same order as the formulas (row by row, item by item),
 * so the figures are the same to the last bit whatever the loop layout.
 */
export function scoreRespondents(
  data: ItemColumns,
  weights: Matrix,
  scalingRows: 'all' | 'complete',
  partial?: PartialScoring,
  moments?: ItemMoments,
): { scores: Matrix; unscored: number; partial: number; patterns: number } {
  const { rows: n, columns } = data;
  const p = columns.length;
  const m = weights.cols;
  const { complete, count, mean, ss } = moments ?? itemMoments(columns, n, scalingRows === 'complete');
  // score_k = Σ_j (x_j − mean_j)/sd_j · W_jk = Σ_j x_j·(W_jk/sd_j) + offset_k
  const scaled = new Float64Array(p * m);
  const offset = new Float64Array(m);
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(ss[j]! / (count[j]! - 1));
    for (let k = 0; k < m; k++) {
      scaled[j * m + k] = weights.data[j * m + k]! / sd;
      offset[k]! -= mean[j]! * scaled[j * m + k]!;
    }
  }
  const out = new Float64Array(n * m);
  const w = transposeWeights(scaled, p, m);
  const incomplete = wasmScoreCompleteRows(columns, n, complete, w, offset, out) ?? scoreCompleteRows(columns, n, complete, w, offset, out);
  if (partial === undefined) return { scores: { rows: n, cols: m, data: out }, unscored: incomplete, partial: 0, patterns: 0 };
  let unscored = 0;
  let partialCount = 0;
  const patterns = new Map<string, PatternWeights | null>();
  const minObserved = Math.max(m, Math.ceil(partial.minObservedShare * p - 1e-9));
  for (let r = 0; r < n; r++) {
    if (complete[r]) continue;
    const pattern = patternOf(columns, r, minObserved, patterns, partial, weights, mean, ss, count);
    if (pattern === null) {
      unscored++; // its row stays NaN
      continue;
    }
    partialCount++;
    for (let k = 0; k < m; k++) out[r * m + k] = pattern.offset[k]!;
    const { items, scaled: w } = pattern;
    for (let t = 0; t < items.length; t++) {
      const v = columns[items[t]!]![r]!;
      for (let k = 0; k < m; k++) out[r * m + k]! += v * w[t * m + k]!;
    }
  }
  return { scores: { rows: n, cols: m, data: out }, unscored, partial: partialCount, patterns: patterns.size };
}

/** The p × m weights as m × p (factor k's weights contiguous, for the scoring loop). */
function transposeWeights(scaled: Float64Array, p: number, m: number): Float64Array {
  const t = new Float64Array(m * p);
  for (let j = 0; j < p; j++) for (let k = 0; k < m; k++) t[k * p + j] = scaled[j * m + k]!;
  return t;
}

/**
 * out[r, k] = offset_k + Σ_j x[r, j]·w[k, j], added in item order j = 0, 1, … for the complete
 * rows; NaN for the others, whose number it returns. The reference of the WebAssembly score pass
 * (wasmScoreCompleteRows), which computes the same doubles.
 */
export function scoreCompleteRows(columns: readonly Float64Array[], n: number, complete: Uint8Array, w: Float64Array, offset: Float64Array, out: Float64Array): number {
  const m = offset.length;
  const p = columns.length;
  let incomplete = 0;
  for (let r = 0; r < n; r++) {
    if (complete[r] === 0) {
      for (let k = 0; k < m; k++) out[r * m + k] = NaN;
      incomplete++;
      continue;
    }
    for (let k = 0; k < m; k++) {
      let s = offset[k]!;
      const wk = k * p;
      for (let j = 0; j < p; j++) s += columns[j]![r]! * w[wk + j]!;
      out[r * m + k] = s;
    }
  }
  return incomplete;
}

/** What scoring from the answered items needs: the model and the correlations the full weights came from. */
export type PartialScoring = {
  /** p × p Pearson correlations (the matrix the full weights were computed from). */
  R: Matrix;
  /** p × m pattern loadings and Φ (null when orthogonal). */
  pattern: Matrix;
  phi: Matrix | null;
  method: ScoreMethod;
  /** Least share of the p items a respondent must have answered (also at least m items). */
  minObservedShare: number;
};

/** Weights of one missingness pattern, folded with the items' scaling: score = offset + Σ_t x_{items[t]}·scaled[t]. */
type PatternWeights = { items: Int32Array; scaled: Float64Array; offset: Float64Array };

function patternOf(
  columns: readonly Float64Array[],
  r: number,
  minObserved: number,
  cache: Map<string, PatternWeights | null>,
  partial: PartialScoring,
  full: Matrix,
  mean: Float64Array,
  ss: Float64Array,
  count: Float64Array,
): PatternWeights | null {
  const p = columns.length;
  let key = '';
  let observed = 0;
  for (let j = 0; j < p; j++) {
    const answered = !Number.isNaN(columns[j]![r]!);
    key += answered ? '1' : '0';
    if (answered) observed++;
  }
  if (observed < minObserved) return null;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const items = new Int32Array(observed);
  for (let j = 0, t = 0; j < p; j++) if (key.charCodeAt(j) === 49) items[t++] = j;
  const w = scoreWeightsForItems(partial, items, full.cols);
  let result: PatternWeights | null = null;
  if (w !== null) {
    const m = full.cols;
    const scaled = new Float64Array(observed * m);
    const offset = new Float64Array(m);
    for (let t = 0; t < observed; t++) {
      const j = items[t]!;
      const sd = Math.sqrt(ss[j]! / (count[j]! - 1));
      for (let k = 0; k < m; k++) {
        scaled[t * m + k] = w.data[t * m + k]! / sd;
        offset[k]! -= mean[j]! * scaled[t * m + k]!;
      }
    }
    result = scaled.every(Number.isFinite) ? { items, scaled, offset } : null;
  }
  cache.set(key, result);
  return result;
}

/** Score weights of the model restricted to the observed items (rows/columns `items`); null when they do not exist. */
export function scoreWeightsForItems(partial: PartialScoring, items: Int32Array, m: number): Matrix | null {
  const q = items.length;
  const p = partial.R.rows;
  const R = zeros(q, q);
  const L = zeros(q, m);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) R.data[a * q + b] = partial.R.data[items[a]! * p + items[b]!]!;
    for (let k = 0; k < m; k++) L.data[a * m + k] = partial.pattern.data[items[a]! * m + k]!;
  }
  if (partial.method === 'bartlett') {
    // Λ_oᵀU_o⁻²Λ_o must be invertible (the full-battery fallback to the structure does not apply to a subset).
    const Phi = partial.phi ?? identity(m);
    const model = multiply(multiply(L, Phi), transpose(L));
    const scaled = zeros(q, m);
    for (let a = 0; a < q; a++) for (let k = 0; k < m; k++) scaled.data[a * m + k] = L.data[a * m + k]! / (1 - model.data[a * q + a]!);
    if (invertMatrix(crossProduct(L, scaled)) === null) return null;
  }
  return computeScoreWeights(R, L, partial.phi, partial.method).weights;
}

/** One respondent's scores (a view into the matrix), or null when the respondent was not scored. */
export function respondentScores(scores: Matrix, row: number): Float64Array | null {
  const values = scores.data.subarray(row * scores.cols, (row + 1) * scores.cols);
  return Number.isNaN(values[0]) ? null : values;
}
