import { afterEach, describe, expect, it } from 'vitest';
import { setWasmKernels } from '../kernels/instance';
import { createRng } from '../random/rng';
import { tabulatePairs } from './correlation-polychoric-tables';

/** Brute-force cross-tables (codes: one column of n per item): for every pair, count (or weigh) the rows answering both. */
function bruteForce(codes: Uint8Array, n: number, p: number, k: number, weights: Float64Array | null): { tables: number[]; counts: number[] } {
  const tables: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const table = new Array<number>(k * k).fill(0);
      let count = 0;
      for (let r = 0; r < n; r++) {
        const a = codes[i * n + r]!;
        const b = codes[j * n + r]!;
        const w = weights === null ? 1 : weights[r]!;
        if (a === 255 || b === 255 || !(w > 0)) continue;
        table[a * k + b]! += w;
        count++;
      }
      tables.push(...table);
      counts.push(count);
    }
  }
  return { tables, counts };
}

describe('tabulatePairs', () => {
  afterEach(() => setWasmKernels(true));
  // p = 2 (one group of items), odd p (a last group of one item), K up to 12; both builds.
  for (const [p, k] of [[2, 5], [3, 6], [4, 3], [6, 7], [7, 12], [9, 2]] as const) {
    for (const wasm of [true, false]) {
      it(`equals brute-force counting with missing answers, weighted and not (p = ${p}, K = ${k}, ${wasm ? 'WebAssembly' : 'TypeScript'})`, () => {
        setWasmKernels(wasm);
        const rng = createRng(p);
        const n = 157;
        const codes = new Uint8Array(n * p);
        for (let c = 0; c < n * p; c++) codes[c] = rng.uniform() < 0.1 ? 255 : rng.int(k);
        const weights = Float64Array.from({ length: n }, (_, r) => (r % 11 === 0 ? 0 : 0.5 + rng.uniform()));
        for (const w of [null, weights]) {
          const ours = tabulatePairs({ codes, lowest: 0, n, p, categories: k, weights: w });
          const reference = bruteForce(codes, n, p, k, w);
          expect(Array.from(ours.counts)).toEqual(reference.counts);
          ours.tables.forEach((v, q) => expect(v).toBeCloseTo(reference.tables[q]!, 12));
        }
      });
    }
  }
});
