import { describe, expect, it } from 'vitest';
import { findRootDecreasing, findRootDecreasingNear, chiSquareCdf, chiSquareUpper, noncentralChiSquareCdf } from './fit-indices-chi-square';

describe('chi-square distribution functions match R pchisq', () => {
  it('central tails, including a 1e-264 upper tail', () => {
    expect(Math.abs(chiSquareUpper(5.4742, 8) - 0.705896711990033)).toBeLessThan(1e-12);
    expect(Math.abs(chiSquareUpper(1808.94, 185) / 4.34225028302027e-264 - 1)).toBeLessThan(1e-10);
    expect(Math.abs(chiSquareCdf(3, 1) - 0.916735483336446)).toBeLessThan(1e-12);
  });

  it('noncentral CDF (R pchisq(q, df, ncp)) to 1e-10, small and large ncp', () => {
    const cases: [number, number, number, number][] = [
      [1808.94, 185, 1500, 0.937781098696806],
      [70000, 185, 69000, 0.939145508157139],
      [10, 8, 3.5, 0.447893378002877],
      [300, 200, 0.01, 0.999994059812099],
      [5.4742, 8, 2, 0.173130971987508],
    ];
    for (const [q, df, ncp, expected] of cases) expect(Math.abs(noncentralChiSquareCdf(q, df, ncp) - expected)).toBeLessThan(1e-10);
  });
});

describe('findRootDecreasing', () => {
  it('finds the ncp whose non-central CDF hits a target, as R uniroot does', () => {
    const root = findRootDecreasing((x) => noncentralChiSquareCdf(1808.94, 185, x) - 0.05, 0, 8400, 1e-9)!;
    expect(Math.abs(noncentralChiSquareCdf(1808.94, 185, root) - 0.05)).toBeLessThan(1e-9);
    expect(findRootDecreasing((x) => 1 - x, 2, 3, 1e-9)).toBeNull();
  });
});

describe('findRootDecreasingNear', () => {
  it('finds the root findRootDecreasing finds on the whole interval, from good and bad guesses, in fewer evaluations', () => {
    for (const [chiSquare, df, n] of [[1808.94, 185, 2800], [31000, 185, 112000], [12.5, 10, 300], [260, 4, 500]] as const) {
      for (const target of [0.05, 0.95]) {
        let evaluations = 0;
        const f = (x: number): number => {
          evaluations++;
          return noncentralChiSquareCdf(chiSquare, df, x) - target;
        };
        const hi = Math.max(n, chiSquare) + 2 * n;
        const tol = 1e-7 * hi;
        const whole = findRootDecreasing(f, 0, hi, tol)!;
        const wholeEvaluations = evaluations;
        for (const guess of [Math.max(0, chiSquare - df), 0, hi / 2]) {
          evaluations = 0;
          const near = findRootDecreasingNear(f, guess, Math.sqrt(2 * (df + 2 * guess)), 0, hi, tol)!;
          expect(Math.abs(near - whole)).toBeLessThan(2 * tol);
          if (guess === Math.max(0, chiSquare - df) && chiSquare > 1000) expect(evaluations).toBeLessThan(wholeEvaluations);
        }
      }
    }
    expect(findRootDecreasingNear((x) => 1 - x, 2.5, 0.1, 2, 3, 1e-9)).toBeNull();
  });
});
