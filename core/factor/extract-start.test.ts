import { describe, expect, it } from 'vitest';
import { fromRows } from '../math/matrix';
import { smc } from './smc';
import { startingSmc } from './extract-start';

describe('startingSmc(R)', () => {
  it('equals smc(R) (psych::smc) on a regular and on a singular matrix', () => {
    const regular = fromRows([[1, 0.5, 0.3], [0.5, 1, 0.4], [0.3, 0.4, 1]]);
    const singular = fromRows([[1, 1, 0.3], [1, 1, 0.3], [0.3, 0.3, 1]]);
    for (const R of [regular, singular]) {
      const ours = startingSmc(R);
      const theirs = smc(R);
      for (let i = 0; i < 3; i++) expect(ours[i]).toBeCloseTo(theirs[i]!, 10);
    }
  });
});
