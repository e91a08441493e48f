/**
 * Velicer's (1976) minimum average partial (MAP) criterion, as psych::VSS computes it (its
 * internal `map`, default n = 8): with R = V diag(λ) Vᵀ and component loadings C = V diag(√λ),
 * for m = 1..min(maxFactors, p − 1)
 *   C*_m = R − C_{1..m} C_{1..m}ᵀ            (partial covariances after m components)
 *   r*_m = D^{-1/2} C*_m D^{-1/2}, D = diag(C*_m)   (partial correlations)
 *   MAP_m = Σ_{i≠j} (r*_m,ij)² / (p(p − 1)).
 * The suggested count is the m with the smallest MAP. Like psych, m = 0 (the average squared
 * correlation of R itself) is not a candidate by default, so the answer is at least 1; Velicer's
 * original rule (includeZero) can answer 0. O'Connor's revised MAP (power 4) uses r⁴ instead of r².
 * Negative eigenvalues
 * (pairwise R) are clamped at 0 before the square root; a partial variance ≤ 0 ends the scan
 * (the remaining values are NaN).
 * Tests: core/factor/velicer-map.test.ts (simulated structures with a known count).
 */
import { eigenSymmetric } from '../math/eigen-symmetric';
import type { Matrix } from '../math/matrix';

export const MAP_DEFAULT_MAX_FACTORS = 8;

export type VelicerMap = {
  /** MAP_m for m = 1..values.length. */
  values: Float64Array;
  /** Average r^power of R itself (m = 0). */
  zeroValue: number;
  /** argmin_m MAP_m (1-based; 0 only with includeZero). */
  nFactors: number;
};

export type VelicerMapOptions = { includeZero?: boolean; power?: 2 | 4 };

export function velicerMap(R: Matrix, maxFactors: number = MAP_DEFAULT_MAX_FACTORS, options: VelicerMapOptions = {}): VelicerMap {
  const power = options.power ?? 2;
  const p = R.rows;
  const mMax = Math.max(1, Math.min(maxFactors, p - 1));
  const { values: lambda, vectors } = eigenSymmetric(R.data, p);
  const partial = new Float64Array(R.data);
  const out = new Float64Array(mMax).fill(NaN);
  const sd = new Float64Array(p);
  let best = 1;
  for (let m = 1; m <= mMax; m++) {
    const root = Math.sqrt(Math.max(lambda[m - 1]!, 0));
    for (let i = 0; i < p; i++) {
      const ci = vectors[i * p + m - 1]! * root;
      for (let j = 0; j < p; j++) partial[i * p + j]! -= ci * vectors[j * p + m - 1]! * root;
    }
    let valid = true;
    for (let i = 0; i < p; i++) {
      const d = partial[i * p + i]!;
      if (!(d > 0)) valid = false;
      sd[i] = Math.sqrt(d);
    }
    if (!valid) break;
    let sum = 0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        if (i === j) continue;
        const r = partial[i * p + j]! / (sd[i]! * sd[j]!);
        sum += power === 2 ? r * r : r * r * r * r;
      }
    }
    out[m - 1] = sum / (p * (p - 1));
    if (out[m - 1]! < out[best - 1]!) best = m;
  }
  let zeroValue = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) if (i !== j) zeroValue += R.data[i * p + j]! ** power;
  zeroValue /= p * (p - 1);
  const nFactors = options.includeZero === true && !(out[best - 1]! < zeroValue) ? 0 : best;
  return { values: out, zeroValue, nFactors };
}
