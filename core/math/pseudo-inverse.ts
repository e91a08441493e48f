/**
 * Moore–Penrose pseudo-inverse of a symmetric matrix, as psych's `Pinv` behaves on correlation
 * matrices: singular values below sqrt(ε)·(largest singular value) are treated as zero.
 *
 * For a symmetric A = V diag(λ) Vᵀ the singular values are |λ_k|, so
 *   A⁺ = Σ_{|λ_k| > tol} v_k v_kᵀ / λ_k,  tol = √ε · max_k |λ_k|.
 * For a non-singular matrix this is the ordinary inverse (to rounding). Fast path: when the
 * Cholesky inverse exists and proves that no eigenvalue falls below the tolerance, it is that
 * inverse — λ_min ≥ 1/tr(A⁻¹) and λ_max ≤ ‖A‖∞, so 1/tr(A⁻¹) > √ε·‖A‖∞ means every |λ_k| > tol
 * and A⁺ = A⁻¹ exactly in exact arithmetic (the correlation matrices of real batteries, and
 * every simulated one of parallel analysis). Otherwise one symmetric eigendecomposition, O(p³).
 * The fast path, check included, runs in WebAssembly where it can (core/kernels, the same bits).
 */
import { wasmWellConditionedInverse } from '../kernels/linear-algebra';
import { choleskyInverse } from './cholesky';
import { eigenSymmetric } from './eigen-symmetric';
import type { Matrix } from './matrix';

export const PINV_TOLERANCE = Math.sqrt(2.220446049250313e-16);

export type PseudoInverse = {
  inverse: Matrix;
  /** Number of eigenvalues kept (p when the matrix is non-singular at the tolerance). */
  rank: number;
};

export function pseudoInverseSymmetric(a: Matrix): PseudoInverse {
  const p = a.rows;
  if (a.cols !== p) throw new Error(`pseudoInverseSymmetric: ${a.rows}x${a.cols} is not square`);
  const compiled = wasmWellConditionedInverse(a.data, p, PINV_TOLERANCE);
  if (compiled instanceof Float64Array) return { inverse: { rows: p, cols: p, data: compiled }, rank: p };
  const direct = compiled === null ? choleskyInverse(a.data, p) : null;
  if (direct !== null) {
    let trace = 0;
    let normInf = 0;
    for (let i = 0; i < p; i++) {
      trace += direct[i * p + i]!;
      let row = 0;
      for (let j = 0; j < p; j++) row += Math.abs(a.data[i * p + j]!);
      normInf = Math.max(normInf, row);
    }
    if (1 / trace > PINV_TOLERANCE * normInf) return { inverse: { rows: p, cols: p, data: direct }, rank: p };
  }
  const { values, vectors } = eigenSymmetric(a.data, p);
  let largest = 0;
  for (let k = 0; k < p; k++) largest = Math.max(largest, Math.abs(values[k]!));
  const tol = PINV_TOLERANCE * largest;
  const out = new Float64Array(p * p);
  let rank = 0;
  for (let k = 0; k < p; k++) {
    const lambda = values[k]!;
    if (!(Math.abs(lambda) > tol)) continue;
    rank++;
    const inv = 1 / lambda;
    for (let i = 0; i < p; i++) {
      const vi = vectors[i * p + k]! * inv;
      if (vi === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j]! += vi * vectors[j * p + k]!;
    }
  }
  return { inverse: { rows: p, cols: p, data: out }, rank };
}
