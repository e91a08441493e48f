/**
 * Smoothing of a non-positive-definite correlation matrix, exactly as psych::cor.smooth
 * (psych R/tetrachor.R): eigendecompose R = V diag(λ) Vᵀ; if the smallest eigenvalue is below
 * machine ε, replace every eigenvalue below 1e-12 by 100·1e-12, rescale the eigenvalues to sum
 * to p, rebuild V diag(λ) Vᵀ and rescale it to unit diagonal (cov2cor). A positive-definite
 * matrix is returned unchanged (same object) with smoothed = false.
 *
 * Pairwise-deleted Pearson and polychoric matrices are assembled one pair at a time and can be
 * indefinite; psych smooths polychoric matrices by default and so do we (correlation.ts).
 */
import { eigenSymmetric } from '../math/eigen-symmetric';
import type { Matrix } from '../math/matrix';

const MACHINE_EPS = 2.220446049250313e-16;
const EIGEN_TOLERANCE = 1e-12;

export function smoothCorrelation(r: Matrix): { matrix: Matrix; smoothed: boolean } {
  const p = r.rows;
  const { values, vectors } = eigenSymmetric(r.data, p);
  if (!(values[p - 1]! < MACHINE_EPS)) return { matrix: r, smoothed: false };
  const lambda = new Float64Array(p);
  let total = 0;
  for (let k = 0; k < p; k++) {
    lambda[k] = values[k]! < EIGEN_TOLERANCE ? 100 * EIGEN_TOLERANCE : values[k]!;
    total += lambda[k]!;
  }
  for (let k = 0; k < p; k++) lambda[k] = (lambda[k]! * p) / total;
  const rebuilt = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += vectors[i * p + k]! * lambda[k]! * vectors[j * p + k]!;
      rebuilt[i * p + j] = s;
      rebuilt[j * p + i] = s;
    }
  }
  const sd = new Float64Array(p);
  for (let i = 0; i < p; i++) sd[i] = Math.sqrt(rebuilt[i * p + i]!);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) rebuilt[i * p + j] = i === j ? 1 : rebuilt[i * p + j]! / (sd[i]! * sd[j]!);
  }
  return { matrix: { rows: p, cols: p, data: rebuilt }, smoothed: true };
}
