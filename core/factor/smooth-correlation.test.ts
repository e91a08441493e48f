import { describe, expect, it } from 'vitest';
import { eigenSymmetric } from '../math/eigen-symmetric';
import { fromRows } from '../math/matrix';
import { smoothCorrelation } from './smooth-correlation';
import { smc } from './smc';
import { computeKmo } from './kmo';
import { bartlettTest } from './bartlett';

describe('smoothCorrelation(R)', () => {
  it('leaves a positive-definite matrix alone', () => {
    const R = fromRows([[1, 0.5], [0.5, 1]]);
    const out = smoothCorrelation(R);
    expect(out.smoothed).toBe(false);
    expect(out.matrix).toBe(R);
  });

  it('turns an indefinite matrix into a positive-definite correlation matrix, as psych::cor.smooth', () => {
    const R = fromRows([[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]);
    const out = smoothCorrelation(R);
    expect(out.smoothed).toBe(true);
    const { values } = eigenSymmetric(out.matrix.data, 3);
    expect(values[2]).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) expect(out.matrix.data[i * 4]).toBe(1);
    expect(out.matrix.data[1]).toBeCloseTo(out.matrix.data[3]!, 15);
  });
});

describe('helpers on singular matrices', () => {
  const singular = fromRows([[1, 1, 0.3], [1, 1, 0.3], [0.3, 0.3, 1]]);
  it('smc uses the pseudo-inverse and stays within [0, 1]', () => {
    const s = smc(singular);
    for (const v of s) expect(v >= 0 && v <= 1).toBe(true);
    expect(smc(fromRows([[1, 0.6], [0.6, 1]]))[0]).toBeCloseTo(0.36, 14);
  });
  it('KMO and Bartlett report the singularity in a notice instead of crashing', () => {
    expect(computeKmo(singular).notices[0]?.code).toBe('singular-matrix');
    const bartlett = bartlettTest(singular, 100);
    expect(bartlett.notices[0]?.code).toBe('singular-matrix');
    expect(bartlett.df).toBe(3);
  });
});
