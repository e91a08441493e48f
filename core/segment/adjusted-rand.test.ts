import { expect, test } from 'vitest';
import { adjustedRandIndex } from './adjusted-rand';

test('adjustedRandIndex is 1 for identical partitions under any relabelling', () => {
  expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [2, 2, 0, 0, 1, 1])).toBe(1);
});

test('adjustedRandIndex matches the Hubert–Arabie value on a small table (mclust::adjustedRandIndex gives 0.2424242)', () => {
  // a = 1 1 1 2 2 2, b = 1 1 2 2 3 3: table [[2,1,0],[0,1,2]].
  expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.2424242, 6);
});

test('adjustedRandIndex skips unassigned (negative) respondents', () => {
  expect(adjustedRandIndex([0, 0, 1, 1, -1], [1, 1, 0, 0, 0])).toBe(1);
});
