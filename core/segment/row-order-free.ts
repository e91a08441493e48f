/**
 * Random choices of respondents that do not depend on the order of rows in the file, so that a
 * shuffled file gives the same segmentation. A respondent is identified by the content of its row
 * (the bit patterns of its values), never by its position: "random rows" are the rows with the
 * smallest seeded hash of their content, and a canonical row order is the lexicographic order of the
 * values. Identical rows are interchangeable, so ties between them cannot change a result.
 */
import type { Rng } from '../random/rng';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** A 32-bit hash of row i of the n×d row-major matrix, salted. */
export function rowHash(values: Float64Array, i: number, d: number, salt: number): number {
  let h = (salt ^ 0x9e3779b9) >>> 0;
  for (let j = 0; j < d; j++) {
    const v = values[i * d + j]!;
    f64[0] = v === 0 ? 0 : v; // -0 and 0 hash alike
    for (let w = 0; w < 2; w++) {
      h = Math.imul(h ^ u32[w]!, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
  }
  return h >>> 0;
}

/** Lexicographic comparison of rows a and b (NaN sorts last). */
export function compareRows(values: Float64Array, a: number, b: number, d: number): number {
  for (let j = 0; j < d; j++) {
    const x = values[a * d + j]!;
    const y = values[b * d + j]!;
    if (x === y) continue;
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * `count` distinct-by-position rows chosen pseudo-randomly by content: the rows with the smallest
 * hash under a salt drawn from `rng` (ties broken by content). O(n·d + n log n) worst case.
 */
export function sampleRowsByContent(values: Float64Array, n: number, d: number, count: number, rng: Rng): number[] {
  const salt = Math.floor(rng.uniform() * 4294967296) >>> 0;
  const hashes = new Uint32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = rowHash(values, i, d, salt);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => hashes[a]! - hashes[b]! || compareRows(values, a, b, d));
  return order.slice(0, Math.min(count, n));
}

/** Row indices in canonical (lexicographic by content) order. */
export function canonicalRowOrder(values: Float64Array, n: number, d: number): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => compareRows(values, a, b, d));
  return Int32Array.from(order);
}
