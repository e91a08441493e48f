import { describe, expect, it } from 'vitest';
import { formatGrouped, labelWithCategory, unitOf } from './format';
import { niceTicks, wrapLines } from './svg-charts';

describe('deck number formatting', () => {
  it('formatGrouped groups thousands and uses a typographic minus', () => {
    expect(formatGrouped(-41445.045, 1)).toBe('−41,445.0');
    expect(formatGrouped(86395.91, 1)).toBe('86,395.9');
    expect(formatGrouped(378.06, 1)).toBe('378.1');
    expect(formatGrouped(-0.01, 1)).toBe('0.0');
    expect(formatGrouped(NaN)).toBe('–');
  });

  it('unitOf reads a trailing unit; labelWithCategory drops the colon after a question', () => {
    expect(unitOf('Average monthly spend (EUR)')).toBe('EUR');
    expect(unitOf('Spend')).toBeNull();
    expect(labelWithCategory('Gender', 'Female')).toBe('Gender: Female');
    expect(labelWithCategory('How often do you buy online?', 'Weekly')).toBe('How often do you buy online? Weekly');
  });
});

describe('chart helpers', () => {
  it('niceTicks covers the range with 1/2/2.5/5 steps', () => {
    expect(niceTicks(86396, 90621)).toEqual({ ticks: [86000, 88000, 90000, 92000], step: 2000 });
    expect(niceTicks(54, 88).ticks).toEqual([50, 60, 70, 80, 90]);
    expect(niceTicks(0.12, 0.93).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('wrapLines wraps at word boundaries and truncates the last line', () => {
    expect(wrapLines('E: Convenience Seekers', 11, 3)).toEqual(['E:', 'Convenience', 'Seekers']);
    expect(wrapLines('one two three four five', 7, 2)).toEqual(['one two', 'three …']);
  });
});
