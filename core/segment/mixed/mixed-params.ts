/**
 * Parameters of the mixed-indicator latent class model and the plain-data summary for JSON output.
 *
 * Model (local independence given the class): for respondent i,
 *   f(y_i) = Σ_k π_k · Π_{j categorical, observed} θ_{j,y_ij,k} · Π_{v continuous, observed} N(x_iv; μ_kv, σ²_kv),
 * i.e. a latent class model for the categorical items times a diagonal Gaussian per class (mclust's
 * VVI) for the continuous variables. Missing indicators drop out of the product (FIML under MAR).
 *
 * Layouts (classes fastest for the categorical part, as lca-params.ts; classes first for the
 * continuous part, as lpa-model.ts):
 * - theta[(offset_j + c)·K + k] = P(y_j = code c | class k) for every categorical item;
 * - ordinal items additionally carry the adjacent-category logit parameters of lca-params.ts:
 *   alpha[ordOffset_j + c] (α_j0 = 0) and slope[j_ord·K + k] (effect-coded), theta being derived;
 * - means[k·d + v] = μ_kv, variances[k·d + v] = σ²_kv.
 *
 * Free parameters: (K − 1) shares + nominal K·Σ_j (C_j − 1) + ordinal Σ_j (C_j − 1) + J_ord·(K − 1)
 * + continuous 2·K·d (a mean and a variance per class and variable).
 */
import type { MixedData } from './mixed-data';

export type MixedParams = {
  kind: 'mixed-params';
  classes: number;
  shares: Float64Array;
  theta: Float64Array;
  alpha: Float64Array | null;
  slope: Float64Array | null;
  means: Float64Array;
  variances: Float64Array;
};

export function mixedParameterCount(data: MixedData, K: number): number {
  let nominalFree = 0, ordinalFree = 0;
  for (let j = 0; j < data.items.length; j++) {
    const free = data.categoryCounts[j]! - 1;
    if (j < data.nominalCount) nominalFree += free; else ordinalFree += free;
  }
  const ordinalItems = data.items.length - data.nominalCount;
  return K - 1 + K * nominalFree + ordinalFree + ordinalItems * (K - 1) + 2 * K * data.d;
}

export function cloneMixedParams(p: MixedParams): MixedParams {
  return {
    kind: 'mixed-params', classes: p.classes, shares: p.shares.slice(), theta: p.theta.slice(), alpha: p.alpha === null ? null : p.alpha.slice(),
    slope: p.slope === null ? null : p.slope.slice(), means: p.means.slice(), variances: p.variances.slice(),
  };
}

/** New class c is old class order[c]. */
export function permuteMixedParams(params: MixedParams, order: readonly number[]): MixedParams {
  const K = params.classes;
  if (order.length !== K || new Set(order).size !== K || order.some((o) => !(o >= 0 && o < K))) {
    throw new RangeError(`permuteClasses: order must be a permutation of 0..${K - 1}, got [${order.join(', ')}]`);
  }
  const minor = (src: Float64Array): Float64Array => {
    const rows = src.length / K;
    const out = new Float64Array(src.length);
    for (let t = 0; t < rows; t++) for (let k = 0; k < K; k++) out[t * K + k] = src[t * K + order[k]!]!;
    return out;
  };
  const major = (src: Float64Array): Float64Array => {
    const d = src.length / K;
    const out = new Float64Array(src.length);
    order.forEach((old, k) => out.set(src.subarray(old * d, old * d + d), k * d));
    return out;
  };
  return {
    kind: 'mixed-params', classes: K, shares: Float64Array.from(order, (o) => params.shares[o]!), theta: minor(params.theta),
    alpha: params.alpha === null ? null : params.alpha.slice(), slope: params.slope === null ? null : minor(params.slope),
    means: major(params.means), variances: major(params.variances),
  };
}

export type MixedSummary = {
  classes: number;
  /** Class shares π_k. */
  sizes: number[];
  /** Measurement level of every indicator. */
  indicators: Record<string, 'nominal' | 'ordinal' | 'continuous'>;
  /** Categorical item → class × category matrix (categories in ascending code order). */
  itemProbs: Record<string, number[][]>;
  /** Categorical item → the file value and label of each category. */
  categories: Record<string, { values: number[]; labels: string[] }>;
  /** Continuous variable → mean per class. */
  means: Record<string, number[]>;
  /** Continuous variable → variance per class. */
  variances: Record<string, number[]>;
};

/** Plain-JSON summary of a fitted model (item probabilities, means and variances per class). */
export function mixedSummary(data: MixedData, params: MixedParams): MixedSummary {
  const K = params.classes;
  const indicators: MixedSummary['indicators'] = {};
  const itemProbs: MixedSummary['itemProbs'] = {};
  const categories: MixedSummary['categories'] = {};
  data.items.forEach((item, j) => {
    indicators[item] = j < data.nominalCount ? 'nominal' : 'ordinal';
    const base = data.offsets[j]!, C = data.categoryCounts[j]!;
    itemProbs[item] = Array.from({ length: K }, (_, k) => Array.from({ length: C }, (_, c) => params.theta[(base + c) * K + k]!));
    categories[item] = { values: [...data.categoryValues[j]!], labels: [...data.categoryLabels[j]!] };
  });
  const means: MixedSummary['means'] = {};
  const variances: MixedSummary['variances'] = {};
  data.variables.forEach((v, j) => {
    indicators[v] = 'continuous';
    means[v] = Array.from({ length: K }, (_, k) => params.means[k * data.d + j]!);
    variances[v] = Array.from({ length: K }, (_, k) => params.variances[k * data.d + j]!);
  });
  return { classes: K, sizes: Array.from(params.shares), indicators, itemProbs, categories, means, variances };
}
