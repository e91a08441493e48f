// AssemblyScript source of the factor-score pass (see eigen.ts for how it is built):
// scoreCompleteRows of core/factor/factor-scores.ts, operation for operation (sums in item order,
// so the same bits). x is a row-major block of rows staged from the answer columns
// (core/kernels/instance.ts forEachRowBlock); complete is one byte per row. One call per block, so
// that V8 swaps in the optimised build after the first blocks.

import { ld, st } from './heap';
/** Rows [r0, r1): out[r, k] = offset_k + Σ_j x[r, j]·w[k, j] for complete rows, NaN otherwise; returns the incomplete rows. */
export function scoreRows(r0: i32, r1: i32, p: i32, m: i32, x: usize, complete: usize, w: usize, offset: usize, out: usize): i32 {
  let incomplete = 0;
  for (let r = r0; r < r1; r++) {
    if (load<u8>(complete + <usize>r) == 0) {
      for (let k = 0; k < m; k++) st(out, r * m + k, NaN);
      incomplete++;
      continue;
    }
    const at = r * p;
    let k = 0;
    for (; k + 4 <= m; k += 4) {
      const w0 = k * p;
      const w1 = w0 + p;
      const w2 = w1 + p;
      const w3 = w2 + p;
      let s0 = ld(offset, k);
      let s1 = ld(offset, k + 1);
      let s2 = ld(offset, k + 2);
      let s3 = ld(offset, k + 3);
      for (let j = 0; j < p; j++) {
        const v = ld(x, at + j);
        s0 += v * ld(w, w0 + j);
        s1 += v * ld(w, w1 + j);
        s2 += v * ld(w, w2 + j);
        s3 += v * ld(w, w3 + j);
      }
      st(out, r * m + k, s0);
      st(out, r * m + k + 1, s1);
      st(out, r * m + k + 2, s2);
      st(out, r * m + k + 3, s3);
    }
    for (; k < m; k++) {
      let s = ld(offset, k);
      const wk = k * p;
      for (let j = 0; j < p; j++) s += ld(x, at + j) * ld(w, wk + j);
      st(out, r * m + k, s);
    }
  }
  return incomplete;
}
