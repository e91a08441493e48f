/**
 * Full-information maximum likelihood for Gaussian mixtures with missing values (MAR): a
 * respondent's likelihood is the marginal density of its observed variables, and EM imputes the
 * missing ones by their conditional expectation (Ghahramani & Jordan 1994; McLachlan & Krishnan
 * 2008 §2.2). Rows are grouped by missingness pattern: per pattern p (observed set O, missing set
 * M) and class k, with Σ = Σ_k:
 *
 *   E-step:  ln f_k(x_O) = −½ (|O| ln 2π + ln det Σ_OO + (x_O − μ_O)ᵀ Σ_OO⁻¹ (x_O − μ_O))
 *   M-step:  x̂_M = μ_M + B (x_O − μ_O),  B = Σ_MO Σ_OO⁻¹,  C = Σ_MM − B Σ_OM  (old parameters)
 *            n_k = Σ_i w_i τ_ik,  μ_k = Σ_i w_i τ_ik x̂_i / n_k,
 *            W_k = Σ_i w_i τ_ik [(x̂_i − μ_k)(x̂_i − μ_k)ᵀ + C_ik (on the M×M block)]
 *
 * then the model's constraint (covariance-models.ts) turns W_k into Σ_k exactly as for complete
 * data. With no missing value this reduces to the complete-data EM. Cost per pattern and class
 * O(d³); per row O(d²).
 */
import { choleskyLogDet, constrainCovariances, SQRT_EPS, type CovarianceModel } from './covariance-models';
import type { LpaData } from './lpa-data';
import type { LpaParams } from './lpa-model';

const LN_2PI = Math.log(2 * Math.PI);

/** Missingness patterns of an n×d matrix (NaN = missing): one 0/1 mask per pattern, each row's pattern. */
export type MissingPatterns = { masks: Uint8Array[]; patternOf: Int32Array };

export function detectPatterns(x: Float64Array, n: number, d: number): MissingPatterns | null {
  const keys = new Map<string, number>();
  const masks: Uint8Array[] = [];
  const patternOf = new Int32Array(n);
  let any = false;
  for (let i = 0; i < n; i++) {
    const mask = new Uint8Array(d);
    for (let j = 0; j < d; j++) mask[j] = Number.isNaN(x[i * d + j]!) ? 0 : 1;
    if (mask.includes(0)) any = true;
    const key = mask.join('');
    let index = keys.get(key);
    if (index === undefined) {
      index = masks.length;
      keys.set(key, index);
      masks.push(mask);
    }
    patternOf[i] = index;
  }
  return any ? { masks, patternOf } : null;
}

type PatternClass = { observed: number[]; missing: number[]; chol: Float64Array; logDet: number; regression: Float64Array; conditional: Float64Array };

/** Cholesky of Σ_OO, B = Σ_MO Σ_OO⁻¹ and C = Σ_MM − B Σ_OM for one pattern and class; null if singular. */
function patternClass(cov: Float64Array, offset: number, d: number, mask: Uint8Array): PatternClass | null {
  const observed: number[] = [];
  const missing: number[] = [];
  for (let j = 0; j < d; j++) (mask[j] ? observed : missing).push(j);
  const o = observed.length;
  const m = missing.length;
  const sub = new Float64Array(o * o);
  for (let a = 0; a < o; a++) for (let b = 0; b < o; b++) sub[a * o + b] = cov[offset + observed[a]! * d + observed[b]!]!;
  const chol = new Float64Array(o * o);
  const logDet = choleskyLogDet(sub, chol, 0, o);
  if (Number.isNaN(logDet)) return null;
  const regression = new Float64Array(m * o);
  const conditional = new Float64Array(m * m);
  const v = new Float64Array(o);
  for (let r = 0; r < m; r++) {
    // Solve Σ_OO b = Σ_O,m_r by forward and back substitution; row r of B is b.
    for (let a = 0; a < o; a++) {
      let s = cov[offset + observed[a]! * d + missing[r]!]!;
      for (let b = 0; b < a; b++) s -= chol[a * o + b]! * v[b]!;
      v[a] = s / chol[a * o + a]!;
    }
    for (let a = o - 1; a >= 0; a--) {
      let s = v[a]!;
      for (let b = a + 1; b < o; b++) s -= chol[b * o + a]! * regression[r * o + b]!;
      regression[r * o + a] = s / chol[a * o + a]!;
    }
  }
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) {
      let s = cov[offset + missing[r]! * d + missing[c]!]!;
      for (let a = 0; a < o; a++) s -= regression[r * o + a]! * cov[offset + observed[a]! * d + missing[c]!]!;
      conditional[r * m + c] = s;
    }
  }
  return { observed, missing, chol, logDet, regression, conditional };
}

function prepare(params: LpaParams, patterns: MissingPatterns): (PatternClass | null)[][] {
  const { k, d } = params;
  return patterns.masks.map((mask) => Array.from({ length: k }, (_, c) => patternClass(params.covariances, c * d * d, d, mask)));
}

/** E-step over observed values only: posteriors into z, returns the weighted ℓ (NaN if singular). */
export function gaussianEStepMissing(data: LpaData, params: LpaParams, patterns: MissingPatterns, z: Float64Array): number {
  const { n, d, x, weights } = data;
  const { k, proportions, means } = params;
  const prepared = prepare(params, patterns);
  const v = new Float64Array(d);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const classes = prepared[patterns.patternOf[i]!]!;
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const pc = classes[c];
      if (pc === null || pc === undefined || !(proportions[c]! > 0)) return NaN;
      const o = pc.observed.length;
      let maha = 0;
      for (let a = 0; a < o; a++) {
        let s = x[i * d + pc.observed[a]!]! - means[c * d + pc.observed[a]!]!;
        for (let b = 0; b < a; b++) s -= pc.chol[a * o + b]! * v[b]!;
        v[a] = s / pc.chol[a * o + a]!;
        maha += v[a]! * v[a]!;
      }
      const lp = Math.log(proportions[c]!) - 0.5 * (o * LN_2PI + pc.logDet + maha);
      z[i * k + c] = lp;
      if (lp > max) max = lp;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += z[i * k + c] = Math.exp(z[i * k + c]! - max);
    for (let c = 0; c < k; c++) z[i * k + c] = z[i * k + c]! / sum;
    const li = max + Math.log(sum);
    logLik += weights === null ? li : weights[i]! * li;
  }
  return logLik;
}

/** M-step with conditional expectations under `previous` (see header); a failure message if a class empties. */
export function gaussianMStepMissing(data: LpaData, z: Float64Array, previous: LpaParams, patterns: MissingPatterns, model: CovarianceModel): LpaParams | string {
  const { n, d, x, weights } = data;
  const { k } = previous;
  const dd = d * d;
  const prepared = prepare(previous, patterns);
  const filled = new Float64Array(n * k * d);
  const nk = new Float64Array(k);
  const means = new Float64Array(k * d);
  const patternWeight = new Float64Array(patterns.masks.length * k);
  for (let i = 0; i < n; i++) {
    const p = patterns.patternOf[i]!;
    const w = weights === null ? 1 : weights[i]!;
    for (let c = 0; c < k; c++) {
      const pc = prepared[p]![c];
      if (pc === null || pc === undefined) return 'singular covariance matrix';
      const base = (i * k + c) * d;
      for (const j of pc.observed) filled[base + j] = x[i * d + j]!;
      const o = pc.observed.length;
      pc.missing.forEach((j, r) => {
        let s = previous.means[c * d + j]!;
        for (let a = 0; a < o; a++) s += pc.regression[r * o + a]! * (x[i * d + pc.observed[a]!]! - previous.means[c * d + pc.observed[a]!]!);
        filled[base + j] = s;
      });
      const wz = w * z[i * k + c]!;
      nk[c]! += wz;
      patternWeight[p * k + c]! += wz;
      for (let j = 0; j < d; j++) means[c * d + j]! += wz * filled[base + j]!;
    }
  }
  const floor = Math.max(SQRT_EPS, 1e-10 * n);
  let total = 0;
  for (let c = 0; c < k; c++) {
    if (!(nk[c]! > floor)) return `class ${c + 1} became empty`;
    total += nk[c]!;
    for (let j = 0; j < d; j++) means[c * d + j] = means[c * d + j]! / nk[c]!;
  }
  const scatter = new Float64Array(k * dd);
  for (let i = 0; i < n; i++) {
    const w = weights === null ? 1 : weights[i]!;
    for (let c = 0; c < k; c++) {
      const wz = w * z[i * k + c]!;
      const base = (i * k + c) * d;
      for (let a = 0; a < d; a++) {
        const da = filled[base + a]! - means[c * d + a]!;
        for (let b = 0; b < d; b++) scatter[c * dd + a * d + b]! += wz * da * (filled[base + b]! - means[c * d + b]!);
      }
    }
  }
  patterns.masks.forEach((_, p) => {
    for (let c = 0; c < k; c++) {
      const pc = prepared[p]![c]!;
      const m = pc.missing.length;
      const t = patternWeight[p * k + c]!;
      for (let r = 0; r < m; r++) for (let s = 0; s < m; s++) scatter[c * dd + pc.missing[r]! * d + pc.missing[s]!]! += t * pc.conditional[r * m + s]!;
    }
  });
  const covariances = new Float64Array(k * dd);
  constrainCovariances(model, scatter, nk, k, d, covariances);
  return { model, k, d, proportions: Float64Array.from(nk, (v) => v / total), means, covariances };
}
