import { describe, expect, test } from 'vitest';
import { drainSteps } from '../jobs/run-steps';
import { createRng } from '../random/rng';
import { kmeansRange, standardiseColumns } from './kmeans';

function blobs(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const centres = [[0, 0], [6, 0], [0, 6]];
  const x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = centres[i % 3]!;
    x[i * 2] = c[0]! + rng.normal();
    x[i * 2 + 1] = c[1]! + rng.normal();
  }
  return x;
}

describe('kmeansRange', () => {
  const x = blobs(300, 1);
  const solutions = drainSteps(kmeansRange({ n: 300, d: 2, values: x }, { classes: [1, 4], starts: 10, maxIterations: 100, seed: 3 }));

  test('recovers three well-separated blobs (sizes 100 each) and ranks K = 3 best by Calinski–Harabasz', () => {
    const three = solutions.find((s) => s.k === 3)!;
    expect(three.counts).toEqual([100, 100, 100]);
    const ch = solutions.map((s) => s.calinskiHarabasz ?? -Infinity);
    expect(ch.indexOf(Math.max(...ch))).toBe(2);
    expect(solutions[0]!.calinskiHarabasz).toBeNull();
  });

  test('W + B = T, R² = B/T, and CH = [B/(K−1)]/[W/(N−K)] on standardised data', () => {
    const z = standardiseColumns({ n: 300, d: 2, values: x }).values;
    const total = z.reduce((s, v) => s + v * v, 0);
    for (const s of solutions) {
      expect(s.totalSS).toBeCloseTo(total, 8);
      expect(s.withinSS + s.betweenSS).toBeCloseTo(total, 8);
      let within = 0;
      for (let i = 0; i < 300; i++) {
        const c = s.labels[i]!;
        for (let j = 0; j < 2; j++) within += (z[i * 2 + j]! - s.centresStandardised[c * 2 + j]!) ** 2;
      }
      expect(within).toBeCloseTo(s.withinSS, 8);
      if (s.k > 1) expect(s.calinskiHarabasz).toBeCloseTo(s.betweenSS / (s.k - 1) / (s.withinSS / (300 - s.k)), 8);
    }
  });

  test('clusters come largest first and the best W is never above any single start', () => {
    for (const s of solutions) for (let c = 1; c < s.k; c++) expect(s.counts[c]!).toBeLessThanOrEqual(s.counts[c - 1]!);
    const single = drainSteps(kmeansRange({ n: 300, d: 2, values: x }, { classes: [4, 4], starts: 1, maxIterations: 100, seed: 3 }))[0]!;
    expect(solutions[3]!.withinSS).toBeLessThanOrEqual(single.withinSS + 1e-9);
  });
});
