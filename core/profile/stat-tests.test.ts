import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, normalUpperTail, studentTwoSidedP, twoSidedP } from './stat-tests';

describe('stat-tests', () => {
  it('normal tails match R pnorm to 1e-7', () => {
    expect(normalUpperTail(1.959963985)).toBeCloseTo(0.025, 7);
    expect(twoSidedP(2.575829304)).toBeCloseTo(0.01, 7);
    expect(normalUpperTail(-1)).toBeCloseTo(0.8413447461, 7);
  });
  it('chi-square tails match R pchisq(lower=FALSE)', () => {
    expect(chiSquareUpperTail(3.841458821, 1)).toBeCloseTo(0.05, 8);
    expect(chiSquareUpperTail(11.07049769, 5)).toBeCloseTo(0.05, 8);
    expect(chiSquareUpperTail(2, 10)).toBeCloseTo(0.9963401531, 8);
  });
  it('t tails match R 2*pt(-|t|, df)', () => {
    expect(studentTwoSidedP(2.228138852, 10)).toBeCloseTo(0.05, 8);
    expect(studentTwoSidedP(1, 3)).toBeCloseTo(0.3910022, 6);
  });
});
