/**
 * WebAssembly entry points of the factor scores: the score pass over the answers and the score
 * rows of the CLI's JSON as UTF-8 text. Each null when the kernels are not in use (instance.ts).
 */
import type { ItemMoments } from '../factor/item-moments';
import { forEachColumn, forEachRowBlock, kernels, releaseIfLarge, reserve, rowBlockBytes } from './instance';


/**
 * itemMoments of core/factor/item-moments.ts (the same bits), over
 * all rows or (onlyComplete) the complete ones: one item column at a time in the kernels' memory,
 * two calls per item when the complete rows must be known first. Null when the kernels are not in use.
 */
export function wasmItemMoments(columns: readonly Float64Array[], n: number, onlyComplete: boolean): ItemMoments | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const p = columns.length;
  const base = e.heapBase();
  const stats = base;
  const values = stats + 24 * p;
  const complete = values + 8 * n;
  reserve(kern, complete + n - base);
  const flags = new Uint8Array(e.memory.buffer, complete, n);
  flags.fill(1);
  forEachColumn(kern, columns, n, values, (j) => {
    e.markIncomplete(n, values, complete);
    if (!onlyComplete) e.columnMoments(n, values, 0, complete, stats + 24 * j);
  });
  // Over the complete rows only, the means need every item's missing answers first: a second round.
  if (onlyComplete) forEachColumn(kern, columns, n, values, (j) => e.columnMoments(n, values, 1, complete, stats + 24 * j));
  const out = kern.heap.slice(stats / 8, stats / 8 + 3 * p);
  const result = { complete: flags.slice(), ...unpackMoments(out, p) };
  releaseIfLarge(kern);
  return result;
}

/** Count, mean and sum of squares per item from columnMoments' packed output (three f64 per item). */
export function unpackMoments(out: Float64Array, p: number): { count: Float64Array; mean: Float64Array; ss: Float64Array } {
  const field = (f: number): Float64Array => Float64Array.from({ length: p }, (_, j) => out[3 * j + f]!);
  return { count: field(0), mean: field(1), ss: field(2) };
}

/**
 * scoreCompleteRows of core/factor/factor-scores.ts (the same doubles): out[r, k] = offset_k +
 * Σ_j x[r, j]·w[k, j] for the rows with complete[r] = 1, NaN for the others; returns how many
 * those are. The answers stay in their columns; blocks of rows are staged in the kernels' memory
 * one after another (a few hundred KB reused, not an n × p copy). Null when the kernels are not in use.
 */
export function wasmScoreCompleteRows(columns: readonly Float64Array[], n: number, complete: Uint8Array, weights: Float64Array, offsets: Float64Array, into: Float64Array): number | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const p = columns.length;
  const m = offsets.length;
  const base = e.heapBase();
  const w = base;
  const offset = w + 8 * m * p;
  const out = offset + 8 * m;
  const staging = out + 8 * n * m;
  const flags = staging + rowBlockBytes(p);
  reserve(kern, flags + n - base);
  kern.heap.set(weights, w / 8);
  kern.heap.set(offsets, offset / 8);
  new Uint8Array(e.memory.buffer, flags, n).set(complete);
  let incomplete = 0;
  forEachRowBlock(kern, columns, n, staging, (r0, r1, rows) => {
    incomplete += e.scoreRows(0, r1 - r0, p, m, rows, flags + r0, w, offset, out + 8 * r0 * m);
  });
  into.set(kern.heap.subarray(out / 8, out / 8 + n * m));
  releaseIfLarge(kern);
  return incomplete;
}

/**
 * Score rows start..stop − 1 of a row-major score matrix as UTF-8 JSON text, byte for byte what
 * scorePiece in core/node/cli/score-text.ts writes; `data` holds the rows from `firstRow` on
 * (0: the whole matrix). Numbers as String(v), ECMAScript's shortest round-trip form (see
 * core/kernels/assembly/format-number.ts); each row "    [v0,v1,…]" preceded by ",\n" unless it is row 0, "    null" when its first value is NaN,
 * a non-finite value as null. Returns a view of the kernels' memory, valid only until the next
 * kernel call (copy or write it out before then); null when the kernels are not in use.
 */
export function wasmScoreRowsText(data: Float64Array, m: number, start: number, stop: number, firstRow = 0): Uint8Array | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const rows = Math.max(0, stop - start);
  const base = e.heapBase();
  const values = base;
  const out = values + 8 * rows * m;
  const heap = reserve(kern, out - base + rows * e.scoreRowBytes(m));
  const from = (start - firstRow) * m;
  heap.set(data.subarray(from, from + rows * m), values / 8);
  const length = e.writeScoreRows(values, start, start + rows, m, out);
  return new Uint8Array(e.memory.buffer, out, length);
}
