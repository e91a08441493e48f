/**
 * The cross-tables behind polychoric correlations: every item pair's K×K table of co-observed
 * answers (weighted when case weights are given), and each item's thresholds from its own
 * margin, τ_a = Φ⁻¹(share of answers ≤ category a) (psych's global thresholds).
 */
import { qnorm } from '../math/normal';
import type { PolychoricInput } from './correlation-polychoric';

/**
 * Fill all pair tables: tables[pair·K² + a·K + b], pair index over i < j. Codes are copied into one
 * column per item with "missing" as an extra category K, so the inner loop over rows is a
 * branch-free increment into a (K+1)² scratch table (the missing row and column are dropped
 * afterwards). Cost O(n·p²/2) increments, ~1 ns each.
 */
export function tabulatePairs(input: PolychoricInput): { tables: Float64Array; counts: Float64Array; margins: Float64Array } {
  const { codes, n, p, categories: k, weights } = input;
  const kk = k * k;
  const k1 = k + 1;
  const pairs = (p * (p - 1)) / 2;
  const tables = new Float64Array(pairs * kk);
  const counts = new Float64Array(pairs);
  const margins = new Float64Array(p * k);
  const columns: Uint8Array[] = [];
  for (let j = 0; j < p; j++) {
    const column = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      const c = codes[r * p + j]!;
      const w = weights === null ? 1 : weights[r]!;
      column[r] = c === 255 || !(w > 0) ? k : c;
      if (column[r]! < k) margins[j * k + c]! += w;
    }
    columns.push(column);
  }
  const cells = k1 * k1;
  // Unweighted: 4 interleaved integer tables break the store-to-load dependency when consecutive
  // rows fall in the same cell (Likert data concentrate in a few cells); the row item's codes are
  // pre-multiplied by K+1.
  const lanes = new Int32Array(4 * cells);
  const scratch = new Float64Array(cells);
  const tally = new Float64Array(cells);
  const premultiplied = columns.map((column) => column.map((c) => c * k1));
  let pair = 0;
  for (let i = 0; i < p; i++) {
    const ci = premultiplied[i]!;
    for (let j = i + 1; j < p; j++, pair++) {
      const cj = columns[j]!;
      if (weights === null) {
        lanes.fill(0);
        let r = 0;
        for (; r + 3 < n; r += 4) {
          lanes[ci[r]! + cj[r]!]!++;
          lanes[cells + ci[r + 1]! + cj[r + 1]!]!++;
          lanes[2 * cells + ci[r + 2]! + cj[r + 2]!]!++;
          lanes[3 * cells + ci[r + 3]! + cj[r + 3]!]!++;
        }
        for (; r < n; r++) lanes[ci[r]! + cj[r]!]!++;
        for (let c = 0; c < cells; c++) scratch[c] = tally[c] = lanes[c]! + lanes[cells + c]! + lanes[2 * cells + c]! + lanes[3 * cells + c]!;
      } else {
        scratch.fill(0);
        tally.fill(0);
        for (let r = 0; r < n; r++) {
          const cell = ci[r]! + cj[r]!;
          scratch[cell]! += weights[r]!;
          tally[cell]! += 1;
        }
      }
      let count = 0;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          tables[pair * kk + a * k + b] = scratch[a * k1 + b]!;
          count += tally[a * k1 + b]!;
        }
      }
      counts[pair] = count;
    }
  }
  return { tables, counts, margins };
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

