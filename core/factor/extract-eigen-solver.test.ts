import { describe, expect, it } from 'vitest';
import { eigenSymmetric } from '../math/eigen-symmetric';
import { createRng } from '../random/rng';
import { eigenSymmetricFast, eigenTop } from './extract-eigen-solver';

describe('eigenSymmetricFast(A, p)', () => {
  it('agrees with eigenSymmetric (ml-matrix) to 1e-12 on random symmetric matrices, p = 1..30', () => {
    const rng = createRng(11);
    for (const p of [1, 2, 3, 5, 8, 25, 30]) {
      const a = new Float64Array(p * p);
      for (let i = 0; i < p; i++) for (let j = i; j < p; j++) a[i * p + j] = a[j * p + i] = rng.normal();
      const fast = eigenSymmetricFast(a, p);
      const ref = eigenSymmetric(a, p);
      for (let k = 0; k < p; k++) expect(Math.abs(fast.values[k]! - ref.values[k]!)).toBeLessThan(1e-12);
      for (let i = 0; i < p * p; i++) expect(Math.abs(fast.vectors[i]! - ref.vectors[i]!)).toBeLessThan(1e-9);
    }
  });

  it('handles a diagonal matrix with repeated eigenvalues and the zero matrix', () => {
    const diag = eigenSymmetricFast(Float64Array.of(2, 0, 0, 0, 2, 0, 0, 0, 5), 3);
    expect(Array.from(diag.values)).toEqual([5, 2, 2]);
    const zero = eigenSymmetricFast(new Float64Array(4), 2);
    expect(Array.from(zero.values)).toEqual([0, 0]);
  });
});

describe('eigenTop(A, p, m)', () => {
  it('gives all eigenvalues and the leading m vectors of the full decomposition', () => {
    const rng = createRng(12);
    for (const [p, m] of [[3, 1], [7, 2], [25, 5], [25, 1], [40, 6]] as const) {
      const a = new Float64Array(p * p);
      for (let i = 0; i < p; i++) for (let j = i; j < p; j++) a[i * p + j] = a[j * p + i] = rng.normal();
      const top = eigenTop(a, p, m);
      const full = eigenSymmetricFast(a, p);
      for (let k = 0; k < p; k++) expect(Math.abs(top.values[k]! - full.values[k]!)).toBeLessThan(1e-12);
      for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) expect(Math.abs(top.vectors[i * m + k]! - full.vectors[i * p + k]!)).toBeLessThan(1e-9);
    }
  });

  it('separates a cluster of nearly equal leading eigenvalues into orthonormal vectors', () => {
    const p = 6;
    const a = new Float64Array(p * p);
    [3, 3 + 1e-9, 3 - 1e-9, 1, 0.5, 0.2].forEach((v, i) => (a[i * p + i] = v));
    const top = eigenTop(a, p, 3);
    for (let k = 0; k < 3; k++) {
      for (let l = 0; l < 3; l++) {
        let dot = 0;
        for (let i = 0; i < p; i++) dot += top.vectors[i * 3 + k]! * top.vectors[i * 3 + l]!;
        expect(dot).toBeCloseTo(k === l ? 1 : 0, 8);
      }
    }
  });
});
