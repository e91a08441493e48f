/**
 * What scoring standardises the answers with (psych's scale()): which respondents answered every
 * item, and per item the count, mean and sum of squared deviations of its answers, over all rows
 * or only the complete ones; sums in row order. A pass per item column, run by its WebAssembly
 * build (core/kernels, the same bits) where one is available. The correlation scan gathers the
 * same figures over all rows as it reads the columns (correlation.ts), so scoring need not read
 * the answers once more.
 */
import { wasmItemMoments } from '../kernels/scores';

export type ItemMoments = { complete: Uint8Array; count: Float64Array; mean: Float64Array; ss: Float64Array };

/** Which rows are complete, and each item's count, mean and sum of squares over all rows or only the complete ones. */
export function itemMoments(columns: readonly Float64Array[], n: number, onlyComplete: boolean): ItemMoments {
  return wasmItemMoments(columns, n, onlyComplete) ?? itemMomentsReference(columns, n, onlyComplete);
}

/** The TypeScript passes (the kernels' reference; the correlation scan's reference path uses them too). */
export function itemMomentsReference(columns: readonly Float64Array[], n: number, onlyComplete: boolean): ItemMoments {
  const complete = completeRows(columns, n);
  const { count, mean } = itemMeans(columns, n, onlyComplete ? complete : null);
  return { complete, count, mean, ss: sumsOfSquares(columns, n, mean, onlyComplete ? complete : null) };
}

/** complete[r] = 1 when respondent r answered every item. */
function completeRows(columns: readonly Float64Array[], n: number): Uint8Array {
  const complete = new Uint8Array(n).fill(1);
  for (const column of columns) {
    for (let r = 0; r < n; r++) {
      const v = column[r]!;
      if (v !== v) complete[r] = 0; // NaN: missing
    }
  }
  return complete;
}

/** Per item, the count and mean of the answers, over the rows with complete[r] = 1 when `complete` is given; in row order. */
function itemMeans(columns: readonly Float64Array[], n: number, complete: Uint8Array | null): { count: Float64Array; mean: Float64Array } {
  const p = columns.length;
  const count = new Float64Array(p);
  const mean = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const column = columns[j]!;
    let c = 0;
    let s = 0;
    for (let r = 0; r < n; r++) {
      const v = column[r]!;
      if (v !== v || (complete !== null && complete[r] === 0)) continue;
      c++;
      s += v;
    }
    count[j] = c;
    mean[j] = s / c;
  }
  return { count, mean };
}

/** Per item, the sum of squared deviations from `mean` over the rows itemMeans used; in row order. */
function sumsOfSquares(columns: readonly Float64Array[], n: number, mean: Float64Array, complete: Uint8Array | null): Float64Array {
  const ss = new Float64Array(columns.length);
  for (let j = 0; j < columns.length; j++) {
    const column = columns[j]!;
    const centre = mean[j]!;
    let s = 0;
    for (let r = 0; r < n; r++) {
      const v = column[r]!;
      if (v !== v || (complete !== null && complete[r] === 0)) continue;
      const d = v - centre;
      s += d * d;
    }
    ss[j] = s;
  }
  return ss;
}
