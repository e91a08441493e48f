/**
 * The cross-tables behind polychoric correlations: every item pair's K×K table of co-observed
 * answers (weighted when case weights are given), and each item's thresholds from its own
 * margin, τ_a = Φ⁻¹(share of answers ≤ category a) (psych's global thresholds).
 */
import { wasmTabulatePairs } from '../kernels/correlation';
import { qnorm } from '../math/normal';
import type { PolychoricInput } from './correlation-polychoric';

/**
 * Fill all pair tables: tables[pair·K² + a·K + b], pair index over i < j. Codes are copied into one
 * column per item with "missing" as an extra category K, so the inner loop over rows is a
 * branch-free increment into a (K+1)² scratch table (the missing row and column are dropped
 * afterwards). Unweighted, two pairs share each pass through a (K+1)³ table: n·p²/4 increments,
 * counted by the WebAssembly build of this branch (core/kernels, identical integer counts) where
 * one is available.
 */
export function tabulatePairs(input: PolychoricInput): { tables: Float64Array; counts: Float64Array; margins: Float64Array } {
  const { n, p, categories: k, weights } = input;
  const kk = k * k;
  const k1 = k + 1;
  const pairs = (p * (p - 1)) / 2;
  if (weights === null) {
    const compiled = wasmTabulatePairs(input.codes, input.lowest, n, p, k);
    if (compiled !== null) return compiled;
  }
  const margins = new Float64Array(p * k);
  const tables = new Float64Array(pairs * kk);
  const counts = new Float64Array(pairs);
  const columnData = new Uint8Array(n * p);
  fillColumns(input, columnData, margins);
  const columns = Array.from({ length: p }, (_, j) => columnData.subarray(j * n, (j + 1) * n));
  const cells = k1 * k1;
  const store = (pair: number, cell: (a: number, b: number) => number, tallyCell: (a: number, b: number) => number): void => {
    let count = 0;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        tables[pair * kk + a * k + b] = cell(a, b);
        count += tallyCell(a, b);
      }
    }
    counts[pair] = count;
  };
  const pairIndex = (i: number, j: number): number => i * p - (i * (i + 1)) / 2 + (j - i - 1);
  if (weights === null) {
    // Two pairs (i, j) and (i, j+1) per pass: one increment into a (K+1)³ table of the three
    // codes, whose two margins are the pairs' tables — half the increments of one pass per pair.
    // Two interleaved lanes break the store-to-load dependency of rows falling in the same cell.
    const cubes = k1 * k1 * k1;
    const lanes = new Int32Array(2 * cubes);
    const premultiplied = columns.map((column) => scaled(new Uint8Array(n), column, k1));
    const squared = columns.map((column) => scaled(new Uint16Array(n), column, k1 * k1)); // up to 12·13² > 255
    const single = new Int32Array(cells);
    for (let i = 0; i < p; i++) {
      const ci = squared[i]!;
      let j = i + 1;
      for (; j + 1 < p; j += 2) {
        const cj = premultiplied[j]!;
        const cl = columns[j + 1]!;
        countTriples(ci, cj, cl, n, lanes, cubes);
        // Cells where the other item is missing count too: sum over its K+1 codes, missing included.
        const withMissing = (a: number, b: number, firstPair: boolean): number => {
          let s = 0;
          for (let c = 0; c <= k; c++) s += firstPair ? lanes[(a * k1 + b) * k1 + c]! : lanes[(a * k1 + c) * k1 + b]!;
          return s;
        };
        store(pairIndex(i, j), (a, b) => withMissing(a, b, true), (a, b) => withMissing(a, b, true));
        store(pairIndex(i, j + 1), (a, b) => withMissing(a, b, false), (a, b) => withMissing(a, b, false));
      }
      if (j < p) {
        const ci1 = premultiplied[i]!;
        const cj = columns[j]!;
        single.fill(0);
        for (let r = 0; r < n; r++) single[ci1[r]! + cj[r]!]!++;
        store(pairIndex(i, j), (a, b) => single[a * k1 + b]!, (a, b) => single[a * k1 + b]!);
      }
    }
    return { tables, counts, margins };
  }
  const scratch = new Float64Array(cells);
  const tally = new Float64Array(cells);
  const premultiplied = columns.map((column) => scaled(new Uint8Array(n), column, k1));
  let pair = 0;
  for (let i = 0; i < p; i++) {
    const ci = premultiplied[i]!;
    for (let j = i + 1; j < p; j++, pair++) {
      const cj = columns[j]!;
      scratch.fill(0);
      tally.fill(0);
      for (let r = 0; r < n; r++) {
        const cell = ci[r]! + cj[r]!;
        scratch[cell]! += weights[r]!;
        tally[cell]! += 1;
      }
      store(pair, (a, b) => scratch[a * k1 + b]!, (a, b) => tally[a * k1 + b]!);
    }
  }
  return { tables, counts, margins };
}

/**
 * The categories (code − lowest), K where the answer is missing or the row has no positive weight
 * (one byte column per item, column j at j·n, as the codes), and each item's (weighted) margin
 * over its counted rows.
 */
function fillColumns(input: PolychoricInput, columns: Uint8Array, margins: Float64Array): void {
  const { codes, lowest, n, p, categories: k, weights } = input;
  for (let j = 0; j < p; j++) {
    for (let r = 0, at = j * n; r < n; r++, at++) {
      const code = codes[at]!;
      const w = weights === null ? 1 : weights[r]!;
      if (code === 255 || !(w > 0)) {
        columns[at] = k;
      } else {
        const c = code - lowest;
        columns[at] = c;
        margins[j * k + c]! += w;
      }
    }
  }
}

/** out[r] = factor · codes[r] (a plain loop: TypedArray map/from with a callback is many times slower). */
function scaled<T extends Uint8Array | Uint16Array>(out: T, codes: Uint8Array, factor: number): T {
  for (let r = 0; r < codes.length; r++) out[r] = codes[r]! * factor;
  return out;
}

/** lanes[0..cubes) += counts of the code triples (ci + cj + cl, pre-multiplied) over the n rows. */
function countTriples(ci: Uint16Array, cj: Uint8Array, cl: Uint8Array, n: number, lanes: Int32Array, cubes: number): void {
  lanes.fill(0);
  let r = 0;
  for (; r + 1 < n; r += 2) {
    lanes[ci[r]! + cj[r]! + cl[r]!]!++;
    lanes[cubes + ci[r + 1]! + cj[r + 1]! + cl[r + 1]!]!++;
  }
  for (; r < n; r++) lanes[ci[r]! + cj[r]! + cl[r]!]!++;
  for (let c = 0; c < cubes; c++) lanes[c]! += lanes[cubes + c]!;
}

export function thresholdsFromMargins(margins: Float64Array, p: number, k: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    let total = 0;
    for (let a = 0; a < k; a++) total += margins[j * k + a]!;
    const tau = new Float64Array(k - 1);
    let cumulative = 0;
    for (let a = 0; a < k - 1; a++) {
      cumulative += margins[j * k + a]!;
      tau[a] = qnorm(Math.min(1, cumulative / total));
    }
    out.push(tau);
  }
  return out;
}

