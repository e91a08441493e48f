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

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007) without row positions: the first centre is the
 * row with the smallest salted hash; each next centre is drawn with probability ∝ D(x)², the
 * squared distance (in the given, e.g. standardised, units) to the nearest centre so far, by an
 * exponential race: the row minimising −ln(U_i)/D_i² wins, with U_i uniform from the row's salted
 * content hash (Efraimidis & Spirakis 2006). Returns `count` row indices.
 */
export function seedRowsDSquared(values: Float64Array, n: number, d: number, count: number, rng: Rng): number[] {
  const chosen: number[] = [];
  const nearest = new Float64Array(n).fill(Infinity);
  for (let c = 0; c < Math.min(count, n); c++) {
    const salt = Math.floor(rng.uniform() * 4294967296) >>> 0;
    let best = -1;
    let bestKey = Infinity;
    for (let i = 0; i < n; i++) {
      const weight = c === 0 ? 1 : nearest[i]!;
      if (!(weight > 0)) continue;
      const u = (rowHash(values, i, d, salt) + 0.5) / 4294967296;
      const key = -Math.log(u) / weight;
      if (key < bestKey || (key === bestKey && best >= 0 && compareRows(values, i, best, d) < 0)) {
        bestKey = key;
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    for (let i = 0; i < n; i++) {
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const diff = values[i * d + j]! - values[best * d + j]!;
        dist += diff * diff;
      }
      if (dist < nearest[i]!) nearest[i] = dist;
    }
  }
  return chosen;
}
