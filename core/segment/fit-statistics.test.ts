import { describe, expect, test } from 'vitest';
import { computeFitStatistics, selectByBic } from './fit-statistics';

describe('computeFitStatistics', () => {
  test('information criteria follow their formulas (poLCA values K = 2: ℓ = −504.4677, npar 9, N = 216)', () => {
    const posteriors = Float64Array.from([0.9, 0.1, 0.2, 0.8, 1, 0]);
    const s = computeFitStatistics({ logLik: -504.4677, npar: 9, n: 216, k: 2, posteriors, weights: null });
    expect(s.aic).toBeCloseTo(1026.9354, 4);
    expect(s.bic).toBeCloseTo(1008.9354 + 9 * Math.log(216), 4); // poLCA: 1057.313
    expect(s.bic).toBeCloseTo(1057.313, 2);
    expect(s.caic).toBeCloseTo(s.bic + 9, 8);
    expect(s.sabic).toBeCloseTo(1008.9354 + 9 * Math.log(218 / 24), 4);
  });

  test('relative entropy is 1 for crisp posteriors, 0 for uniform ones, null for one class', () => {
    const crisp = computeFitStatistics({ logLik: 0, npar: 1, n: 3, k: 3, posteriors: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), weights: null });
    expect(crisp.entropy).toBe(1);
    const third = 1 / 3;
    const flat = computeFitStatistics({ logLik: 0, npar: 1, n: 2, k: 3, posteriors: new Float64Array(6).fill(third), weights: null });
    expect(flat.entropy).toBeCloseTo(0, 12);
    expect(computeFitStatistics({ logLik: 0, npar: 1, n: 2, k: 1, posteriors: Float64Array.from([1, 1]), weights: null }).entropy).toBeNull();
  });

  test('sizes are weighted class shares, descending; average posterior per modal class; NaN rows are skipped', () => {
    const posteriors = Float64Array.from([0.9, 0.1, 0.3, 0.7, NaN, NaN, 0.6, 0.4]);
    const weights = Float64Array.from([2, 1, 0, 1]);
    const s = computeFitStatistics({ logLik: -1, npar: 1, n: 4, k: 2, posteriors, weights });
    expect(s.sizes[0]).toBeCloseTo((1.8 + 0.3 + 0.6) / 4, 12);
    expect(s.sizes[1]).toBeCloseTo((0.2 + 0.7 + 0.4) / 4, 12);
    expect(s.smallestShare).toBe(s.sizes[1]);
    expect(s.modalCounts).toEqual([3, 1]);
    expect(s.averagePosterior[0]).toBeCloseTo((2 * 0.9 + 0.6) / 3, 12);
    expect(s.averagePosterior[1]).toBeCloseTo(0.7, 12);
  });

  test('selectByBic picks the lowest finite BIC, the first on a tie', () => {
    expect(selectByBic([3, NaN, 1, 1, 2])).toBe(2);
    expect(selectByBic([NaN])).toBe(-1);
  });
});
