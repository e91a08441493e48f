/**
 * mclust's covariance parameterisations for Gaussian mixtures (Banfield & Raftery 1993; Celeux &
 * Govaert 1995), Σ_k = λ_k D_k A_k D_kᵀ (volume λ, shape A, orientation D), restricted to the six
 * that latent profile analysis uses, with their closed-form M-steps and mclust's parameter counts
 * (mclust `nVarParams`).
 *
 * With posterior weights z_ik (times case weights w_i), n_k = Σ_i w_i z_ik, n = Σ_k n_k,
 * μ_k = Σ_i w_i z_ik x_i / n_k and scatter W_k = Σ_i w_i z_ik (x_i − μ_k)(x_i − μ_k)ᵀ, W = Σ_k W_k:
 *
 * | model | Σ_k          | M-step                  | variance parameters |
 * |-------|--------------|-------------------------|---------------------|
 * | EII   | σ² I         | σ² = tr(W)/(n d)        | 1                   |
 * | VII   | σ_k² I       | σ_k² = tr(W_k)/(n_k d)  | K                   |
 * | EEI   | diag(δ)      | δ = diag(W)/n           | d                   |
 * | VVI   | diag(δ_k)    | δ_k = diag(W_k)/n_k     | K d                 |
 * | EEE   | Σ            | Σ = W/n                 | d(d+1)/2            |
 * | VVV   | Σ_k          | Σ_k = W_k/n_k           | K d(d+1)/2          |
 *
 * npar = (K − 1) mixing proportions + K d means + variance parameters.
 */

export const COVARIANCE_MODELS = ['EII', 'VII', 'EEI', 'VVI', 'EEE', 'VVV'] as const;
export type CovarianceModel = (typeof COVARIANCE_MODELS)[number];

export const COVARIANCE_MODEL_TITLES: Record<CovarianceModel, string> = {
  EII: 'spherical, equal volume',
  VII: 'spherical, varying volume',
  EEI: 'diagonal, equal volume and shape',
  VVI: 'diagonal, varying volume and shape',
  EEE: 'ellipsoidal, equal volume, shape and orientation',
  VVV: 'ellipsoidal, varying volume, shape and orientation',
};

export function varianceParameterCount(model: CovarianceModel, k: number, d: number): number {
  switch (model) {
    case 'EII':
      return 1;
    case 'VII':
      return k;
    case 'EEI':
      return d;
    case 'VVI':
      return k * d;
    case 'EEE':
      return (d * (d + 1)) / 2;
    case 'VVV':
      return (k * d * (d + 1)) / 2;
  }
}

export function lpaParameterCount(model: CovarianceModel, k: number, d: number): number {
  return k - 1 + k * d + varianceParameterCount(model, k, d);
}

/**
 * Turns the per-class scatter matrices W_k (k×d×d, overwritten) and class weights n_k into the
 * model's covariance matrices Σ_k (written to `out`, k×d×d).
 */
export function constrainCovariances(model: CovarianceModel, scatter: Float64Array, nk: Float64Array, k: number, d: number, out: Float64Array): void {
  const dd = d * d;
  let n = 0;
  for (let c = 0; c < k; c++) n += nk[c]!;
  out.fill(0);
  switch (model) {
    case 'EII': {
      let trace = 0;
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) trace += scatter[c * dd + j * d + j]!;
      const s2 = trace / (n * d);
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) out[c * dd + j * d + j] = s2;
      return;
    }
    case 'VII':
      for (let c = 0; c < k; c++) {
        let trace = 0;
        for (let j = 0; j < d; j++) trace += scatter[c * dd + j * d + j]!;
        const s2 = trace / (nk[c]! * d);
        for (let j = 0; j < d; j++) out[c * dd + j * d + j] = s2;
      }
      return;
    case 'EEI':
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += scatter[c * dd + j * d + j]!;
        for (let c = 0; c < k; c++) out[c * dd + j * d + j] = sum / n;
      }
      return;
    case 'VVI':
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) out[c * dd + j * d + j] = scatter[c * dd + j * d + j]! / nk[c]!;
      return;
    case 'EEE':
      for (let e = 0; e < dd; e++) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += scatter[c * dd + e]!;
        for (let c = 0; c < k; c++) out[c * dd + e] = sum / n;
      }
      return;
    case 'VVV':
      for (let c = 0; c < k; c++) for (let e = 0; e < dd; e++) out[c * dd + e] = scatter[c * dd + e]! / nk[c]!;
      return;
  }
}

/**
 * Cholesky factor L (lower, row-major, written to `chol` at `offset`) of the d×d matrix at
 * `cov[offset..]`, returning ln det Σ = 2 Σ ln L_jj, or NaN when Σ is singular by mclust's
 * reciprocal-condition proxy min_j L_jj / (1 + max_j L_jj) ≤ √ε (so the start is discarded, as
 * mclust returns NA), or not positive definite.
 */
export function choleskyLogDet(cov: Float64Array, chol: Float64Array, offset: number, d: number): number {
  let minDiag = Infinity;
  let maxDiag = 0;
  let logDet = 0;
  for (let j = 0; j < d; j++) {
    for (let i = j; i < d; i++) {
      let sum = cov[offset + i * d + j]!;
      for (let m = 0; m < j; m++) sum -= chol[offset + i * d + m]! * chol[offset + j * d + m]!;
      if (i === j) {
        if (!(sum > 0)) return NaN;
        const root = Math.sqrt(sum);
        chol[offset + j * d + j] = root;
        minDiag = Math.min(minDiag, root);
        maxDiag = Math.max(maxDiag, root);
        logDet += 2 * Math.log(root);
      } else {
        chol[offset + i * d + j] = sum / chol[offset + j * d + j]!;
      }
    }
    for (let i = 0; i < j; i++) chol[offset + i * d + j] = 0;
  }
  if (minDiag / (1 + maxDiag) <= SQRT_EPS) return NaN;
  return logDet;
}

export const SQRT_EPS = Math.sqrt(2.220446049250313e-16);
