import { describe, expect, it } from 'vitest';
import { pbinorm, pnorm, qnorm } from './normal';

describe('pnorm(x)', () => {
  it('matches R to ~1e-15 relative, tails included', () => {
    const cases: [number, number][] = [
      [0, 0.5],
      [1, 0.841344746068542948585],
      [-1.96, 0.0249978951482204],
      [-5, 2.866515718791939e-7],
      [-10, 7.619853024160527e-24],
      [-20, 2.753624118606233e-89],
      [3, 0.998650101968369905],
    ];
    for (const [x, p] of cases) expect(Math.abs(pnorm(x) - p) / p).toBeLessThan(2e-15);
    expect(pnorm(Infinity)).toBe(1);
    expect(pnorm(-Infinity)).toBe(0);
  });
});

describe('qnorm(p)', () => {
  it('matches R and inverts pnorm', () => {
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(qnorm(1e-10)).toBeCloseTo(-6.361340902404056, 13);
    expect(qnorm(0.5)).toBe(0);
    for (const x of [-30, -8, -3.3, -0.7, 0.1, 0.6, 2.2]) expect(Math.abs(qnorm(pnorm(x)) - x)).toBeLessThan(1e-9 * Math.max(1, Math.abs(x)));
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
    expect(qnorm(1.5)).toBeNaN();
  });
});

describe('pbinorm(h, k, rho)', () => {
  it('equals the closed form at the origin, 1/4 + asin(rho)/(2π), for every branch', () => {
    for (const rho of [-0.9999, -0.97, -0.93, -0.8, -0.5, -0.1, 0, 0.2, 0.5, 0.74, 0.76, 0.9, 0.924, 0.926, 0.99, 0.99999]) {
      expect(Math.abs(pbinorm(0, 0, rho) - (0.25 + Math.asin(rho) / (2 * Math.PI)))).toBeLessThan(1e-14);
    }
  });

  it('handles independence, perfect correlation and infinite limits exactly', () => {
    expect(pbinorm(0.3, -1.2, 0)).toBeCloseTo(pnorm(0.3) * pnorm(-1.2), 15);
    expect(pbinorm(0.3, -1.2, 1)).toBeCloseTo(pnorm(-1.2), 15);
    expect(pbinorm(0.3, -0.2, -1)).toBeCloseTo(pnorm(0.3) + pnorm(-0.2) - 1, 15);
    expect(pbinorm(Infinity, 0.4, 0.6)).toBe(pnorm(0.4));
    expect(pbinorm(-Infinity, 0.4, 0.6)).toBe(0);
  });

  it('agrees with brute-force integration to 1e-12', () => {
    const brute = (h: number, k: number, r: number): number => {
      const n = 20000;
      const lo = -10;
      const dx = (h - lo) / n;
      let s = 0;
      for (let i = 0; i <= n; i++) {
        const x = lo + i * dx;
        const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
        s += w * (Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI)) * pnorm((k - r * x) / Math.sqrt(1 - r * r));
      }
      return (s * dx) / 3;
    };
    for (const r of [-0.95, -0.6, 0.25, 0.7, 0.95]) for (const [h, k] of [[-1.3, 0.4], [0.8, 1.9], [2.1, -0.5]] as const) {
      expect(Math.abs(pbinorm(h, k, r) - brute(h, k, r)), `${h} ${k} ${r}`).toBeLessThan(1e-12);
    }
  });
});
