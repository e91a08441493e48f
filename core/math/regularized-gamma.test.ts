import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, gammaP, gammaQ, lnGamma } from './regularized-gamma';

describe('chiSquareUpperTail(x, df)', () => {
  it('matches R pchisq(lower.tail = FALSE)', () => {
    expect(chiSquareUpperTail(3.84, 1)).toBeCloseTo(0.05004352124870, 12);
    expect(chiSquareUpperTail(1, 10) / 0.9998278843700441 - 1).toBeLessThan(1e-13);
    expect(Math.abs(chiSquareUpperTail(98.75277866218107, 21) / 4.79254e-12 - 1)).toBeLessThan(2e-6);
  });

  it('is exp(−x/2) for 2 degrees of freedom, with full relative accuracy deep in the tail', () => {
    for (const x of [0.01, 0.5, 3, 10, 200, 1200]) expect(Math.abs(chiSquareUpperTail(x, 2) / Math.exp(-x / 2) - 1)).toBeLessThan(1e-13);
  });
});

describe('gammaP / gammaQ / lnGamma', () => {
  it('are complementary and lnGamma matches factorials', () => {
    for (const [a, x] of [[0.5, 0.2], [3, 2], [10.5, 30], [150, 140]] as const) expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 14);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});
