import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { eigenSymmetric, eigenvaluesSymmetric, plainHypot } from './eigen-symmetric';

describe('eigenSymmetric(matrix, p)', () => {
  it('returns descending eigenvalues whose vectors reconstruct the matrix to 1e-12', () => {
    const a = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 1];
    const { values, vectors } = eigenSymmetric(a, 3);
    expect(values[0]!).toBeGreaterThan(values[1]!);
    expect(values[1]!).toBeGreaterThan(values[2]!);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += vectors[i * 3 + k]! * values[k]! * vectors[j * 3 + k]!;
        expect(Math.abs(s - a[i * 3 + j]!)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('eigenvaluesSymmetric', () => {
  it('gives exactly the eigenvalues of the full decomposition', () => {
    const rng = createRng(5);
    for (const p of [1, 2, 5, 17]) {
      const a = new Float64Array(p * p);
      for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) a[i * p + j] = a[j * p + i] = rng.normal();
      for (const hypot of [undefined, plainHypot]) expect(Array.from(eigenvaluesSymmetric(a, p, hypot))).toEqual(Array.from(eigenSymmetric(a, p, hypot).values));
    }
  });
});
