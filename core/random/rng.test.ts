import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, permutation } from './rng';

describe('createRng(seed)', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(sa);
  });
  it('draws uniforms on [0,1) with mean 1/2 and normals with mean 0 and variance 1', () => {
    const rng = createRng(7);
    const n = 200_000;
    let su = 0, sn = 0, sn2 = 0, outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (u < 0 || u >= 1) outside++;
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(outside).toBe(0);
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });
  it('derives child seeds that depend on every coordinate', () => {
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    expect(new Set([deriveSeed(1, 2, 3), deriveSeed(1, 3, 2), deriveSeed(2, 2, 3), deriveSeed(1, 2)]).size).toBe(4);
  });
  it('permutation(n) is a permutation of 0..n-1', () => {
    const p = Array.from(permutation(100, createRng(3))).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
