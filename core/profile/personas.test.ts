import { describe, expect, it } from 'vitest';
import { draftNames } from './personas';
import type { AttitudeTable, DistinctiveItem, SegmentSize } from './profile-types';

const size = (s: number): SegmentSize => ({ segment: s, name: '', letter: 'ABC'[s]!, count: 10, share: 1 / 3, weightedSize: 10, weightedShare: 1 / 3 });
const item = (label: string, d: number): DistinctiveItem => ({ name: label, label, mean: 0, totalMean: 0, index: 100 + 100 * d, d, direction: d >= 0 ? 'high' : 'low' });

function factorTable(labels: string[], d: number[][]): AttitudeTable {
  return { variables: labels.map((label, f) => ({ name: `f${f}`, label, indexKind: 'standardised' })), totalMean: labels.map(() => 0), totalSd: labels.map(() => 1), means: d, index: d.map((r) => r.map((x) => 100 + 100 * x)), d, letters: d.map((r) => r.map(() => '')) };
}

describe('draftNames', () => {
  it('names segments after the theme of their top factor, distinct and at most three words', () => {
    const table = factorTable(['Price sensitivity', 'Sustainability', 'Gardening'], [[0.9, -0.2, 0], [0.8, 0.1, -0.1], [-0.1, -0.6, 0.1]]);
    const out = draftNames([size(0), size(1), size(2)], [[], [], []], table);
    expect(out.map((o) => o.name)).toEqual(['Bargain Hunters', 'Deal Seekers', 'Eco Sceptics']);
    expect(out[2]!.drivers[0]).toBe('Sustainability');
  });

  it('falls back to the key words of wording outside the vocabulary', () => {
    const table = factorTable(['Home gardening', 'Cooking from scratch'], [[0.7, -0.3], [-0.2, 0.5]]);
    expect(draftNames([size(0), size(1)], [[], []], table).map((o) => o.name)).toEqual(['Home Gardening Seekers', 'Cooking Seekers']);
  });

  it('uses the distinctive items when there are no factors', () => {
    const items = [[item('I always compare prices before I buy', 0.9), item('I wait for a sale', 0.7)], [item('I love trying the latest gadgets', 0.8)]];
    expect(draftNames([size(0), size(1)], items, null).map((o) => o.name)).toEqual(['Bargain Hunters', 'Tech Enthusiasts']);
  });
});
