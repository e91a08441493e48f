import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { eigenSymmetric } from './eigen-symmetric';
import { fromRows, type Matrix } from './matrix';
import { PINV_TOLERANCE, pseudoInverseSymmetric } from './pseudo-inverse';

/** A⁺ from the eigendecomposition, the definition the fast path must agree with. */
function pinvByEigen(a: Matrix): Float64Array {
  const p = a.rows;
  const { values, vectors } = eigenSymmetric(a.data, p);
  const tol = PINV_TOLERANCE * Math.max(...values.map(Math.abs));
  const out = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    if (!(Math.abs(values[k]!) > tol)) continue;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j]! += (vectors[i * p + k]! * vectors[j * p + k]!) / values[k]!;
  }
  return out;
}

describe('pseudoInverseSymmetric', () => {
  it('equals the eigen-based pseudo-inverse on regular correlation matrices (Cholesky path)', () => {
    const rng = createRng(11);
    for (const p of [3, 8, 25]) {
      const x = Array.from({ length: 60 }, () => Array.from({ length: p }, () => rng.normal()));
      const r = new Float64Array(p * p);
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (const row of x) r[i * p + j]! += (row[i]! * row[j]!) / 60;
      const a = { rows: p, cols: p, data: r };
      const { inverse, rank } = pseudoInverseSymmetric(a);
      expect(rank).toBe(p);
      const reference = pinvByEigen(a);
      for (let q = 0; q < p * p; q++) expect(inverse.data[q]).toBeCloseTo(reference[q]!, 10);
    }
  });

  it('drops the null direction of a singular matrix as psych::Pinv does', () => {
    const singular = fromRows([[1, 1, 0.3], [1, 1, 0.3], [0.3, 0.3, 1]]);
    const { inverse, rank } = pseudoInverseSymmetric(singular);
    expect(rank).toBe(2);
    const reference = pinvByEigen(singular);
    for (let q = 0; q < 9; q++) expect(inverse.data[q]).toBeCloseTo(reference[q]!, 10);
  });

  it('falls back to the eigen path when the matrix is nearly singular (condition beyond 1/√ε)', () => {
    const e = 1e-9;
    const near = fromRows([[1, 1 - e, 0.2], [1 - e, 1, 0.2], [0.2, 0.2, 1]]);
    const { rank } = pseudoInverseSymmetric(near);
    expect(rank).toBe(2);
  });
});
