// AssemblyScript source of the per-item passes over the answers (see eigen.ts for how the module is
// built). Answers arrive as columns (core/factor/item-columns.ts); the caller copies one column of
// n f64 at a time into the module's memory and calls one of these, one call per item (V8 swaps in
// a function's optimised build only between calls).
//  - scanColumn: scanColumns of core/factor/correlation.ts for one item;
//  - markIncomplete, columnMoments: completeRows, itemMeans and sumsOfSquares of
//    core/factor/factor-scores.ts for one item, operation for operation (sums in row order).

import { ld, st } from './heap';

/** Which integer answers 0–254 a scan met: one byte each, cleared at the start of every scan. */
const seen: usize = memory.data(256, 8);

/**
 * One item's answer scan. stats[0..3] = answered count, smallest and largest answer, and 1 when an
 * answer is not an integer (or infinite), else 0. With weights ≠ 0, rows whose weight is not > 0
 * are skipped. With codes ≠ 0 (only without weights), codes[r] = the answer as a byte (its integer
 * part when 0 ≤ answer < 256, else 0; only integer answers 0–254 are used as codes) or 255 when
 * missing. Integer answers 0–254 — nearly every survey answer — only mark a table (no dependency
 * from one row to the next); the extremes come from it at the end, and other answers take the
 * general path. −0 counts as 0.
 */
export function scanColumn(n: i32, values: usize, weights: usize, codes: usize, stats: usize): void {
  memory.fill(seen, 0, 256);
  let skipped = 0;
  let low: f64 = Infinity;
  let high: f64 = -Infinity;
  let fractional = 0;
  for (let r = 0; r < n; r++) {
    const v = ld(values, r);
    if (weights != 0 && !(ld(weights, r) > 0)) {
      skipped++;
      continue;
    }
    if (v >= 0 && v < 255) {
      const c = <i32>v;
      if (<f64>c == v) {
        store<u8>(seen + <usize>c, 1);
        if (codes != 0) store<u8>(codes + <usize>r, <u8>c);
        continue;
      }
    }
    if (v != v) {
      skipped++;
      if (codes != 0) store<u8>(codes + <usize>r, 255);
      continue;
    }
    if (v < low) low = v;
    if (v > high) high = v;
    if (Math.floor(v) != v) fractional = 1;
    if (codes != 0) store<u8>(codes + <usize>r, v >= 0 && v < 256 ? <u8>(<i32>v) : 0);
  }
  for (let c = 0; c < 255; c++) {
    if (load<u8>(seen + <usize>c) == 0) continue;
    if (<f64>c < low) low = <f64>c;
    if (<f64>c > high) high = <f64>c;
  }
  if (low == -Infinity || high == Infinity) fractional = 1;
  st(stats, 0, <f64>(n - skipped));
  st(stats, 1, low);
  st(stats, 2, high);
  st(stats, 3, <f64>fractional);
}

/** complete[r] = 0 where the item's answer is missing (NaN). */
export function markIncomplete(n: i32, values: usize, complete: usize): void {
  for (let r = 0; r < n; r++) {
    const v = ld(values, r);
    if (v != v) store<u8>(complete + <usize>r, 0);
  }
}

/**
 * One item's count, mean and sum of squared deviations from the mean (stats[0..2]) over its answers,
 * only those of rows with complete[r] = 1 when onlyComplete; sums in row order.
 */
export function columnMoments(n: i32, values: usize, onlyComplete: bool, complete: usize, stats: usize): void {
  let count: f64 = 0;
  let sum: f64 = 0;
  for (let r = 0; r < n; r++) {
    const v = ld(values, r);
    if (v != v || (onlyComplete && load<u8>(complete + <usize>r) == 0)) continue;
    count += 1;
    sum += v;
  }
  const mean = sum / count;
  let ss: f64 = 0;
  for (let r = 0; r < n; r++) {
    const v = ld(values, r);
    if (v != v || (onlyComplete && load<u8>(complete + <usize>r) == 0)) continue;
    const d = v - mean;
    ss += d * d;
  }
  st(stats, 0, count);
  st(stats, 1, mean);
  st(stats, 2, ss);
}
