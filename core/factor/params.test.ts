import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { EFA_DEFAULTS, resolveEfaParams } from './params';

describe('resolveEfaParams(partial)', () => {
  it('fills psych::fa defaults and keeps what was given', () => {
    expect(resolveEfaParams()).toEqual(EFA_DEFAULTS);
    expect(EFA_DEFAULTS).toMatchObject({ method: 'minres', rotation: 'oblimin', correlation: 'pearson', missing: 'pairwise', scores: 'regression', minErr: 0.001, paMaxIterations: 50, rotationEpsilon: 1e-5, rotationMaxIterations: 1000 });
    const p = resolveEfaParams({ nFactors: 3, method: 'ml', rotation: 'geomin', seed: 9, rotationEpsilon: undefined });
    expect(p).toMatchObject({ nFactors: 3, method: 'ml', rotation: 'geomin', seed: 9, rotationEpsilon: 1e-5 });
  });

  it('rejects impossible values with an InputError naming the option and the allowed values', () => {
    const bad: [Parameters<typeof resolveEfaParams>[0], RegExp][] = [
      [{ nFactors: 0 }, /number of factors/],
      [{ nFactors: 2.5 }, /number of factors/],
      [{ method: 'uls' as never }, /'method' must be one of minres, pa, ml, pc/],
      [{ rotation: 'spin' as never }, /'rotation' must be one of none, varimax/],
      [{ seed: -1 }, /seed/],
      [{ minErr: 0 }, /minErr/],
      [{ parallelIterations: 0 }, /parallelIterations/],
    ];
    for (const [partial, message] of bad) {
      expect(() => resolveEfaParams(partial)).toThrow(InputError);
      expect(() => resolveEfaParams(partial)).toThrow(message);
    }
  });
});
