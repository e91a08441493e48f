/**
 * Linear discriminant analysis for the typing tool, as a linear scorer: pooled within-class
 * covariance S_w (divisor N − K), priors = class proportions, score_k(x) = xᵀS_w⁻¹μ_k −
 * ½μ_kᵀS_w⁻¹μ_k + ln π_k; posteriors = softmax of the scores (MASS::lda's posteriors).
 * A tiny ridge (1e-9 × mean variance) on S_w keeps a rank-deficient item set solvable.
 */
import { choleskyInPlace, choleskySolve } from '../math/cholesky';
import type { LinearScorer } from './mlr';

export function fitLda(x: Float64Array, n: number, p: number, y: Int32Array, k: number): LinearScorer {
  const counts = new Float64Array(k);
  const means = new Float64Array(k * p);
  for (let i = 0; i < n; i++) {
    const c = y[i]!;
    counts[c] = counts[c]! + 1;
    for (let j = 0; j < p; j++) means[c * p + j] = means[c * p + j]! + x[i * p + j]!;
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) means[c * p + j] = counts[c]! > 0 ? means[c * p + j]! / counts[c]! : 0;
  const s = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const c = y[i]!;
    for (let a = 0; a < p; a++) {
      const da = x[i * p + a]! - means[c * p + a]!;
      for (let b = 0; b <= a; b++) s[a * p + b] = s[a * p + b]! + da * (x[i * p + b]! - means[c * p + b]!);
    }
  }
  const df = Math.max(n - k, 1);
  let trace = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      s[a * p + b] = s[a * p + b]! / df;
      s[b * p + a] = s[a * p + b]!;
    }
    trace += s[a * p + a]!;
  }
  const ridge = 1e-9 * Math.max(trace / Math.max(p, 1), 1e-12);
  for (let a = 0; a < p; a++) s[a * p + a] = s[a * p + a]! + ridge;
  if (!choleskyInPlace(s, p)) for (let a = 0; a < p; a++) s[a * p + a] = 1;
  const intercepts: number[] = [];
  const weights: number[][] = [];
  for (let c = 0; c < k; c++) {
    const mu = means.subarray(c * p, (c + 1) * p);
    const w = choleskySolve(s, p, mu);
    let quad = 0;
    for (let j = 0; j < p; j++) quad += w[j]! * mu[j]!;
    const prior = counts[c]! / n;
    intercepts.push(prior > 0 ? -0.5 * quad + Math.log(prior) : -1e9);
    weights.push(Array.from(w));
  }
  return { intercepts, weights };
}
