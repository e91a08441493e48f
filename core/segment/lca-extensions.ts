/**
 * The optional MixtureModel capabilities the orchestration needs from the latent class model, for
 * as long as core/segment/lca/lca-model.ts does not provide them itself (its own wins):
 *
 * - numericView: the category codes 0..C_j−1 as numbers (NaN = missing), the representation the
 *   driver's k-means start clusters (after z-scoring). For rating scales, the usual survey battery,
 *   codes are ordered; one-hot coding (Σ_j C_j columns) would suit nominal items better but costs
 *   C times more and the k-means partition is only a start.
 * - resample: the respondents at the given rows (codes, weights re-normalised to mean 1, design).
 * - simulate (parametric bootstrap for the BLRT): for each respondent, a class drawn from its prior
 *   (π, or π_i from the covariate model) and each item's answer from θ_jk·; a respondent's missing
 *   items stay missing, so the simulated data keep the observed missingness pattern.
 */
import type { Rng } from '../random/rng';
import type { MixtureModel } from './mixture-model';
import type { LcaData } from './lca/lca-data';
import { MISSING_CODE } from './lca/lca-data';
import type { LcaParams } from './lca/lca-params';
import { covariateLogPriors } from './lca/lca-covariates';

export function lcaNumericView(data: LcaData): { n: number; d: number; values: Float64Array } {
  const J = data.items.length;
  const values = new Float64Array(data.n * J);
  for (let e = 0; e < data.n * J; e++) {
    const code = data.codes[e]!;
    values[e] = code === MISSING_CODE ? NaN : code;
  }
  return { n: data.n, d: J, values };
}

export function lcaResample(data: LcaData, rows: Int32Array): LcaData {
  const J = data.items.length;
  const n = rows.length;
  const codes = new Uint8Array(n * J);
  rows.forEach((row, i) => codes.set(data.codes.subarray(row * J, row * J + J), i * J));
  let weights: Float64Array | null = null;
  if (data.weights !== null) {
    const source = data.weights;
    let sum = 0;
    for (const row of rows) sum += source[row]!;
    weights = Float64Array.from(rows, (row) => (source[row]! * n) / sum);
  }
  let design = data.design;
  if (design !== null) {
    const S = design.cols;
    const source = design.data;
    const out = new Float64Array(n * S);
    rows.forEach((row, i) => out.set(source.subarray(row * S, row * S + S), i * S));
    design = { rows: n, cols: S, data: out };
  }
  return { ...data, n, codes, weights, design, rowIndex: Int32Array.from(rows, (r) => data.rowIndex[r]!), notices: [] };
}

export function lcaSimulate(data: LcaData, params: LcaParams, rng: Rng): LcaData {
  const J = data.items.length;
  const K = params.classes;
  const codes = new Uint8Array(data.n * J);
  let logPrior: Float64Array | null = null;
  if (params.beta !== null && data.design !== null) {
    logPrior = new Float64Array(data.n * K);
    covariateLogPriors(data.design, params.beta, K, logPrior);
  }
  for (let i = 0; i < data.n; i++) {
    let u = rng.uniform();
    let k = 0;
    for (; k < K - 1; k++) {
      const p = logPrior === null ? params.shares[k]! : Math.exp(logPrior[i * K + k]!);
      if (u < p) break;
      u -= p;
    }
    for (let j = 0; j < J; j++) {
      if (data.codes[i * J + j] === MISSING_CODE) {
        codes[i * J + j] = MISSING_CODE;
        continue;
      }
      const base = data.offsets[j]!;
      const C = data.categoryCounts[j]!;
      let v = rng.uniform();
      let c = 0;
      for (; c < C - 1; c++) {
        const p = params.theta[(base + c) * K + k]!;
        if (v < p) break;
        v -= p;
      }
      codes[i * J + j] = c;
    }
  }
  return { ...data, codes, notices: [] };
}

/** The LCA model with the capabilities above filled in where it lacks them. */
export function withLcaExtensions(model: MixtureModel<LcaData, LcaParams>): MixtureModel<LcaData, LcaParams> {
  return {
    ...model,
    numericView: model.numericView ?? lcaNumericView,
    resample: model.resample ?? lcaResample,
    simulate: model.simulate ?? lcaSimulate,
  };
}
