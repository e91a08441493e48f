import { describe, expect, it } from 'vitest';
import { fromRows, type Matrix } from '../math/matrix';
import { pearsonCorrelation } from './correlation-pearson';
import { itemColumnsOf } from './item-columns';
import { reliabilityByFactor } from './reliability';
import { computeOmega } from './reliability-omega';
import { cronbachAlpha } from './reliability-alpha';

/** Two factors of three items; the third item of each is reverse-worded (negative loading). */
function population(): { R: Matrix; loadings: Matrix } {
  const L = [[0.7, 0], [0.6, 0.1], [-0.65, 0], [0, 0.8], [0.1, 0.7], [0, -0.6]];
  const p = L.length;
  const data = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) data[i * p + j] = i === j ? 1 : L[i]![0]! * L[j]![0]! + L[i]![1]! * L[j]![1]!;
  return { R: { rows: p, cols: p, data }, loadings: fromRows(L) };
}

describe('reliabilityByFactor(R, loadings, itemNames)', () => {
  it('assigns items by largest |loading|, keys them by sign, and gives alpha and omega', () => {
    const { R, loadings } = population();
    const { factors, notices } = reliabilityByFactor(R, loadings, ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(factors.map((f) => f.items.map((it) => `${it.name}${it.reversed ? '-' : ''}`))).toEqual([['a', 'b', 'c-'], ['d', 'e', 'f-']]);
    // Keyed correlations of factor 1: .42, .455, .39 → ΣR = 3 + 2(1.265); standardized alpha.
    const sum = 3 + 2 * (0.42 + 0.455 + 0.39);
    expect(factors[0]!.alpha).toBeCloseTo((1 - 3 / sum) * 1.5, 12);
    expect(factors[0]!.alphaStandardized).toBe(factors[0]!.alpha);
    // One-factor data: omega total = (ΣR − Σu²)/ΣR with the exact loadings.
    const u2 = 1 - 0.49 + 1 - 0.36 + 1 - 0.4225;
    expect(factors[0]!.omega).toBeCloseTo((sum - u2) / sum, 4);
    expect(notices).toEqual([]);
  });

  it('explains factors too small to assess', () => {
    const { R } = population();
    const { factors, notices } = reliabilityByFactor(R, fromRows([[0.7, 0], [0.6, 0], [0.6, 0], [0.7, 0], [0.1, 0.7], [0.6, 0]]), ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(factors[1]).toMatchObject({ alpha: null, omega: null });
    expect(notices[0]?.subjects).toEqual(['e']);
  });
});

describe('cronbachAlpha and computeOmega on small inputs', () => {
  it('alpha of two parallel items is the Spearman–Brown value', () => {
    const data = fromRows([[1, 2], [2, 2], [3, 4], [4, 3], [5, 5]]);
    const result = cronbachAlpha(data, { itemNames: ['x', 'y'] });
    expect(result.alphaIfDropped).toBeNull();
    expect(result.total.rawAlpha).toBeGreaterThan(0.8);
  });

  it('omega with three factors on a two-level structure gives omega_h < omega_total', () => {
    const p = 9;
    const data = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) data[i * p + j] = i === j ? 1 : Math.floor(i / 3) === Math.floor(j / 3) ? 0.5 : 0.25;
    const result = computeOmega({ rows: p, cols: p, data }, 3, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    expect(result.omegaHierarchical).toBeGreaterThan(0.5);
    expect(result.omegaHierarchical).toBeLessThan(result.omegaTotal);
    expect(result.groups).toHaveLength(4);
  });
});

describe('reliabilityByFactor with raw data', () => {
  it('reports psych::alpha raw alpha with the loading-sign reverse keys', () => {
    const data = fromRows([[1, 2, 5, 4], [2, 2, 4, 4], [3, 4, 3, 2], [4, 3, 2, 2], [5, 5, 1, 1], [2, 3, 4, 5]]);
    const loadings = fromRows([[0.8], [0.7], [-0.7], [-0.6]]);
    const R = { rows: 4, cols: 4, data: new Float64Array(16) };
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) R.data[i * 4 + j] = i === j ? 1 : 0.5 * Math.sign(loadings.data[i]! * loadings.data[j]!);
    const names = ['a', 'b', 'c', 'd'];
    const moments = pearsonCorrelation(itemColumnsOf(data), null).moments!;
    const { factors } = reliabilityByFactor(R, loadings, names, { moments });
    const direct = cronbachAlpha(data, { itemNames: names, reverse: ['c', 'd'] });
    expect(factors[0]!.alpha).toBeCloseTo(direct.total.rawAlpha, 14);
    expect(factors[0]!.alphaStandardized).toBeCloseTo((1 - 4 / 10) * (4 / 3), 14);
  });
});
