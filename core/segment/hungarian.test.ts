import { expect, test } from 'vitest';
import { createRng } from '../random/rng';
import { matchLabels, solveAssignment } from './hungarian';

function bruteForce(cost: number[][]): number {
  const n = cost.length;
  let best = Infinity;
  const permute = (prefix: number[]): void => {
    if (prefix.length === n) {
      best = Math.min(best, prefix.reduce((s, c, r) => s + cost[r]![c]!, 0));
      return;
    }
    for (let c = 0; c < n; c++) if (!prefix.includes(c)) permute([...prefix, c]);
  };
  permute([]);
  return best;
}

test('solveAssignment finds the minimum-cost permutation (random 5×5 matrices against brute force)', () => {
  const rng = createRng(42);
  for (let trial = 0; trial < 20; trial++) {
    const cost = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => Math.round(rng.uniform() * 100)));
    const assignment = solveAssignment(cost);
    expect(new Set(assignment).size).toBe(5);
    expect(assignment.reduce((s, c, r) => s + cost[r]![c]!, 0)).toBe(bruteForce(cost));
  }
});

test('matchLabels maps permuted labels back to the reference', () => {
  const a = [0, 0, 1, 1, 2, 2, 2];
  const b = [1, 1, 2, 2, 0, 0, 1];
  expect(matchLabels(a, b, 3)).toEqual([2, 0, 1]);
});
