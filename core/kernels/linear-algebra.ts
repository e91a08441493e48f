/**
 * WebAssembly entry points of core/math's symmetric eigendecompositions (eigenvalues only, the full
 * decomposition, the leading eigenpairs of the extraction objectives), of the Cholesky inverse
 * and the pseudo-inverse's fast path, and of the general (Gauss–Jordan) inverse: each null when the kernels are not in use (instance.ts), so
 * the caller runs its TypeScript reference.
 */
import { kernels, placeFinite, reserve, type Kernels } from './instance';

/** Hypotenuse used by the QL rotations: ml-matrix's overflow-safe one, or plain √(a² + b²). */
export type HypotMode = 'overflow-safe' | 'plain';

/**
 * Eigenvalues (descending) of the symmetric row-major p×p `matrix`, as eigenvaluesSymmetric in
 * core/math/eigen-symmetric.ts computes them; null when the kernels are not in use or the matrix
 * has a non-finite entry.
 */
export function wasmEigenvalues(matrix: ArrayLike<number>, p: number, hypot: HypotMode): Float64Array | null {
  const k = kernels();
  if (k === null) return null;
  const base = k.exports.heapBase();
  const a = base;
  const values = a + 8 * p * p;
  const work = values + 8 * p;
  const heap = reserve(k, work - base + k.exports.eigenvaluesScratchBytes(p));
  if (!placeFinite(k, matrix, a, p * p)) return null;
  k.exports.eigenvalues(p, a, values, hypot === 'plain' ? 1 : 0, work);
  return heap.slice(values / 8, values / 8 + p);
}

/**
 * The full decomposition of eigenSymmetric in core/math/eigen-symmetric.ts: values descending,
 * vectors as columns (row-major p×p), signed as the reference signs them; the same bits. Null when
 * the kernels are not in use or the matrix has a non-finite entry.
 */
export function wasmEigenSymmetric(matrix: ArrayLike<number>, p: number, hypot: HypotMode): { values: Float64Array; vectors: Float64Array } | null {
  const k = kernels();
  if (k === null) return null;
  const base = k.exports.heapBase();
  const a = base;
  const values = a + 8 * p * p;
  const vectors = values + 8 * p;
  const work = vectors + 8 * p * p;
  const heap = reserve(k, work - base + k.exports.eigenSymmetricScratchBytes(p));
  if (!placeFinite(k, matrix, a, p * p)) return null;
  k.exports.eigenSymmetric(p, a, values, vectors, hypot === 'plain' ? 1 : 0, work);
  return { values: heap.slice(values / 8, values / 8 + p), vectors: heap.slice(vectors / 8, vectors / 8 + p * p) };
}

/**
 * All eigenvalues (descending) and the m leading eigenvectors (row-major p×m) of the symmetric
 * p×p `matrix`, as eigenTop in core/factor/extract-eigen-solver.ts computes them from the same
 * inverse-iteration start vectors (`start`: vector k at k·p); requires 3 ≤ p and m < p. Null when
 * the kernels are not in use or the matrix has a non-finite entry.
 */
export function wasmEigenTop(matrix: ArrayLike<number>, p: number, m: number, start: Float64Array): { values: Float64Array; vectors: Float64Array } | null {
  const k = kernels();
  if (k === null) return null;
  const base = k.exports.heapBase();
  const a = base;
  const values = a + 8 * p * p;
  const vectors = values + 8 * p;
  const starts = vectors + 8 * p * m;
  const work = starts + 8 * p * m;
  const heap = reserve(k, work - base + k.exports.eigenTopScratchBytes(p, m));
  if (!placeFinite(k, matrix, a, p * p)) return null;
  heap.set(start, starts / 8);
  k.exports.eigenTop(p, m, a, values, vectors, starts, work);
  return { values: heap.slice(values / 8, values / 8 + p), vectors: heap.slice(vectors / 8, vectors / 8 + p * m) };
}

/**
 * The fast path of pseudoInverseSymmetric (core/math/pseudo-inverse.ts) for the symmetric n×n `a`:
 * its Cholesky inverse when that exists and proves every eigenvalue above the tolerance
 * (1/tr(A⁻¹) > tol·‖A‖∞), else 'use-eigen'; the same bits and decision. Null when the kernels are
 * not in use or `a` has a non-finite entry.
 */
export function wasmWellConditionedInverse(a: ArrayLike<number>, n: number, tol: number): Float64Array | 'use-eigen' | null {
  const inverse = choleskyKernel(a, n, (k, at, out, work) => k.exports.wellConditionedInverse(n, at, out, tol, work));
  return inverse === 'refused' ? 'use-eigen' : inverse;
}

/**
 * choleskyInverse of core/math/cholesky.ts for the symmetric n×n `a`: the inverse, bit for bit,
 * or 'not-positive-definite'. Null when the kernels are not in use or `a` has a non-finite entry.
 */
export function wasmCholeskyInverse(a: ArrayLike<number>, n: number): Float64Array | 'not-positive-definite' | null {
  const inverse = choleskyKernel(a, n, (k, at, out, work) => k.exports.choleskyInverse(n, at, out, work));
  return inverse === 'refused' ? 'not-positive-definite' : inverse;
}

/**
 * invertMatrix of core/factor/rotate-algebra.ts for the n×n `a` (Gauss–Jordan, partial pivoting):
 * the inverse, bit for bit, or 'singular'. Null when the kernels are not in use or `a` has a
 * non-finite entry.
 */
export function wasmInvertMatrix(a: ArrayLike<number>, n: number): Float64Array | 'singular' | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const at = base;
  const out = at + 8 * n * n;
  const heap = reserve(kern, out + 8 * n * n - base);
  if (!placeFinite(kern, a, at, n * n)) return null;
  if (kern.exports.gaussJordanInverse(n, at, out) === 0) return 'singular';
  return heap.slice(out / 8, out / 8 + n * n);
}

/** Runs a Cholesky-inverse kernel on `a` (layout: a, the inverse, its scratch); 'refused' when it returns 0. */
function choleskyKernel(a: ArrayLike<number>, n: number, run: (k: Kernels, at: number, out: number, work: number) => number): Float64Array | 'refused' | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const at = base;
  const out = at + 8 * n * n;
  const work = out + 8 * n * n;
  const heap = reserve(kern, work - base + kern.exports.choleskyInverseScratchBytes(n));
  if (!placeFinite(kern, a, at, n * n)) return null;
  if (run(kern, at, out, work) === 0) return 'refused';
  return heap.slice(out / 8, out / 8 + n * n);
}
