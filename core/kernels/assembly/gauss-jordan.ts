// AssemblyScript source of the general matrix inverse (see eigen.ts for how it is built):
// invertMatrix of core/factor/rotate-algebra.ts (Gauss–Jordan with partial pivoting), operation
// for operation, so the inverse has the same bits.

import { ld, st } from './heap';

/**
 * The inverse of the n×n `a` (overwritten: it is the working copy) into `out`; returns 0 when the
 * matrix is zero or a pivot falls below 1e-14 times its largest entry (numerically singular).
 */
export function gaussJordanInverse(n: i32, a: usize, out: usize): i32 {
  for (let i = 0; i < n * n; i++) st(out, i, 0);
  for (let i = 0; i < n; i++) st(out, i * n + i, 1);
  let scale: f64 = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(ld(a, i)));
  if (scale == 0) return 0;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(ld(a, r * n + col)) > Math.abs(ld(a, pivot * n + col))) pivot = r;
    const pv = ld(a, pivot * n + col);
    if (Math.abs(pv) <= 1e-14 * scale) return 0;
    if (pivot != col) {
      for (let j = 0; j < n; j++) {
        swap(a, pivot * n + j, col * n + j);
        swap(out, pivot * n + j, col * n + j);
      }
    }
    for (let j = 0; j < n; j++) {
      st(a, col * n + j, ld(a, col * n + j) / pv);
      st(out, col * n + j, ld(out, col * n + j) / pv);
    }
    for (let r = 0; r < n; r++) {
      if (r == col) continue;
      const f = ld(a, r * n + col);
      if (f == 0) continue;
      for (let j = 0; j < n; j++) {
        st(a, r * n + j, ld(a, r * n + j) - f * ld(a, col * n + j));
        st(out, r * n + j, ld(out, r * n + j) - f * ld(out, col * n + j));
      }
    }
  }
  return 1;
}

@inline function swap(a: usize, i: i32, j: i32): void {
  const t = ld(a, i);
  st(a, i, ld(a, j));
  st(a, j, t);
}
