/**
 * Read-outs of a fitted latent class model for the JSON result and the report: item-response
 * probabilities per item (class × category), covariate coefficients, and bivariate residuals.
 *
 * Bivariate residual of items a and b (local dependence; Latent GOLD's BVR, Oberski et al. 2013
 * use the same Pearson form): over the respondents who answered both items,
 *   O_cd = Σ_i w_i [y_ia = c][y_ib = d],   E_cd = Σ_i w_i Σ_k π_ik θ_akc θ_bkd,
 *   X²_ab = Σ_cd (O_cd − E_cd)² / E_cd,    BVR_ab = X²_ab / df,  df = (C'_a − 1)(C'_b − 1)
 * with C' the categories chosen by at least one of these respondents (at least 1).
 * Under local independence BVR is about 1; values above ~3.84 (the 5% χ²₁ point, Latent GOLD's
 * rule of thumb) point to a pair the classes do not explain. Cells with E_cd < 1e-12 are skipped.
 * Cost O(N·J²·K/2 + Σ_pairs C_a·C_b·K).
 */
import type { LcaData } from './lca-data';
import { MISSING_CODE } from './lca-data';
import type { LcaParams } from './lca-params';
import { covariateLogPriors } from './lca-covariates';

/** Item name → class × category probabilities, categories in ascending code order. */
export function lcaItemProbs(data: LcaData, params: LcaParams): Record<string, number[][]> {
  const K = params.classes;
  const out: Record<string, number[][]> = {};
  data.items.forEach((item, j) => {
    const base = data.offsets[j]!, C = data.categoryCounts[j]!;
    out[item] = Array.from({ length: K }, (_, k) => Array.from({ length: C }, (_, c) => params.theta[(base + c) * K + k]!));
  });
  return out;
}

export type LcaCoefficients = {
  /** Design terms: '(Intercept)' then the covariate names. */
  terms: string[];
  /** The reference class (0-based): every row is the log-odds of its class versus this one. */
  referenceClass: number;
  rows: { class: number; label: string; estimates: number[] }[];
};

/** Covariate coefficients per non-reference class (poLCA's `coeff`, transposed), or null. */
export function lcaCoefficients(data: LcaData, params: LcaParams): LcaCoefficients | null {
  if (params.beta === null || data.design === null) return null;
  const K = params.classes, S = data.design.cols;
  const rows = [];
  for (let k = 1; k < K; k++) rows.push({ class: k, label: `class ${k + 1} vs class 1`, estimates: Array.from(params.beta.subarray((k - 1) * S, k * S)) });
  return { terms: ['(Intercept)', ...data.covariates], referenceClass: 0, rows };
}

export type BivariateResidual = {
  items: [string, string];
  chiSquare: number;
  df: number;
  bvr: number;
  /** Respondents (weighted) who answered both items. */
  n: number;
  observed: number[][];
  expected: number[][];
};

function priorMatrix(data: LcaData, params: LcaParams): { prior: Float64Array; stride: number } {
  const K = params.classes;
  if (params.beta === null || data.design === null) return { prior: params.shares, stride: 0 };
  const logPrior = new Float64Array(data.n * K);
  covariateLogPriors(data.design, params.beta, K, logPrior);
  return { prior: logPrior.map(Math.exp), stride: K };
}

/** Bivariate residuals for every item pair (a < b), in item order; see the header. */
export function bivariateResiduals(data: LcaData, params: LcaParams): BivariateResidual[] {
  const K = params.classes, J = data.items.length, T = data.totalCategories;
  const { prior, stride } = priorMatrix(data, params);
  const pairIndex = (a: number, b: number): number => a * J + b;
  const mass = new Float64Array(J * J * K);
  const observed = new Float64Array(J * J === 0 ? 0 : T * T);
  for (let i = 0; i < data.n; i++) {
    const w = data.weights === null ? 1 : data.weights[i]!;
    const row = i * J;
    for (let a = 0; a < J; a++) {
      const ca = data.codes[row + a]!;
      if (ca === MISSING_CODE) continue;
      for (let b = a + 1; b < J; b++) {
        const cb = data.codes[row + b]!;
        if (cb === MISSING_CODE) continue;
        observed[(data.offsets[a]! + ca) * T + data.offsets[b]! + cb]! += w;
        const m = pairIndex(a, b) * K;
        for (let k = 0; k < K; k++) mass[m + k]! += w * prior[i * stride + k]!;
      }
    }
  }
  const out: BivariateResidual[] = [];
  for (let a = 0; a < J; a++) {
    for (let b = a + 1; b < J; b++) {
      const Ca = data.categoryCounts[a]!, Cb = data.categoryCounts[b]!;
      const oa = data.offsets[a]!, ob = data.offsets[b]!;
      const m = pairIndex(a, b) * K;
      let chi = 0, n = 0;
      const obs: number[][] = [], exp: number[][] = [];
      for (let c = 0; c < Ca; c++) {
        obs.push([]); exp.push([]);
        for (let d = 0; d < Cb; d++) {
          let e = 0;
          for (let k = 0; k < K; k++) e += mass[m + k]! * params.theta[(oa + c) * K + k]! * params.theta[(ob + d) * K + k]!;
          const o = observed[(oa + c) * T + ob + d]!;
          n += o;
          obs[c]!.push(o); exp[c]!.push(e);
          if (e > 1e-12) chi += (o - e) ** 2 / e;
        }
      }
      const used = (sums: number[]): number => sums.filter((v) => v > 0).length;
      const rowsUsed = used(obs.map((row) => row.reduce((a, b) => a + b, 0)));
      const colsUsed = used(Array.from({ length: Cb }, (_, d) => obs.reduce((a, row) => a + row[d]!, 0)));
      const df = Math.max(1, (rowsUsed - 1) * (colsUsed - 1));
      out.push({ items: [data.items[a]!, data.items[b]!], chiSquare: chi, df, bvr: chi / df, n, observed: obs, expected: exp });
    }
  }
  return out;
}
