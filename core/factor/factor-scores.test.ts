import { describe, expect, it } from 'vitest';
import type { Matrix } from '../math/matrix';
import { createRng } from '../random/rng';
import { scoreRespondents } from './factor-scores';
import { itemColumnsOf } from './item-columns';

/** n × p answers 1–5 with about `missing` of them NaN. */
function answers(n: number, p: number, missing: number, seed: number): Matrix {
  const rng = createRng(seed);
  const data = new Float64Array(n * p);
  for (let c = 0; c < n * p; c++) data[c] = rng.uniform() < missing ? NaN : 1 + Math.floor(rng.uniform() * 5);
  return { rows: n, cols: p, data };
}

/**
 * The scores written as the formula reads (the loop order the scoring kept from its first
 * version): standardise with the mean and n−1 SD of the scaling rows, then Σ_j z_j·W_jk.
 */
function referenceScores(data: Matrix, weights: Matrix, onlyComplete: boolean): Float64Array {
  const { rows: n, cols: p, data: x } = data;
  const m = weights.cols;
  const complete = (r: number): boolean => Array.from(x.subarray(r * p, (r + 1) * p)).every((v) => !Number.isNaN(v));
  const count = new Float64Array(p);
  const mean = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    if (onlyComplete && !complete(r)) continue;
    for (let j = 0; j < p; j++) if (!Number.isNaN(x[r * p + j]!)) (count[j]!++, (mean[j]! += x[r * p + j]!));
  }
  for (let j = 0; j < p; j++) mean[j]! /= count[j]!;
  const ss = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    if (onlyComplete && !complete(r)) continue;
    for (let j = 0; j < p; j++) if (!Number.isNaN(x[r * p + j]!)) ss[j]! += (x[r * p + j]! - mean[j]!) ** 2;
  }
  const scaled = new Float64Array(p * m);
  const offset = new Float64Array(m);
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(ss[j]! / (count[j]! - 1));
    for (let k = 0; k < m; k++) {
      scaled[j * m + k] = weights.data[j * m + k]! / sd;
      offset[k]! -= mean[j]! * scaled[j * m + k]!;
    }
  }
  const out = new Float64Array(n * m).fill(NaN);
  for (let r = 0; r < n; r++) {
    if (!complete(r)) continue;
    for (let k = 0; k < m; k++) out[r * m + k] = offset[k]!;
    for (let j = 0; j < p; j++) for (let k = 0; k < m; k++) out[r * m + k]! += x[r * p + j]! * scaled[j * m + k]!;
  }
  return out;
}

describe('scoreRespondents(data, weights, scalingRows)', () => {
  it('gives exactly (to the last bit) the scores of the formula, for 1 to 9 factors, pairwise and listwise scaling', () => {
    const data = answers(400, 7, 0.04, 11);
    const rng = createRng(12);
    for (const m of [1, 2, 4, 5, 9]) {
      const weights: Matrix = { rows: 7, cols: m, data: Float64Array.from({ length: 7 * m }, () => rng.normal()) };
      for (const scaling of ['all', 'complete'] as const) {
        const result = scoreRespondents(itemColumnsOf(data), weights, scaling);
        const expected = referenceScores(data, weights, scaling === 'complete');
        expect(Array.from(result.scores.data)).toEqual(Array.from(expected));
        expect(result.unscored).toBe(expected.filter((_, c) => c % m === 0 && Number.isNaN(expected[c]!)).length);
      }
    }
  });
});
