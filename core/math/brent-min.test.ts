import { describe, expect, it } from 'vitest';
import { brentMinimize, R_OPTIMIZE_TOL } from './brent-min';

describe('brentMinimize(f, lower, upper, tol)', () => {
  it('uses R optimize() default tolerance eps^0.25', () => {
    expect(R_OPTIMIZE_TOL).toBeCloseTo(1.220703e-4, 9);
  });

  it('finds the minimum of a parabola within the tolerance (R ?optimize example)', () => {
    const r = brentMinimize((x) => (x - 1 / 3) ** 2, 0, 1);
    expect(Math.abs(r.minimum - 1 / 3)).toBeLessThan(R_OPTIMIZE_TOL);
    expect(r.objective).toBeCloseTo((r.minimum - 1 / 3) ** 2, 15);
  });

  it('never evaluates f at the interval ends and stays inside', () => {
    const seen: number[] = [];
    const r = brentMinimize((x) => {
      seen.push(x);
      return -x;
    }, -1, 1);
    expect(Math.min(...seen)).toBeGreaterThan(-1);
    expect(Math.max(...seen)).toBeLessThan(1);
    expect(r.minimum).toBeGreaterThan(1 - 3 * R_OPTIMIZE_TOL);
  });

  it('reaches a tight tolerance on a non-quadratic function', () => {
    const r = brentMinimize((x) => Math.cosh(x - 0.2) + 0.1 * (x - 0.2) ** 4, -1, 1, 1e-10);
    expect(Math.abs(r.minimum - 0.2)).toBeLessThan(1e-7); // a flat minimum: f differs by ~Δx² ≈ 1e-16 there
    expect(r.evaluations).toBeLessThan(60);
  });
});
