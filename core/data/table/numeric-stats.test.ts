import { describe, expect, it } from 'vitest';
import { addNumericStats, addNumericValue, addSlotCounts, COUNT_SLOTS, countSlot, DISTINCT_CAP, emptyNumericStats, numericSummary } from './numeric-stats';

/** The summary by the plain definition: a Set of the answered values. */
function bruteForce(values: Float64Array) {
  const answered = Array.from(values).filter((v) => !Number.isNaN(v));
  return {
    answered: answered.length,
    integers: answered.every(Number.isInteger),
    min: answered.length === 0 ? Infinity : Math.min(...answered),
    max: answered.length === 0 ? -Infinity : Math.max(...answered),
    distinct: Math.min(new Set(answered).size, DISTINCT_CAP),
  };
}

describe('numeric stats (added part by part, value by value, or counted) = the plain definition', () => {
  it('codes, missing values, -0, fractions, negatives and large values, in any split', () => {
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296;
    };
    const pool = [NaN, -0, 0, 1, 2, 5, 7, 255, 256, -1, 2.5, 1e20, -3.75, 1000];
    for (let trial = 0; trial < 200; trial++) {
      const length = Math.floor(next() * 60);
      const kinds = 1 + Math.floor(next() * pool.length);
      const values = Float64Array.from({ length }, () => pool[Math.floor(next() * kinds)]!);
      const stats = emptyNumericStats();
      for (let from = 0; from < length; ) {
        const to = Math.min(length, from + 1 + Math.floor(next() * 20));
        addNumericStats(stats, values, from, to);
        from = to;
      }
      // The same values one by one, or (as the CSV fast path does) those with a slot counted
      // in a count table and the others added one by one.
      const single = emptyNumericStats();
      for (const v of values) addNumericValue(single, v);
      const counted = emptyNumericStats();
      const counts = new Int32Array(COUNT_SLOTS);
      for (const v of values) {
        const slot = countSlot(v);
        if (slot >= 0) counts[slot]! += 1;
        else addNumericValue(counted, v);
      }
      addSlotCounts(counted, counts);
      const expected = bruteForce(values);
      for (const summary of [stats, single, counted].map((s) => numericSummary(s, length))) {
        expect(summary.answered).toBe(expected.answered);
        expect(summary.integers).toBe(expected.integers);
        expect(summary.distinct).toBe(expected.distinct);
        // -0 counts as 0 (+ 0 folds -0 into 0): only max - min is used.
        if (expected.answered > 0) expect([summary.min + 0, summary.max + 0]).toEqual([expected.min + 0, expected.max + 0]);
      }
    }
  });

  it('counts distinct values up to the cap', () => {
    const stats = emptyNumericStats();
    addNumericStats(stats, Float64Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? i : i + 0.5)), 0, 40);
    expect(numericSummary(stats, 40)).toEqual({ answered: 40, integers: false, min: 0, max: 39.5, distinct: DISTINCT_CAP });
  });
});
