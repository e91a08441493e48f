/**
 * Cholesky factorisation and solve for the small symmetric positive-definite systems of Newton
 * steps (the typing tool's logistic regression and LDA, the LCA covariate and ordinal M-steps).
 * In place on a row-major n×n array; factorisation returns false when the matrix is not positive
 * definite. Hand-written: a dozen lines, allocation-free for the EM hot path. choleskyInverse runs
 * its WebAssembly build (core/kernels, bit-identical) where one is available.
 */
import { wasmCholeskyInverse } from '../kernels/linear-algebra';

/** Overwrites the lower triangle of `a` with L (A = LLᵀ). */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= a[j * n + k]! ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Solves LLᵀx = b given the factor from choleskyInPlace; returns x. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = Float64Array.from(b);
  choleskySolveInPlace(l, n, y);
  return y;
}

/** Overwrites y with the solution of LLᵀx = y. */
export function choleskySolveInPlace(l: Float64Array, n: number, y: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = y[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
}

/**
 * Inverse of a symmetric positive-definite matrix, A⁻¹ = L⁻ᵀL⁻¹ from its Cholesky factor (about
 * p³/2 multiply-adds, a fraction of an eigendecomposition); null when A is not positive definite.
 */
export function choleskyInverse(a: ArrayLike<number>, n: number): Float64Array | null {
  const compiled = wasmCholeskyInverse(a, n);
  if (compiled !== null) return compiled === 'not-positive-definite' ? null : compiled;
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, n)) return null;
  // L⁻¹ (lower triangular), column by column by forward substitution.
  const li = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    li[j * n + j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s += l[i * n + k]! * li[k * n + j]!;
      li[i * n + j] = -s / l[i * n + i]!;
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k * n + i]! * li[k * n + j]!;
      out[i * n + j] = out[j * n + i] = s;
    }
  }
  return out;
}

/** Solves (A + ridge·I) x = b, overwriting A with its factor and b with x; false if not positive definite. */
export function solveRidgedInPlace(A: Float64Array, b: Float64Array, n: number, ridge: number): boolean {
  for (let i = 0; i < n; i++) A[i * n + i]! += ridge;
  if (!choleskyInPlace(A, n)) return false;
  choleskySolveInPlace(A, n, b);
  return true;
}
