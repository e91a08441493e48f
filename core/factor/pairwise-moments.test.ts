import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { pearsonCorrelation } from './correlation-pearson';
import { itemColumnsOf } from './item-columns';
import { tabulatePairs } from './correlation-polychoric-tables';
import { momentsFromTables, pearsonFromMoments } from './pairwise-moments';
import { pairwiseCovariance } from './reliability-moments';

/** n×p integer answers 1..5 with a shared factor and ~15% missing. */
function answers(n: number, p: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    const f = rng.normal();
    for (let j = 0; j < p; j++) {
      const v = Math.round(3 + 0.8 * f + rng.normal());
      x[r * p + j] = rng.uniform() < 0.15 ? NaN : Math.min(5, Math.max(1, v));
    }
  }
  return x;
}

describe('pairwise moments', () => {
  const n = 400;
  const p = 6;
  const x = answers(n, p, 7);
  const direct = pairwiseCovariance(x, n, p); // two-pass per pair, as R's cov(use = "pairwise")

  it('from the Pearson sums equal the two-pass pairwise covariances', () => {
    const { moments, matrix } = pearsonCorrelation(itemColumnsOf({ rows: n, cols: p, data: x }), null);
    for (let q = 0; q < p * p; q++) expect(moments!.cov[q]).toBeCloseTo(direct[q]!, 12);
    const again = pearsonFromMoments(moments!);
    for (let q = 0; q < p * p; q++) expect(again.data[q]).toBeCloseTo(matrix.data[q]!, 14);
  });

  it('from the cross-tables of the codes equal them too, and give the same Pearson matrix', () => {
    const codes = new Uint8Array(n * p);
    // Answers 1..5 as bytes, one column per item; category = byte − 1.
    for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) codes[j * n + r] = Number.isNaN(x[r * p + j]!) ? 255 : x[r * p + j]!;
    const { tables, margins } = tabulatePairs({ codes, lowest: 1, n, p, categories: 5, weights: null });
    const moments = momentsFromTables(tables, margins, p, 5);
    for (let q = 0; q < p * p; q++) expect(moments.cov[q]).toBeCloseTo(direct[q]!, 12);
    const pearson = pearsonCorrelation(itemColumnsOf({ rows: n, cols: p, data: x }), null).matrix;
    const fromTables = pearsonFromMoments(moments);
    for (let q = 0; q < p * p; q++) expect(fromTables.data[q]).toBeCloseTo(pearson.data[q]!, 14);
    expect(moments.count[0 * p + 1]).toBe(pearsonCorrelation(itemColumnsOf({ rows: n, cols: p, data: x }), null).pairwiseN.data[1]);
  });

  it('are not gathered with case weights', () => {
    expect(pearsonCorrelation(itemColumnsOf({ rows: n, cols: p, data: x }), new Float64Array(n).fill(2)).moments).toBeNull();
  });
});
