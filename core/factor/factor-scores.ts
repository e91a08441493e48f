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
 * Respondents with a missing answer: psych's default (impute = "none") gives NA for every
 * respondent with any missing item; so do we: their score row is null and a notice counts them.
 * Score weights are unweighted even with case weights (as psych's scale()).
 * Cost O(n·p·m) for the scores plus O(p³) for the weights.
 */
import type { Matrix } from '../math/matrix';
import { crossProduct, identity, multiply, transpose, zeros } from '../math/matrix';
import { pseudoInverseSymmetric } from '../math/pseudo-inverse';
import type { Notice } from '../notices';
import { notice } from '../notices';
import { assertNever } from '../util/assert';
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
 * Scores of every respondent (rows of `data`, NaN = missing) as an n × m Matrix; the row of a
 * respondent who left any item unanswered is all NaN (null in JSON). Items are standardised with
 * the mean and n−1 SD of the rows in `scalingRows` (all rows for pairwise deletion, complete rows
 * for listwise). One allocation for the whole matrix: n reaches 10⁵ and more.
 */
export function scoreRespondents(data: Matrix, weights: Matrix, scalingRows: 'all' | 'complete'): { scores: Matrix; unscored: number } {
  const { rows: n, cols: p } = data;
  const m = weights.cols;
  const x = data.data;
  const complete = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    let ok = 1;
    for (let j = 0; j < p && ok; j++) if (Number.isNaN(x[r * p + j]!)) ok = 0;
    complete[r] = ok;
  }
  const onlyComplete = scalingRows === 'complete';
  const count = new Float64Array(p);
  const mean = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    if (onlyComplete && !complete[r]) continue;
    for (let j = 0; j < p; j++) {
      const v = x[r * p + j]!;
      if (Number.isNaN(v)) continue;
      count[j]!++;
      mean[j]! += v;
    }
  }
  for (let j = 0; j < p; j++) mean[j]! /= count[j]!;
  const ss = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    if (onlyComplete && !complete[r]) continue;
    for (let j = 0; j < p; j++) {
      const v = x[r * p + j]!;
      if (!Number.isNaN(v)) ss[j]! += (v - mean[j]!) ** 2;
    }
  }
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
  let unscored = 0;
  for (let r = 0; r < n; r++) {
    if (!complete[r]) {
      out.fill(NaN, r * m, (r + 1) * m);
      unscored++;
      continue;
    }
    for (let k = 0; k < m; k++) out[r * m + k] = offset[k]!;
    for (let j = 0; j < p; j++) {
      const v = x[r * p + j]!;
      for (let k = 0; k < m; k++) out[r * m + k]! += v * scaled[j * m + k]!;
    }
  }
  return { scores: { rows: n, cols: m, data: out }, unscored };
}

/** One respondent's scores (a view into the matrix), or null when the respondent was not scored. */
export function respondentScores(scores: Matrix, row: number): Float64Array | null {
  const values = scores.data.subarray(row * scores.cols, (row + 1) * scores.cols);
  return Number.isNaN(values[0]) ? null : values;
}
