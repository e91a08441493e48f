/**
 * Multinomial (baseline-category) logistic regression by Newton–Raphson with a small ridge and
 * step-halving, for the typing tool.
 *
 * Model: P(y = k | x) = exp(η_k) / Σ_l exp(η_l), η_k = β_k0 + Σ_j β_kj x_j, β_0· = 0 (class 0 is
 * the baseline). Objective: penalised log-likelihood ℓ(β) − (λ/2) Σ_{k≥1, j≥1} β_kj² (intercepts
 * unpenalised), λ = ridge · N (default ridge 1e-4), which keeps the estimates finite under the
 * quasi-/complete separation that well-separated segments produce with few items.
 * Gradient: Σ_i x_ij (1[y_i = k] − p_ik) − λβ_kj; Hessian blocks −Σ_i x_ij x_im p_ik(δ_kl − p_il) − λ.
 * Newton step solved by Cholesky on the negative Hessian; the step is halved (up to 30 times)
 * until the penalised objective increases. Converged when max|Δβ| < 1e-8 or the relative change
 * of the objective < 1e-10. Cost per iteration O(N · ((K−1)(p+1))²).
 */
import { choleskyInPlace, choleskySolve } from '../math/cholesky';

export type LinearScorer = {
  /** K intercepts and K × p weights on the model's inputs; posterior = softmax(intercept + weights·x). */
  intercepts: number[];
  weights: number[][];
};

export type MlrFit = LinearScorer & { iterations: number; converged: boolean; logLik: number; penalisedLogLik: number };

export type MlrOptions = { ridge?: number; maxIterations?: number };

/** x: n × p row-major inputs; y: class 0..k−1 per row. */
export function fitMultinomialLogit(x: Float64Array, n: number, p: number, y: Int32Array, k: number, options: MlrOptions = {}): MlrFit {
  const q = p + 1;
  const m = (k - 1) * q;
  const lambda = (options.ridge ?? 1e-4) * n;
  const maxIterations = options.maxIterations ?? 100;
  let beta = new Float64Array(m);
  const prob = new Float64Array(n * k);
  let objective = penalisedObjective(x, n, p, y, k, beta, lambda, prob);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && !converged; iterations++) {
    const grad = new Float64Array(m);
    const hess = new Float64Array(m * m);
    const xi = new Float64Array(q);
    for (let i = 0; i < n; i++) {
      xi[0] = 1;
      for (let j = 0; j < p; j++) xi[j + 1] = x[i * p + j]!;
      for (let a = 1; a < k; a++) {
        const pa = prob[i * k + a]!;
        const r = (y[i] === a ? 1 : 0) - pa;
        for (let j = 0; j < q; j++) grad[(a - 1) * q + j] = grad[(a - 1) * q + j]! + xi[j]! * r;
        for (let b = a; b < k; b++) {
          const w = pa * ((a === b ? 1 : 0) - prob[i * k + b]!);
          for (let j = 0; j < q; j++) {
            const row = ((a - 1) * q + j) * m + (b - 1) * q;
            const wx = w * xi[j]!;
            for (let l = 0; l < q; l++) hess[row + l] = hess[row + l]! + wx * xi[l]!;
          }
        }
      }
    }
    for (let a = 1; a < k; a++) for (let b = a + 1; b < k; b++) for (let j = 0; j < q; j++) for (let l = 0; l < q; l++) hess[((b - 1) * q + l) * m + (a - 1) * q + j] = hess[((a - 1) * q + j) * m + (b - 1) * q + l]!;
    for (let a = 1; a < k; a++) {
      for (let j = 1; j < q; j++) {
        const idx = (a - 1) * q + j;
        grad[idx] = grad[idx]! - lambda * beta[idx]!;
        hess[idx * m + idx] = hess[idx * m + idx]! + lambda;
      }
      const i0 = (a - 1) * q;
      hess[i0 * m + i0] = hess[i0 * m + i0]! + 1e-10 * n;
    }
    if (!choleskyInPlace(hess, m)) break;
    const step = choleskySolve(hess, m, grad);
    let scale = 1;
    let next = beta;
    let nextObjective = -Infinity;
    for (let h = 0; h < 30; h++) {
      next = Float64Array.from(beta, (v, i) => v + scale * step[i]!);
      nextObjective = penalisedObjective(x, n, p, y, k, next, lambda, prob);
      if (nextObjective >= objective - 1e-12 * Math.abs(objective)) break;
      scale /= 2;
    }
    let maxDelta = 0;
    for (let i = 0; i < m; i++) maxDelta = Math.max(maxDelta, Math.abs(next[i]! - beta[i]!));
    const relative = Math.abs(nextObjective - objective) / Math.max(Math.abs(objective), 1e-300);
    beta = next;
    objective = nextObjective;
    converged = maxDelta < 1e-8 || relative < 1e-10;
  }
  penalisedObjective(x, n, p, y, k, beta, lambda, prob);
  let logLik = 0;
  for (let i = 0; i < n; i++) logLik += Math.log(Math.max(prob[i * k + y[i]!]!, 1e-300));
  const intercepts = [0];
  const weights = [new Array<number>(p).fill(0)];
  for (let a = 1; a < k; a++) {
    intercepts.push(beta[(a - 1) * q]!);
    weights.push(Array.from({ length: p }, (_, j) => beta[(a - 1) * q + j + 1]!));
  }
  return { intercepts, weights, iterations, converged, logLik, penalisedLogLik: objective };
}

/** Penalised log-likelihood; fills `prob` (n × k) with the fitted probabilities. */
function penalisedObjective(x: Float64Array, n: number, p: number, y: Int32Array, k: number, beta: Float64Array, lambda: number, prob: Float64Array): number {
  const q = p + 1;
  let ll = 0;
  const eta = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    eta[0] = 0;
    let max = 0;
    for (let a = 1; a < k; a++) {
      let s = beta[(a - 1) * q]!;
      for (let j = 0; j < p; j++) s += beta[(a - 1) * q + j + 1]! * x[i * p + j]!;
      eta[a] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let a = 0; a < k; a++) sum += Math.exp(eta[a]! - max);
    const logSum = max + Math.log(sum);
    for (let a = 0; a < k; a++) prob[i * k + a] = Math.exp(eta[a]! - logSum);
    ll += eta[y[i]!]! - logSum;
  }
  let penalty = 0;
  for (let a = 1; a < k; a++) for (let j = 1; j < q; j++) penalty += beta[(a - 1) * q + j]! ** 2;
  return ll - (lambda / 2) * penalty;
}

/** Posterior probabilities of one input vector under a linear scorer (softmax of the scores). */
export function linearPosteriors(scorer: LinearScorer, x: ArrayLike<number>): number[] {
  const scores = scorer.intercepts.map((c, k) => {
    let s = c;
    const w = scorer.weights[k]!;
    for (let j = 0; j < w.length; j++) s += w[j]! * x[j]!;
    return s;
  });
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
