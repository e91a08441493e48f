/**
 * WebAssembly entry points of the factor scores: the passes over the answers and the score rows of
 * the CLI's JSON as UTF-8 text. Each null when the kernels are not in use (instance.ts).
 */
import { kernels, releaseIfLarge, reserve, ROWS_PER_CALL } from './instance';

/** The three passes of scoreRespondents over the answers, on one copy of them in the kernels' memory. */
export type ScoringPasses = {
  /** completeRowsAndMeans of core/factor/factor-scores.ts (the means divided as it divides them). */
  moments(onlyComplete: boolean): { complete: Uint8Array; count: Float64Array; mean: Float64Array };
  /** sumsOfSquares about `mean`, over the complete rows when onlyComplete (flags of the moments pass). */
  squares(mean: Float64Array, onlyComplete: boolean): Float64Array;
  /** scoreCompleteRows into `out` (n×m) with weights w (m×p) and offsets; returns the incomplete rows. */
  scores(w: Float64Array, offset: Float64Array, out: Float64Array): number;
};

/**
 * The score passes of core/factor/factor-scores.ts over x (row-major n×p, NaN = missing) for m
 * factors: the same sums in the same order, so the same bits. Null when the kernels are not in use.
 */
export function wasmScoringPasses(x: Float64Array, n: number, p: number, m: number): ScoringPasses | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const base = e.heapBase();
  const xAt = base;
  const count = xAt + 8 * n * p;
  const mean = count + 8 * p;
  const ss = mean + 8 * p;
  const offset = ss + 8 * p;
  const w = offset + 8 * m;
  const out = w + 8 * m * p;
  const complete = out + 8 * n * m;
  reserve(kern, complete + n - base);
  kern.heap.set(x.subarray(0, n * p), xAt / 8);
  const blocks = (pass: (r0: number, r1: number) => void): void => {
    for (let r = 0; r < n; r += ROWS_PER_CALL) pass(r, Math.min(n, r + ROWS_PER_CALL));
  };
  return {
    moments(onlyComplete) {
      kern.heap.fill(0, count / 8, ss / 8);
      blocks((r0, r1) => e.scoreMomentsRows(r0, r1, p, xAt, onlyComplete ? 1 : 0, complete, count, mean));
      const counts = kern.heap.slice(count / 8, count / 8 + p);
      const means = kern.heap.slice(mean / 8, mean / 8 + p);
      for (let j = 0; j < p; j++) means[j]! /= counts[j]!;
      return { complete: new Uint8Array(e.memory.buffer, complete, n).slice(), count: counts, mean: means };
    },
    squares(means, onlyComplete) {
      kern.heap.set(means, mean / 8);
      kern.heap.fill(0, ss / 8, ss / 8 + p);
      blocks((r0, r1) => e.scoreSquaresRows(r0, r1, p, xAt, mean, onlyComplete ? 1 : 0, complete, ss));
      return kern.heap.slice(ss / 8, ss / 8 + p);
    },
    scores(weights, offsets, into) {
      kern.heap.set(weights, w / 8);
      kern.heap.set(offsets, offset / 8);
      let incomplete = 0;
      blocks((r0, r1) => (incomplete += e.scoreRows(r0, r1, p, m, xAt, complete, w, offset, out)));
      into.set(kern.heap.subarray(out / 8, out / 8 + n * m));
      releaseIfLarge(kern);
      return incomplete;
    },
  };
}

/**
 * Score rows start..stop − 1 of the row-major n×m `data` as UTF-8 JSON text, byte for byte what
 * scorePiece in core/node/cli/commands/factor.ts writes (numbers as String(v), ECMAScript's
 * shortest round-trip form; see core/kernels/assembly/format-number.ts): each row
 * "    [v0,v1,…]" preceded by ",\n" unless it is row 0, "    null" when its first value is NaN,
 * a non-finite value as null. Returns a view of the kernels' memory, valid only until the next
 * kernel call (copy or write it out before then); null when the kernels are not in use.
 */
export function wasmScoreRowsText(data: Float64Array, m: number, start: number, stop: number): Uint8Array | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const rows = Math.max(0, stop - start);
  const base = e.heapBase();
  const values = base;
  const out = values + 8 * rows * m;
  const heap = reserve(kern, out - base + rows * e.scoreRowBytes(m));
  heap.set(data.subarray(start * m, start * m + rows * m), values / 8);
  const length = e.writeScoreRows(values, start, start + rows, m, out);
  return new Uint8Array(e.memory.buffer, out, length);
}
