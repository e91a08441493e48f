/**
 * M-step for ordinal items (adjacent-category logit, see lca-params.ts): for each item j, given
 * the expected counts n_kc = Σ_i w_i τ_ik [y_ij = c] from the E-step, increase
 *   Q_j(α, slope) = Σ_k Σ_c n_kc log P_kc,   P_kc = exp(α_c + c·slope_k) / Σ_d exp(α_d + d·slope_k)
 * by Newton steps with step-halving (generalised EM: each M-step only has to increase Q).
 * Q_j is concave; with N_k = Σ_c n_kc and m_k = Σ_c c·P_kc:
 *   ∂Q/∂α_c = Σ_k (n_kc − N_k P_kc)  (c ≥ 1),      ∂Q/∂slope_k = Σ_c c·(n_kc − N_k P_kc),
 *   −∂²Q/∂α_c∂α_d = Σ_k N_k (P_kc δ_cd − P_kc P_kd),  −∂²Q/∂α_c∂slope_k = N_k P_kc (c − m_k),
 *   −∂²Q/∂slope_k² = N_k Σ_c (c − m_k)² P_kc,          −∂²Q/∂slope_k∂slope_l = 0 (k ≠ l).
 * The parameterisation has one redundant direction (slope_k + δ, α_c − c·δ); the gradient is
 * orthogonal to it, so a tiny ridge makes the system solvable and effect coding (Σ_k slope_k = 0)
 * is restored after each step. Cost per item O(K·C_j·d + d³), d = C_j − 1 + K: negligible next to
 * the E-step.
 */
import { solveRidgedInPlace } from '../../math/cholesky';
import type { LcaData } from './lca-data';
import { MAX_CATEGORIES } from './lca-data';

/** Scratch buffers for one K, allocated once per workspace. */
export type OrdinalScratch = { grad: Float64Array; hess: Float64Array; step: Float64Array; trialA: Float64Array; trialS: Float64Array; prob: Float64Array };

export function createOrdinalScratch(K: number): OrdinalScratch {
  const d = MAX_CATEGORIES - 1 + K;
  return { grad: new Float64Array(d), hess: new Float64Array(d * d), step: new Float64Array(d), trialA: new Float64Array(MAX_CATEGORIES), trialS: new Float64Array(K), prob: new Float64Array(MAX_CATEGORIES) };
}

/** Q_j at (a, s): counts of item j start at category row `base`; a[aOff + c] (a[aOff] = 0), s[sOff + k]. */
function itemQ(counts: Float64Array, base: number, C: number, K: number, a: Float64Array, aOff: number, s: Float64Array, sOff: number): number {
  let q = 0;
  for (let k = 0; k < K; k++) {
    let m = -Infinity;
    for (let c = 0; c < C; c++) m = Math.max(m, a[aOff + c]! + c * s[sOff + k]!);
    let z = 0;
    for (let c = 0; c < C; c++) z += Math.exp(a[aOff + c]! + c * s[sOff + k]! - m);
    const logZ = m + Math.log(z);
    for (let c = 0; c < C; c++) {
      const n = counts[(base + c) * K + k]!;
      if (n > 0) q += n * (a[aOff + c]! + c * s[sOff + k]! - logZ);
    }
  }
  return q;
}

/** Solves (A + ridge·I) x = b in place by Cholesky (A symmetric positive semi-definite, d×d). */
function solveSpd(A: Float64Array, b: Float64Array, d: number): boolean {
  let maxDiag = 0;
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, A[i * d + i]!);
  return solveRidgedInPlace(A, b, d, 1e-9 * (maxDiag > 0 ? maxDiag : 1) + 1e-12);
}

/** Gradient and negative Hessian of Q_j at (alpha, slope) into scratch; returns false if all counts are 0. */
function itemDerivatives(counts: Float64Array, base: number, C: number, K: number, alpha: Float64Array, slope: Float64Array, sOff: number, w: OrdinalScratch): boolean {
  const d = C - 1 + K;
  const { grad, hess, prob } = w;
  grad.fill(0, 0, d);
  hess.fill(0, 0, d * d);
  let any = false;
  for (let k = 0; k < K; k++) {
    let Nk = 0;
    for (let c = 0; c < C; c++) Nk += counts[(base + c) * K + k]!;
    if (Nk > 0) any = true;
    const sk = slope[sOff + k]!;
    let m = -Infinity;
    for (let c = 0; c < C; c++) m = Math.max(m, alpha[base + c]! + c * sk);
    let z = 0;
    for (let c = 0; c < C; c++) { const e = Math.exp(alpha[base + c]! + c * sk - m); prob[c] = e; z += e; }
    let mean = 0;
    for (let c = 0; c < C; c++) { prob[c]! /= z; mean += c * prob[c]!; }
    const ks = C - 1 + k;
    let varK = 0;
    for (let c = 0; c < C; c++) {
      const r = counts[(base + c) * K + k]! - Nk * prob[c]!;
      grad[ks]! += c * r;
      varK += (c - mean) * (c - mean) * prob[c]!;
      if (c === 0) continue;
      grad[c - 1]! += r;
      hess[(c - 1) * d + ks]! += Nk * prob[c]! * (c - mean);
      for (let e = 1; e < C; e++) hess[(c - 1) * d + (e - 1)]! += Nk * prob[c]! * ((c === e ? 1 : 0) - prob[e]!);
    }
    hess[ks * d + ks] = Nk * varK;
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) hess[i * d + j] = hess[j * d + i]!;
  return any;
}

/**
 * Up to `steps` safeguarded Newton steps on every ordinal item, in place on alpha (offset_j + c)
 * and slope (j·K + k). Stops an item early when its Newton decrement is below 1e-12.
 */
export function ordinalMStep(data: LcaData, K: number, counts: Float64Array, alpha: Float64Array, slope: Float64Array, steps: number, w: OrdinalScratch): void {
  const J = data.items.length;
  for (let j = 0; j < J; j++) {
    const C = data.categoryCounts[j]!;
    const base = data.offsets[j]!;
    const d = C - 1 + K;
    for (let step = 0; step < steps; step++) {
      if (!itemDerivatives(counts, base, C, K, alpha, slope, j * K, w)) break;
      const { step: dir, grad } = w;
      for (let i = 0; i < d; i++) dir[i] = grad[i]!;
      if (!solveSpd(w.hess, dir, d)) break;
      let decrement = 0, maxAbs = 0;
      for (let i = 0; i < d; i++) { decrement += dir[i]! * grad[i]!; maxAbs = Math.max(maxAbs, Math.abs(dir[i]!)); }
      if (!(decrement > 1e-12)) break;
      let scale = maxAbs > 5 ? 5 / maxAbs : 1;
      const q0 = itemQ(counts, base, C, K, alpha, base, slope, j * K);
      let accepted = false;
      for (let half = 0; half < 30 && !accepted; half++, scale /= 2) {
        w.trialA[0] = 0;
        for (let c = 1; c < C; c++) w.trialA[c] = alpha[base + c]! + scale * dir[c - 1]!;
        for (let k = 0; k < K; k++) w.trialS[k] = slope[j * K + k]! + scale * dir[C - 1 + k]!;
        if (itemQ(counts, base, C, K, w.trialA, 0, w.trialS, 0) >= q0 - 1e-13 * Math.abs(q0)) accepted = true;
      }
      if (!accepted) break;
      let mean = 0;
      for (let k = 0; k < K; k++) mean += w.trialS[k]!;
      mean /= K;
      for (let c = 1; c < C; c++) alpha[base + c] = w.trialA[c]! + c * mean;
      for (let k = 0; k < K; k++) slope[j * K + k] = w.trialS[k]! - mean;
    }
  }
}

/** log θ for ordinal items from (alpha, slope), floored at `floor`. */
export function ordinalLogTheta(data: LcaData, K: number, alpha: Float64Array, slope: Float64Array, logTheta: Float64Array, floor: number): void {
  const J = data.items.length;
  for (let j = 0; j < J; j++) {
    const C = data.categoryCounts[j]!;
    const base = data.offsets[j]!;
    for (let k = 0; k < K; k++) {
      const sk = slope[j * K + k]!;
      let m = -Infinity;
      for (let c = 0; c < C; c++) m = Math.max(m, alpha[base + c]! + c * sk);
      let z = 0;
      for (let c = 0; c < C; c++) z += Math.exp(alpha[base + c]! + c * sk - m);
      const logZ = m + Math.log(z);
      for (let c = 0; c < C; c++) logTheta[(base + c) * K + k] = Math.max(floor, alpha[base + c]! + c * sk - logZ);
    }
  }
}
