/**
 * The class-membership model with covariates (latent class regression, poLCA's `formula ~ x`):
 *   π_ik = exp(η_ik) / Σ_l exp(η_il),   η_ik = x_iᵀ β_k,   β_0 = 0 (class 0 is the reference).
 *
 * M-step for β: one Newton step with step-halving on the complete-data objective
 *   Q(β) = Σ_i w_i Σ_k τ_ik log π_ik(β)
 * with gradient g_k = Σ_i w_i x_i (τ_ik − π_ik) and negative Hessian blocks
 *   −H_kl = Σ_i w_i x_i x_iᵀ π_ik (δ_kl − π_il),   k, l = 1..K−1
 * (positive definite: Q is concave). This is a generalised EM step (Q never decreases, hence ℓ
 * never decreases); poLCA takes a Newton step on the observed-data log-likelihood instead
 * (Bandeen-Roche et al. 1997). Both reach the same maximum-likelihood estimate; the SQUAREM
 * acceleration in lca-em.ts makes up for the slower EM rate. Cost O(N·((K−1)S)²) per step.
 */
import { solveRidgedInPlace } from '../../math/cholesky';
import type { Matrix } from '../../math/matrix';

export type CovariateScratch = { grad: Float64Array; hess: Float64Array; trial: Float64Array; trialLogPrior: Float64Array; prior: Float64Array };

export function createCovariateScratch(n: number, K: number, S: number): CovariateScratch {
  const D = (K - 1) * S;
  return { grad: new Float64Array(D), hess: new Float64Array(D * D), trial: new Float64Array(D), trialLogPrior: new Float64Array(n * K), prior: new Float64Array(K) };
}

/** log π_ik for every respondent into logPrior (n×K). */
export function covariateLogPriors(design: Matrix, beta: Float64Array, K: number, logPrior: Float64Array): void {
  const { rows: n, cols: S, data: x } = design;
  for (let i = 0; i < n; i++) {
    const xi = i * S;
    let m = 0;
    logPrior[i * K] = 0;
    for (let k = 1; k < K; k++) {
      let eta = 0;
      for (let s = 0; s < S; s++) eta += x[xi + s]! * beta[(k - 1) * S + s]!;
      logPrior[i * K + k] = eta;
      if (eta > m) m = eta;
    }
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp(logPrior[i * K + k]! - m);
    const logZ = m + Math.log(z);
    for (let k = 0; k < K; k++) logPrior[i * K + k]! -= logZ;
  }
}

function objective(post: Float64Array, weights: Float64Array, logPrior: Float64Array, n: number, K: number): number {
  let q = 0;
  for (let i = 0; i < n; i++) {
    let qi = 0;
    for (let k = 0; k < K; k++) qi += post[i * K + k]! * logPrior[i * K + k]!;
    q += weights[i]! * qi;
  }
  return q;
}

function choleskySolve(A: Float64Array, b: Float64Array, d: number): boolean {
  let maxDiag = 0;
  for (let i = 0; i < d; i++) maxDiag = Math.max(maxDiag, A[i * d + i]!);
  return solveRidgedInPlace(A, b, d, 1e-10 * maxDiag + 1e-300);
}

/**
 * One safeguarded Newton step on β (in place) given posteriors τ (n×K) and the current
 * log-priors (n×K, consistent with β). On return logPrior holds the log-priors of the new β.
 */
export function covariateNewtonStep(design: Matrix, weights: Float64Array, post: Float64Array, logPrior: Float64Array, beta: Float64Array, K: number, w: CovariateScratch): void {
  const { rows: n, cols: S, data: x } = design;
  const D = (K - 1) * S;
  if (D === 0) return;
  const { grad, hess, trial, trialLogPrior, prior } = w;
  grad.fill(0);
  hess.fill(0);
  for (let i = 0; i < n; i++) {
    const wi = weights[i]!;
    if (wi === 0) continue;
    const xi = i * S;
    for (let k = 1; k < K; k++) prior[k] = Math.exp(logPrior[i * K + k]!);
    for (let k = 1; k < K; k++) {
      const pk = prior[k]!;
      const r = wi * (post[i * K + k]! - pk);
      for (let s = 0; s < S; s++) grad[(k - 1) * S + s]! += r * x[xi + s]!;
      for (let l = k; l < K; l++) {
        const pl = prior[l]!;
        const c = wi * pk * ((k === l ? 1 : 0) - pl);
        for (let s = 0; s < S; s++) {
          const row = ((k - 1) * S + s) * D + (l - 1) * S;
          const xs = c * x[xi + s]!;
          for (let t = 0; t < S; t++) hess[row + t]! += xs * x[xi + t]!;
        }
      }
    }
  }
  for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) hess[a * D + b] = hess[b * D + a]!;
  const dir = trial;
  for (let a = 0; a < D; a++) dir[a] = grad[a]!;
  if (!choleskySolve(hess, dir, D)) return;
  const q0 = objective(post, weights, logPrior, n, K);
  let scale = 1;
  for (let a = 0; a < D; a++) grad[a] = dir[a]!; // keep the direction; `trial` becomes the candidate β
  for (let half = 0; half < 30; half++, scale /= 2) {
    for (let a = 0; a < D; a++) trial[a] = beta[a]! + scale * grad[a]!;
    covariateLogPriors(design, trial, K, trialLogPrior);
    if (objective(post, weights, trialLogPrior, n, K) >= q0) {
      for (let a = 0; a < D; a++) beta[a] = trial[a]!;
      logPrior.set(trialLogPrior);
      return;
    }
  }
}
