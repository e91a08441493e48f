import { describe, expect, it } from 'vitest';
import { fromRows, multiply, transpose } from '../math/matrix';
import type { Matrix } from '../math/matrix';
import { extractFactors } from './extract';
import { impliedCorrelation } from './fit-indices';
import { ROTATIONS, isOblique } from './options';
import { orderFactors } from './order-factors';
import { rotateFactors } from './rotate';

// A 9-item, 3-factor correlation structure with cross-loadings and correlated factors.
const pattern = fromRows([
  [0.7, 0.1, 0], [0.65, 0, 0.15], [0.6, 0.2, 0], [0.05, 0.7, 0.1], [0, 0.6, 0], [0.2, 0.55, 0.05], [0, 0.1, 0.7], [0.1, 0, 0.6], [0, 0.05, 0.65],
]);
const phi = fromRows([[1, 0.3, 0.2], [0.3, 1, 0.25], [0.2, 0.25, 1]]);
const R = impliedCorrelation(pattern, phi);
for (let i = 0; i < 9; i++) R.data[i * 9 + i] = 1;

function maxDiff(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i]! - b.data[i]!));
  return worst;
}

describe('rotateFactors(loadings, rotation) invariants', () => {
  const unrotated = extractFactors(R, 3, 'minres').loadings;
  const model = impliedCorrelation(unrotated, null);
  for (const rotation of ROTATIONS) {
    it(`${rotation}: converges, leaves ΛΦΛᵀ unchanged, unrotated·T = rotated, Φ unit diagonal`, () => {
      const r = rotateFactors(unrotated, rotation);
      expect(r.converged).toBe(true);
      expect(r.rotation).toBe(rotation);
      expect(maxDiff(impliedCorrelation(r.loadings, r.phi), model)).toBeLessThan(1e-10);
      expect(maxDiff(multiply(unrotated, r.rotationMatrix), r.loadings)).toBeLessThan(1e-10);
      if (isOblique(rotation)) {
        expect(r.phi).not.toBeNull();
        for (let k = 0; k < 3; k++) expect(r.phi!.data[k * 3 + k]).toBeCloseTo(1, 12);
      } else {
        expect(r.phi).toBeNull();
        const tt = multiply(transpose(r.rotationMatrix), r.rotationMatrix);
        for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expect(tt.data[a * 3 + b]).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    });
  }

  it('oblique rotations recover the generating pattern and Φ (up to order and sign)', () => {
    for (const rotation of ['oblimin', 'quartimin', 'geomin', 'promax'] as const) {
      const r = rotateFactors(unrotated, rotation);
      const ordered = orderFactors(r.loadings, r.phi, r.rotationMatrix);
      // each generating factor's marker items (0, 3, 6) load highest on a distinct factor
      const owners = [0, 3, 6].map((i) => [0, 1, 2].reduce((best, k) => (Math.abs(ordered.loadings.data[i * 3 + k]!) > Math.abs(ordered.loadings.data[i * 3 + best]!) ? k : best), 0));
      expect(new Set(owners).size).toBe(3);
      const tolerance = rotation === 'promax' ? 0.15 : 0.1;
      for (const i of [0, 3, 6]) expect(Math.abs(ordered.loadings.data[i * 3 + owners[[0, 3, 6].indexOf(i)]!]!)).toBeGreaterThan(0.6 - tolerance);
    }
  });

  it('Kaiser normalisation is honoured for gradient-projection rotations', () => {
    const plain = rotateFactors(unrotated, 'geomin');
    const normalized = rotateFactors(unrotated, 'geomin', { normalize: true });
    expect(normalized.converged).toBe(true);
    expect(maxDiff(impliedCorrelation(normalized.loadings, normalized.phi), model)).toBeLessThan(1e-10);
    expect(maxDiff(plain.loadings, normalized.loadings)).toBeGreaterThan(1e-6);
  });

  it('one factor is returned unchanged with no Φ', () => {
    const one = extractFactors(R, 1, 'minres').loadings;
    const r = rotateFactors(one, 'oblimin');
    expect(r.phi).toBeNull();
    expect(Array.from(r.loadings.data)).toEqual(Array.from(one.data));
  });
});
