import { describe, expect, it } from 'vitest';
import type { Matrix } from '../math/matrix';
import { velicerMap } from './velicer-map';

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

describe('velicerMap(R)', () => {
  // psych::VSS's MAP values on bfi are checked in tests/oracle/parallel-analysis.test.ts.
  it('finds the number of blocks of a clear structure', () => {
    expect(velicerMap(structure(3, 5, 0.7, 0)).nFactors).toBe(3);
    expect(velicerMap(structure(4, 4, 0.65, 0.2)).nFactors).toBe(4);
    expect(velicerMap(structure(3, 5, 0.7, 0)).values.length).toBe(8);
  });
});

describe('velicerMap options', () => {
  it('answers 0 on uncorrelated items only with includeZero (Velicer 1976), and offers the 4th-power MAP', () => {
    const noise = structure(6, 1, 0.2, 0); // six one-item blocks: R is the identity
    expect(velicerMap(noise).nFactors).toBeGreaterThanOrEqual(1);
    expect(velicerMap(noise, 8, { includeZero: true }).nFactors).toBe(0);
    expect(velicerMap(structure(3, 5, 0.7, 0), 8, { power: 4 }).nFactors).toBe(3);
  });
});
