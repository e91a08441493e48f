/**
 * The cross-tables behind polychoric correlations: every item pair's K×K table of co-observed
 * answers (weighted when case weights are given), and each item's thresholds from its own
 * margin, τ_a = Φ⁻¹(share of answers ≤ category a) (psych's global thresholds).
 */
import { wasmTabulatePairs } from '../kernels/correlation';
import { qnorm } from '../math/normal';
import type { PolychoricInput } from './correlation-polychoric';

/**
 * Fill all pair tables: tables[pair·K² + a·K + b], pair index over i < j. Each item's categories
 * (code − lowest) get "missing" as an extra category K, so the inner loop over rows is a
 * branch-free increment into a scratch table (the missing row and column are dropped afterwards).
 * Unweighted, items go in groups of two whose categories per row make one code a·(K+1) + b; one
 * pass over two groups counts their (K+1)⁴ table of quadruples, whose margins are the four
 * cross-pair tables and the groups' own pairs: n·p²/8 increments instead of n·p²/2. Counted by
 * the WebAssembly build of this branch (core/kernels, identical integer counts) where one is
 * available.
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
  /** Pair (i, j)'s K×K table and total from its (K+1)² counts, cell(a, b) (the missing code K dropped). */
  const store = (i: number, j: number, cell: (a: number, b: number) => number, tallyCell: (a: number, b: number) => number): void => {
    const pair = i * p - (i * (i + 1)) / 2 + (j - i - 1);
    let count = 0;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        tables[pair * kk + a * k + b] = cell(a, b);
        count += tallyCell(a, b);
      }
    }
    counts[pair] = count;
  };
  if (weights === null) {
    const groups = groupCodes(columns, n, k1);
    if (groups.length === 1) {
      const single = new Int32Array(cells);
      for (let r = 0; r < n; r++) single[groups[0]![r]!]!++;
      store(0, 1, (a, b) => single[a * k1 + b]!, (a, b) => single[a * k1 + b]!);
      return { tables, counts, margins };
    }
    const quadruples = new Int32Array(2 * cells * cells);
    for (let g = 0; g < groups.length; g++) {
      for (let h = g + 1; h < groups.length; h++) {
        countQuadruples(groups[g]!, groups[h]!, n, quadruples, cells);
        // Margins (a, b, c, d) = categories of items 2g, 2g+1, 2h, 2h+1, the missing code included.
        const margin = (keep: (a: number, b: number, c: number, d: number) => number): Int32Array => {
          const out = new Int32Array(cells);
          for (let q = 0; q < cells * cells; q++) {
            const v = quadruples[q]!;
            if (v === 0) continue;
            const d = q % k1;
            const c = Math.floor(q / k1) % k1;
            const b = Math.floor(q / cells) % k1;
            const a = Math.floor(q / (cells * k1));
            out[keep(a, b, c, d)]! += v;
          }
          return out;
        };
        const [i, j] = [2 * g, 2 * h];
        const hasSecond = (item: number): boolean => item + 1 < p;
        const put = (first: number, second: number, m: Int32Array): void => store(first, second, (a, b) => m[a * k1 + b]!, (a, b) => m[a * k1 + b]!);
        put(i, j, margin((a, _b, c) => a * k1 + c));
        if (hasSecond(j)) put(i, j + 1, margin((a, _b, _c, d) => a * k1 + d));
        if (hasSecond(i)) put(i + 1, j, margin((_a, b, c) => b * k1 + c));
        if (hasSecond(i) && hasSecond(j)) put(i + 1, j + 1, margin((_a, b, _c, d) => b * k1 + d));
        // Each group's own pair once: group 0's with group 1, every other group's with group 0.
        if (g === 0 && h === 1 && hasSecond(i)) put(i, i + 1, margin((a, b) => a * k1 + b));
        if (g === 0 && hasSecond(j)) put(j, j + 1, margin((_a, _b, c, d) => c * k1 + d));
      }
    }
    return { tables, counts, margins };
  }
  const scratch = new Float64Array(cells);
  const tally = new Float64Array(cells);
  const premultiplied = columns.map((column) => scaled(new Uint8Array(n), column, k1));
  for (let i = 0; i < p; i++) {
    const ci = premultiplied[i]!;
    for (let j = i + 1; j < p; j++) {
      const cj = columns[j]!;
      scratch.fill(0);
      tally.fill(0);
      for (let r = 0; r < n; r++) {
        const cell = ci[r]! + cj[r]!;
        scratch[cell]! += weights[r]!;
        tally[cell]! += 1;
      }
      store(i, j, (a, b) => scratch[a * k1 + b]!, (a, b) => tally[a * k1 + b]!);
    }
  }
  return { tables, counts, margins };
}

/** Items 2g and 2g + 1's categories as one code per row, a·(K+1) + b (b = 0 for a group of one item). */
function groupCodes(columns: readonly Uint8Array[], n: number, k1: number): Uint8Array[] {
  const groups: Uint8Array[] = [];
  for (let i = 0; i < columns.length; i += 2) {
    const first = columns[i]!;
    const second = columns[i + 1];
    const out = new Uint8Array(n);
    for (let r = 0; r < n; r++) out[r] = first[r]! * k1 + (second === undefined ? 0 : second[r]!);
    groups.push(out);
  }
  return groups;
}

/** quadruples[0..cells²) = counts of the code pairs (cg, ch) at cg·cells + ch over the n rows (two lanes, then summed). */
function countQuadruples(cg: Uint8Array, ch: Uint8Array, n: number, quadruples: Int32Array, cells: number): void {
  quadruples.fill(0);
  const size = cells * cells;
  let r = 0;
  for (; r + 1 < n; r += 2) {
    quadruples[cg[r]! * cells + ch[r]!]!++;
    quadruples[size + cg[r + 1]! * cells + ch[r + 1]!]!++;
  }
  for (; r < n; r++) quadruples[cg[r]! * cells + ch[r]!]!++;
  for (let q = 0; q < size; q++) quadruples[q]! += quadruples[size + q]!;
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

