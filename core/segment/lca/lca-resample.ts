/**
 * Data sets derived from an LcaData, for the bootstrap likelihood-ratio test, stability
 * resampling and the k-means start of the multi-start driver (the contract's optional members).
 * - simulateLca: the same respondents' missing-answer pattern, weights and covariates, with each
 *   respondent's class drawn from π_i and each observed answer from θ of that class (parametric
 *   bootstrap under the fitted model).
 * - resampleLca: the respondents at `rows` (repeats allowed); weights re-scaled to mean 1 as in buildLcaData.
 * - lcaNumericView: a respondent × feature matrix for k-means: one 0/1 column per category for
 *   nominal items (NaN on every column of a missing item), the code 0..C_j−1 for ordinal items.
 */
import type { Rng } from '../../random/rng';
import type { LcaData } from './lca-data';
import { MISSING_CODE } from './lca-data';
import type { LcaParams } from './lca-params';
import { covariateLogPriors } from './lca-covariates';

export function simulateLca(data: LcaData, params: LcaParams, rng: Rng): LcaData {
  const K = params.classes, J = data.items.length, n = data.n;
  let prior = params.shares, stride = 0;
  if (params.beta !== null && data.design !== null) {
    const logPrior = new Float64Array(n * K);
    covariateLogPriors(data.design, params.beta, K, logPrior);
    prior = logPrior.map(Math.exp);
    stride = K;
  }
  const codes = new Uint8Array(n * J);
  for (let i = 0; i < n; i++) {
    let u = rng.uniform(), k = 0;
    while (k < K - 1 && u >= prior[i * stride + k]!) { u -= prior[i * stride + k]!; k++; }
    for (let j = 0; j < J; j++) {
      if (data.codes[i * J + j] === MISSING_CODE) { codes[i * J + j] = MISSING_CODE; continue; }
      const base = data.offsets[j]!, C = data.categoryCounts[j]!;
      let v = rng.uniform(), c = 0;
      while (c < C - 1 && v >= params.theta[(base + c) * K + k]!) { v -= params.theta[(base + c) * K + k]!; c++; }
      codes[i * J + j] = c;
    }
  }
  return { ...data, codes, notices: [] };
}

export function resampleLca(data: LcaData, rows: Int32Array): LcaData {
  const J = data.items.length, n = rows.length;
  const codes = new Uint8Array(n * J);
  rows.forEach((r, i) => codes.set(data.codes.subarray(r * J, (r + 1) * J), i * J));
  let design = data.design;
  if (design !== null) {
    const S = design.cols, src = design.data;
    const out = new Float64Array(n * S);
    rows.forEach((r, i) => out.set(src.subarray(r * S, (r + 1) * S), i * S));
    design = { rows: n, cols: S, data: out };
  }
  let weights: Float64Array | null = null;
  if (data.weights !== null) {
    const source = data.weights;
    let sum = 0;
    for (const r of rows) sum += source[r]!;
    weights = Float64Array.from(rows, (r) => (source[r]! * n) / sum);
  }
  return { ...data, n, codes, design, weights, rowIndex: Int32Array.from(rows, (r) => data.rowIndex[r]!), notices: [] };
}

export function lcaNumericView(data: LcaData): { n: number; d: number; values: Float64Array } {
  const J = data.items.length, n = data.n;
  const nominal = data.indicators === 'nominal';
  const d = nominal ? data.totalCategories : J;
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < J; j++) {
      const c = data.codes[i * J + j]!;
      if (!nominal) { values[i * d + j] = c === MISSING_CODE ? NaN : c; continue; }
      const base = data.offsets[j]!;
      for (let e = 0; e < data.categoryCounts[j]!; e++) values[i * d + base + e] = c === MISSING_CODE ? NaN : e === c ? 1 : 0;
    }
  }
  return { n, d, values };
}
