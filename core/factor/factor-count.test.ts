import { describe, expect, it } from 'vitest';
import { CancellationError } from '../errors';
import type { Matrix } from '../math/matrix';
import { factorCountSteps, maxIdentifiedFactors, suggestFactorCount } from './factor-count';
import { drainSteps, type Progress } from '../jobs/run-steps';

/** Population R = ΛΛᵀ + Ψ for `factors` blocks of `perFactor` items loading `loading`, factors correlated `phi`. */
function structure(factors: number, perFactor: number, loading: number, phi: number): Matrix {
  const p = factors * perFactor;
  const data = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const same = Math.floor(i / perFactor) === Math.floor(j / perFactor);
      data[i * p + j] = i === j ? 1 : loading * loading * (same ? 1 : phi);
    }
  }
  return { rows: p, cols: p, data };
}

describe('suggestFactorCount(data, R, n, options)', () => {
  it('agrees with the structure on clear data and records its seed', () => {
    const result = suggestFactorCount(null, structure(3, 5, 0.7, 0.2), 500, { seed: 11 });
    expect(result).toMatchObject({ kind: 'factor-count', seed: 11, kaiser: 3, map: 3, suggested: 3, parallel: { nFactors: 3, nComponents: 3 } });
    expect(result.scree).toHaveLength(15);
    expect(result.eigenvalues[0]).toBeGreaterThan(result.eigenvalues[1]!);
    expect(structuredClone(result)).toEqual(result);
  });

  it('suggests one factor with a warning when nothing stands out', () => {
    const identity = structure(6, 1, 0, 0);
    const result = suggestFactorCount(null, identity, 300, { seed: 3 });
    expect(result.suggested).toBe(1);
    expect(result.notices.some((n) => n.severity === 'warning')).toBe(true);
  });

  it('caps the suggestion at the number of factors the items identify', () => {
    expect([3, 4, 5, 6, 10].map(maxIdentifiedFactors)).toEqual([1, 1, 2, 3, 6]);
  });

  it('reports progress and honours cancellation', () => {
    const progress: Progress[] = [];
    drainSteps(factorCountSteps(null, structure(2, 4, 0.6, 0), 200, { seed: 1, iterations: 5 }), { onProgress: (p) => progress.push(p) });
    expect(progress.at(-1)).toMatchObject({ current: 5, total: 5 });
    const controller = new AbortController();
    controller.abort();
    expect(() => suggestFactorCount(null, structure(2, 4, 0.6, 0), 200, { seed: 1 }, { signal: controller.signal })).toThrow(CancellationError);
  });
});
