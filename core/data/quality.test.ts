import { describe, expect, it } from 'vitest';
import { EMPTY_MISSING, type Column, type Dataset } from './dataset';
import { detectBattery, detectDurationColumn, screenQuality } from './quality';

const numeric = (name: string, values: number[], measurement: Column['measurement'] = 'ordinal'): Column => ({
  name,
  label: name,
  measurement,
  valueLabels: [],
  missing: EMPTY_MISSING,
  values: Float64Array.from(values),
  text: null,
  reversed: false,
});

const N = NaN;
// 6 respondents × 5 items; row 2 straight-lines, row 3 straight-lines with one missing answer,
// row 4 misses 2 of 5, row 5 is a speeder, rows 1 and 6 share id 101.
const dataset: Dataset = {
  source: { file: 'q.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null },
  rows: 6,
  columns: [
    numeric('id', [101, 102, 103, 104, 105, 101], 'id'),
    numeric('duration', [600, 640, 580, 700, 200, 620], 'continuous'),
    numeric('i1', [1, 3, 4, 1, 2, 5]),
    numeric('i2', [2, 3, 4, N, 3, 4]),
    numeric('i3', [3, 3, N, 2, 4, 3]),
    numeric('i4', [4, 3, 4, N, 5, 2]),
    { ...numeric('i5', [5, 3, 4, 5, 1, 1]), reversed: true },
    numeric('other', [1, 2, 3, 1, 2, 3], 'nominal'),
    numeric('rating10', [0, 9, 10, 4, 7, 8]),
  ],
  weight: null,
  id: 'id',
  notices: [],
};

describe('screenQuality(dataset, options)', () => {
  const report = screenQuality(dataset, { battery: ['i1', 'i2', 'i3', 'i4', 'i5'], durationColumn: 'duration' });

  it('flags straight-liners on raw codes (reverse-coding ignored), skipping missing answers', () => {
    expect(Array.from(report.longestRun)).toEqual([1, 5, 4, 1, 1, 1]);
    expect(report.flagged.filter((f) => f.reasons.includes('straight-line')).map((f) => f.row)).toEqual([2, 3]);
  });

  it('flags too many missing answers (> 25 % of the battery)', () => {
    expect(report.missingShare[3]).toBeCloseTo(0.4, 12);
    expect(report.flagged.filter((f) => f.reasons.includes('missing')).map((f) => f.row)).toEqual([4]);
  });

  it('flags speeders below half the median duration (median 610 → limit 305)', () => {
    expect(report.medianDuration).toBe(610);
    expect(report.flagged.filter((f) => f.reasons.includes('speeder')).map((f) => f.row)).toEqual([5]);
  });

  it('flags every respondent sharing an id, and never drops anyone', () => {
    const dup = report.flagged.filter((f) => f.reasons.includes('duplicate-id'));
    expect(dup.map((f) => [f.row, f.id])).toEqual([[1, '101'], [6, '101']]);
    expect(report.rows).toBe(6);
    expect(report.counts).toEqual({ 'straight-line': 2, missing: 1, speeder: 1, 'duplicate-id': 2, flagged: 6 });
    expect(report.flagged.every((f) => f.details.length === f.reasons.length)).toBe(true);
  });

  it('honours straightLineMin and maxMissingShare', () => {
    const strict = screenQuality(dataset, { battery: ['i1', 'i2', 'i3', 'i4', 'i5'], straightLineMin: 4, maxMissingShare: 0.5, idColumn: null });
    expect(strict.counts['straight-line']).toBe(2);
    expect(strict.counts.missing).toBe(0);
    expect(strict.counts['duplicate-id']).toBe(0);
  });

  it('refuses unknown columns and impossible thresholds', () => {
    expect(() => screenQuality(dataset, { battery: ['nope'] })).toThrow(/Column 'nope' is not in q.csv/);
    expect(() => screenQuality(dataset, { battery: ['i1'], speederShare: 2 })).toThrow(/share of the median/);
    const withText: Dataset = { ...dataset, columns: [...dataset.columns, { ...numeric('open', []), values: null, text: ['a', 'b', 'c', 'd', 'e', 'f'], measurement: 'text' }] };
    expect(() => screenQuality(withText, { battery: ['i1', 'open'] })).toThrow(/Battery item 'open' holds free text/);
  });
});

describe('detectBattery(dataset)', () => {
  it('takes the largest group of ordinal columns on one scale, never the id or a 0-10 rating', () => {
    expect(detectBattery(dataset)).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
    expect(detectDurationColumn(dataset)).toBe('duration');
  });
});
