// AssemblyScript source of the Pearson sums kernel (see eigen.ts for how it is built): the
// passes over the respondents of pearsonSums in core/factor/correlation-pearson.ts, operation for
// operation (same sums in the same order, so the same bits). x is row-major n×p f64 with NaN for
// a missing answer; weights is 0 (unweighted) or n f64s.
//
// Output block at `out` (f64 unless noted), in this order:
//   shift[p], counts[p], completeS[p], itemS[p], itemSS[p], completeW, completeN,
//   completeSS[p²], pairN[p²], pairW[p²], pairSx[p²], pairSy[p²], pairSxx[p²], pairSyy[p²], pairSxy[p²]
// followed by scratch: row[p] (f64), observed[p] and present[p] (i32).

import { f64s, ld, st } from './heap';
@inline function add(base: usize, i: i32, v: f64): void {
  st(base, i, ld(base, i) + v);
}
@inline function ldi(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}
@inline function sti(base: usize, i: i32, v: i32): void {
  store<i32>(base + ((<usize>i) << 2), v);
}

/** Bytes of the output block and scratch at `out`. */
export function pearsonSumsBytes(p: i32): usize {
  return f64s(5 * p + 2 + 8 * p * p + p) + ((<usize>(2 * p)) << 2);
}

/** Block layout of the output (see the header). */
@inline function shiftAt(out: usize): usize { return out; }
@inline function countsAt(out: usize, p: i32): usize { return out + f64s(p); }
@inline function completeSAt(out: usize, p: i32): usize { return out + f64s(2 * p); }
@inline function itemSAt(out: usize, p: i32): usize { return out + f64s(3 * p); }
@inline function itemSSAt(out: usize, p: i32): usize { return out + f64s(4 * p); }
@inline function scalarsAt(out: usize, p: i32): usize { return out + f64s(5 * p); }
@inline function pairAt(out: usize, p: i32, which: i32): usize { return out + f64s(5 * p + 2 + which * p * p); }

// The pass runs in blocks of rows, one call each (pearsonShiftRows, then pearsonSumsRows), so
// that V8 optimises the loops after the first blocks (WebAssembly code is swapped for its
// optimised build only between calls); the sums run in the reference's order all the same.

/** Zeroes the output block. */
export function pearsonSumsBegin(p: i32, out: usize): void {
  memory.fill(out, 0, f64s(5 * p + 2 + 8 * p * p));
}

/** Rows [r0, r1) into each item's sum and count of answers. */
export function pearsonShiftRows(r0: i32, r1: i32, p: i32, x: usize, out: usize): void {
  const shift = shiftAt(out);
  const counts = countsAt(out, p);
  for (let r = r0; r < r1; r++) {
    for (let j = 0; j < p; j++) {
      const v = ld(x, r * p + j);
      if (!(v != v)) {
        add(shift, j, v);
        add(counts, j, 1);
      }
    }
  }
}

/** Turns the sums into means (the shift). */
export function pearsonShiftEnd(p: i32, out: usize): void {
  const shift = shiftAt(out);
  const counts = countsAt(out, p);
  for (let j = 0; j < p; j++) st(shift, j, ld(counts, j) > 0 ? ld(shift, j) / ld(counts, j) : 0);
}

/** Rows [r0, r1) into the sums of shifted values. */
export function pearsonSumsRows(r0: i32, r1: i32, p: i32, x: usize, weights: usize, out: usize): void {
  const shift = shiftAt(out);
  const completeS = completeSAt(out, p);
  const itemS = itemSAt(out, p);
  const itemSS = itemSSAt(out, p);
  const scalars = scalarsAt(out, p);
  const completeSS = pairAt(out, p, 0);
  const pairN = pairAt(out, p, 1);
  const pairW = pairAt(out, p, 2);
  const pairSx = pairAt(out, p, 3);
  const pairSy = pairAt(out, p, 4);
  const pairSxx = pairAt(out, p, 5);
  const pairSyy = pairAt(out, p, 6);
  const pairSxy = pairAt(out, p, 7);
  const row = pairAt(out, p, 8);
  const observed = row + f64s(p);
  const present = observed + ((<usize>p) << 2);
  let completeW = ld(scalars, 0);
  let completeN = ld(scalars, 1);
  for (let r = r0; r < r1; r++) {
    const w: f64 = weights == 0 ? 1 : ld(weights, r);
    if (!(w > 0)) continue;
    let complete = true;
    for (let j = 0; j < p; j++) {
      const v = ld(x, r * p + j);
      const isObserved = v != v ? 0 : 1;
      sti(observed, j, isObserved);
      if (isObserved == 0) complete = false;
      st(row, j, v - ld(shift, j));
    }
    if (complete) {
      completeW += w;
      completeN += 1;
      for (let i = 0; i < p; i++) {
        const wi = w * ld(row, i);
        add(completeS, i, wi);
        const base = i * p;
        for (let j = i; j < p; j++) add(completeSS, base + j, wi * ld(row, j));
      }
      continue;
    }
    let nObserved = 0;
    for (let j = 0; j < p; j++) if (ldi(observed, j) == 1) sti(present, nObserved++, j);
    if (weights == 0) {
      for (let a = 0; a < nObserved; a++) {
        const i = ldi(present, a);
        const xi = ld(row, i);
        add(itemS, i, xi);
        add(itemSS, i, xi * xi);
        const base = i * p;
        for (let b = a + 1; b < nObserved; b++) {
          const j = ldi(present, b);
          const k = base + j;
          const yj = ld(row, j);
          add(pairN, k, 1);
          add(pairSx, k, xi);
          add(pairSy, k, yj);
          add(pairSxx, k, xi * xi);
          add(pairSyy, k, yj * yj);
          add(pairSxy, k, xi * yj);
        }
      }
      continue;
    }
    for (let a = 0; a < nObserved; a++) {
      const i = ldi(present, a);
      const xi = ld(row, i);
      const wxi = w * xi;
      for (let b = a + 1; b < nObserved; b++) {
        const j = ldi(present, b);
        const k = i * p + j;
        const yj = ld(row, j);
        add(pairN, k, 1);
        add(pairW, k, w);
        add(pairSx, k, wxi);
        add(pairSy, k, w * yj);
        add(pairSxx, k, wxi * xi);
        add(pairSyy, k, w * yj * yj);
        add(pairSxy, k, wxi * yj);
      }
    }
  }
  st(scalars, 0, completeW);
  st(scalars, 1, completeN);
}
