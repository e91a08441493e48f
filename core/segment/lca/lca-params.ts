/**
 * Parameters of a latent class model: plain typed arrays that cross workers by structured clone.
 *
 * Layouts (one order everywhere: categories/items first, classes last and fastest):
 * - theta[(offset_j + c)·K + k] = P(y_j = code c | class k)  (category-major, class-minor).
 * - shares[k] = class share π_k; with covariates, the weighted mean over respondents of π_ik.
 * - beta[(k − 1)·S + s], k = 1..K−1: multinomial-logit coefficient of design column s (column 0
 *   is the intercept) for class k versus the reference class 0, as poLCA's `coeff`:
 *   log(π_ik / π_i0) = Σ_s x_is β_ks.
 * - Ordinal items (adjacent-category logit, Latent GOLD's ordinal model with equidistant scores):
 *     log[P(y_j = c | k) / P(y_j = c − 1 | k)] = (α_jc − α_j,c−1) + slope_jk,   c = 1..C_j−1,
 *   i.e. P(y_j = c | k) ∝ exp(α_jc + c·slope_jk) with code c as the category score. alpha is
 *   stored at offset_j + c with α_j0 = 0; slope[j·K + k] is effect-coded (Σ_k slope_jk = 0), so
 *   item j has (C_j − 1) + (K − 1) free parameters (one location set shared by all classes and
 *   one class-specific slope each), against K·(C_j − 1) for a nominal item. With C_j = 2 the two
 *   models coincide.
 */
import type { LcaData, LcaIndicators } from './lca-data';

export type LcaParams = {
  kind: 'lca-params';
  indicators: LcaIndicators;
  /** K, the number of classes. */
  classes: number;
  theta: Float64Array;
  shares: Float64Array;
  beta: Float64Array | null;
  alpha: Float64Array | null;
  slope: Float64Array | null;
};

/**
 * Free parameters (poLCA's npar for nominal items):
 *   class model: K − 1 shares, or (K − 1)·S coefficients with S design columns;
 *   nominal items: K·Σ_j (C_j − 1);  ordinal items: Σ_j (C_j − 1) + J·(K − 1).
 */
export function lcaParameterCount(data: LcaData, K: number): number {
  const J = data.items.length;
  let sumFree = 0;
  for (let j = 0; j < J; j++) sumFree += data.categoryCounts[j]! - 1;
  const items = data.indicators === 'nominal' ? K * sumFree : sumFree + J * (K - 1);
  const S = data.design === null ? 1 : data.design.cols;
  return items + (K - 1) * S;
}

/** New class c is old class order[c]; coefficients are re-based on the new reference class. */
export function permuteLcaParams(params: LcaParams, order: readonly number[]): LcaParams {
  const K = params.classes;
  if (order.length !== K || new Set(order).size !== K || order.some((o) => !(o >= 0 && o < K))) {
    throw new RangeError(`permuteClasses: order must be a permutation of 0..${K - 1}, got [${order.join(', ')}]`);
  }
  const T = params.theta.length / K;
  const theta = new Float64Array(T * K);
  for (let t = 0; t < T; t++) for (let k = 0; k < K; k++) theta[t * K + k] = params.theta[t * K + order[k]!]!;
  const shares = Float64Array.from(order, (o) => params.shares[o]!);
  let slope: Float64Array | null = null;
  if (params.slope !== null) {
    const J = params.slope.length / K;
    slope = new Float64Array(J * K);
    for (let j = 0; j < J; j++) for (let k = 0; k < K; k++) slope[j * K + k] = params.slope[j * K + order[k]!]!;
  }
  let beta: Float64Array | null = null;
  if (params.beta !== null) {
    const S = params.beta.length / Math.max(1, K - 1);
    const full = (k: number, s: number): number => (k === 0 ? 0 : params.beta![(k - 1) * S + s]!);
    beta = new Float64Array((K - 1) * S);
    for (let k = 1; k < K; k++) for (let s = 0; s < S; s++) beta[(k - 1) * S + s] = full(order[k]!, s) - full(order[0]!, s);
  }
  return { ...params, theta, shares, slope, beta, alpha: params.alpha === null ? null : params.alpha.slice() };
}
