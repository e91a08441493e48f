// AssemblyScript source of the Cholesky inverse (see eigen.ts for how it is built):
// choleskyInverse and choleskyInPlace of core/math/cholesky.ts, operation for operation.

import { f64s, ld, st } from './heap';
/** Overwrites the lower triangle of the n×n `a` with L (A = LLᵀ); false when A is not positive definite. */
function choleskyInPlace(a: usize, n: i32): bool {
  for (let j = 0; j < n; j++) {
    let d = ld(a, j * n + j);
    for (let k = 0; k < j; k++) {
      const v = ld(a, j * n + k);
      d -= v * v;
    }
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    st(a, j * n + j, ljj);
    for (let i = j + 1; i < n; i++) {
      let s = ld(a, i * n + j);
      for (let k = 0; k < j; k++) s -= ld(a, i * n + k) * ld(a, j * n + k);
      st(a, i * n + j, s / ljj);
    }
  }
  return true;
}

/** Bytes of scratch choleskyInverse needs at `work`. */
export function choleskyInverseScratchBytes(n: i32): usize {
  return f64s(2 * n * n);
}

/** A⁻¹ = L⁻ᵀL⁻¹ of the symmetric n×n `a` into `out`; returns 0 when A is not positive definite. */
export function choleskyInverse(n: i32, a: usize, out: usize, work: usize): i32 {
  const l = work;
  const li = l + f64s(n * n);
  memory.copy(l, a, f64s(n * n));
  if (!choleskyInPlace(l, n)) return 0;
  memory.fill(li, 0, f64s(n * n));
  for (let j = 0; j < n; j++) {
    st(li, j * n + j, 1 / ld(l, j * n + j));
    for (let i = j + 1; i < n; i++) {
      let s: f64 = 0;
      for (let k = j; k < i; k++) s += ld(l, i * n + k) * ld(li, k * n + j);
      st(li, i * n + j, -s / ld(l, i * n + i));
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s: f64 = 0;
      for (let k = i; k < n; k++) s += ld(li, k * n + i) * ld(li, k * n + j);
      st(out, i * n + j, s);
      st(out, j * n + i, s);
    }
  }
  return 1;
}

/**
 * pseudoInverseSymmetric's fast path (core/math/pseudo-inverse.ts): the Cholesky inverse of the
 * symmetric n×n `a` into `out` when it exists and 1/tr(A⁻¹) > tol·‖A‖∞ (then it is the
 * pseudo-inverse); returns 1 then, else 0.
 */
export function wellConditionedInverse(n: i32, a: usize, out: usize, tol: f64, work: usize): i32 {
  if (choleskyInverse(n, a, out, work) == 0) return 0;
  let trace: f64 = 0;
  let normInf: f64 = 0;
  for (let i = 0; i < n; i++) {
    trace += ld(out, i * n + i);
    let row: f64 = 0;
    for (let j = 0; j < n; j++) row += Math.abs(ld(a, i * n + j));
    normInf = Math.max(normInf, row);
  }
  return 1 / trace > tol * normInf ? 1 : 0;
}
