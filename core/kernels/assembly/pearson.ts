// AssemblyScript source of the Pearson sums kernel (see eigen.ts for how it is built): the one
// pass over the respondents of pearsonSums in core/factor/correlation-pearson.ts, operation for
// operation (same sums in the same order, so the same bits). x is row-major n×p f64 with NaN for
// a missing answer; weights is 0 (unweighted) or n f64s.
//
// Output block at `out` (f64 unless noted), in this order:
//   shift[p], counts[p], completeS[p], itemS[p], itemSS[p], completeW, completeN,
//   completeSS[p²], pairN[p²], pairW[p²], pairSx[p²], pairSy[p²], pairSxx[p²], pairSyy[p²], pairSxy[p²]
// followed by scratch: row[p] (f64), observed[p] and present[p] (i32).

@inline function ld(base: usize, i: i32): f64 {
  return load<f64>(base + ((<usize>i) << 3));
}
@inline function st(base: usize, i: i32, v: f64): void {
  store<f64>(base + ((<usize>i) << 3), v);
}
@inline function add(base: usize, i: i32, v: f64): void {
  st(base, i, ld(base, i) + v);
}
@inline function ldi(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}
@inline function sti(base: usize, i: i32, v: i32): void {
  store<i32>(base + ((<usize>i) << 2), v);
}
@inline function f64s(count: i32): usize {
  return (<usize>count) << 3;
}

/** Bytes of the output block and scratch at `out`. */
export function pearsonSumsBytes(p: i32): usize {
  return f64s(5 * p + 2 + 8 * p * p + p) + ((<usize>(2 * p)) << 2);
}

export function pearsonSums(n: i32, p: i32, x: usize, weights: usize, out: usize): void {
  const shift = out;
  const counts = shift + f64s(p);
  const completeS = counts + f64s(p);
  const itemS = completeS + f64s(p);
  const itemSS = itemS + f64s(p);
  const scalars = itemSS + f64s(p); // completeW, completeN
  const completeSS = scalars + f64s(2);
  const pairN = completeSS + f64s(p * p);
  const pairW = pairN + f64s(p * p);
  const pairSx = pairW + f64s(p * p);
  const pairSy = pairSx + f64s(p * p);
  const pairSxx = pairSy + f64s(p * p);
  const pairSyy = pairSxx + f64s(p * p);
  const pairSxy = pairSyy + f64s(p * p);
  const row = pairSxy + f64s(p * p);
  const observed = row + f64s(p);
  const present = observed + ((<usize>p) << 2);
  memory.fill(out, 0, f64s(5 * p + 2 + 8 * p * p));

  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) {
      const v = ld(x, r * p + j);
      if (!(v != v)) {
        add(shift, j, v);
        add(counts, j, 1);
      }
    }
  }
  for (let j = 0; j < p; j++) st(shift, j, ld(counts, j) > 0 ? ld(shift, j) / ld(counts, j) : 0);

  let completeW: f64 = 0;
  let completeN: f64 = 0;
  for (let r = 0; r < n; r++) {
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
