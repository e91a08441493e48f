import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from './column-builder';
import { WEIGHT_HINTS, WEIGHT_NAME } from '../roles';
import { hasNameHint, ID_HINTS, ID_NAME, inferColumns, looksLikeIdName, naturalCompare, NOMINAL_HINTS, NOMINAL_NAME } from './infer-columns';

function infer(name: string, cells: string[]) {
  const builder = new ColumnBuilder(false);
  for (const c of cells) builder.push(c);
  return inferColumns([name], [builder.finish()]).columns[0]!;
}

describe('inferColumns(names, raws): measurement rules', () => {
  it('id: id-like name, ≥ 90 % distinct', () => {
    expect(infer('resp_id', ['1', '2', '3', '4']).measurement).toBe('id');
    expect(infer('RespondentID', ['a1', 'a2', 'a3']).measurement).toBe('id');
    expect(infer('score', ['1', '2', '3', '4']).measurement).toBe('ordinal');
  });
  it('ordinal: 3–11 integer codes spanning ≤ 10; nominal: ≤ 2 codes; else continuous', () => {
    expect(infer('q', ['0', '5', '10', '7']).measurement).toBe('ordinal');
    expect(infer('q', ['1', '2', '1']).measurement).toBe('nominal');
    expect(infer('q', ['1', '2.5', '3']).measurement).toBe('continuous');
    expect(infer('q', ['1', '20', '3']).measurement).toBe('continuous');
    expect(infer('gender', ['1', '2', '3', '1']).measurement).toBe('nominal');
    expect(infer('home_region', ['1', '2', '3', '4']).measurement).toBe('nominal');
  });
  it('a category name makes integer codes nominal up to 30 codes, not beyond', () => {
    const codes = (k: number): string[] => Array.from({ length: 2 * k }, (_, i) => String((i % k) + 1));
    expect(infer('region', codes(30)).measurement).toBe('nominal');
    expect(infer('region', codes(31)).measurement).toBe('continuous');
    expect(infer('region', codes(50)).measurement).toBe('continuous');
  });
  it('nominal text in natural order; long or many distinct answers stay text', () => {
    const age = infer('age_group', ['65+', '18-24', '25-34', '18-24', '65+', '25-34']);
    expect(age.measurement).toBe('nominal');
    expect(age.valueLabels.map((v) => v.label)).toEqual(['18-24', '25-34', '65+']);
    expect(infer('comment', ['good', 'bad', 'fine', 'ok']).measurement).toBe('text');
    expect(infer('comment', ['x'.repeat(101), 'y', 'x'.repeat(101), 'y']).measurement).toBe('text');
  });
  it('Likert text becomes ordinal codes on the full scale', () => {
    const q = infer('q1', ['Agree', 'agree', 'Strongly disagree', '', 'Neutral']);
    expect(q.measurement).toBe('ordinal');
    expect(Array.from(q.values!)).toEqual([4, 4, 1, NaN, 3]);
    expect(q.valueLabels.length).toBe(5);
  });
});

describe('answers exported as "code = label"', () => {
  it('reads the codes as values and keeps the labels, end points labelled or all', () => {
    const q = infer('q7', ['1 = Strongly disagree', '2', '3', '4', '5 = Strongly agree', '', '3', '1 = Strongly disagree']);
    expect(q.measurement).toBe('ordinal');
    expect(Array.from(q.values!)).toEqual([1, 2, 3, 4, 5, NaN, 3, 1]);
    expect(q.valueLabels).toEqual([{ code: 1, label: 'Strongly disagree' }, { code: 5, label: 'Strongly agree' }]);
    const all = infer('q8', ['0: Never', '1: Sometimes', '2: Often', '3) Always', '2: Often']);
    expect(Array.from(all.values!)).toEqual([0, 1, 2, 3, 2]);
    expect(all.valueLabels.map((v) => v.label)).toEqual(['Never', 'Sometimes', 'Often', 'Always']);
  });
  it('leaves ranges, unlabelled text and conflicting labels alone', () => {
    const ages = infer('age_group', ['18-24', '25-34', '35-44', '18-24', '25-34', '35-44']);
    expect(ages.measurement).toBe('nominal');
    expect(ages.valueLabels.map((v) => v.label)).toEqual(['18-24', '25-34', '35-44']);
    const conflicting = infer('q', ['1 = Agree', '1 = Disagree', '2', '2', '1 = Agree', '2']);
    expect(conflicting.valueLabels.map((v) => v.label)).toEqual(['1 = Agree', '1 = Disagree', '2']);
  });
});

describe('helpers', () => {
  it('looksLikeIdName', () => {
    for (const yes of ['id', 'ID', 'resp_id', 'respid', 'respondent', 'Respondent ID', 'case_no', 'uuid', 'panelist_id']) expect(looksLikeIdName(yes), yes).toBe(true);
    for (const no of ['idea', 'video', 'paid', 'valid', 'q1']) expect(looksLikeIdName(no), no).toBe(false);
  });
  it('naturalCompare orders numbers inside labels numerically', () => {
    expect(['Item 10', 'item 2', 'Item 1'].sort(naturalCompare)).toEqual(['Item 1', 'item 2', 'Item 10']);
  });
});

describe('name hints (tested before the name patterns, which are slow to compile)', () => {
  it('every name a pattern matches has one of its hints', () => {
    let state = 11;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const flipCase = (text: string) => Array.from(text, (ch) => (next() < 0.5 ? ch.toUpperCase() : ch)).join('');
    const patterns: [RegExp, readonly string[]][] = [
      [ID_NAME, ID_HINTS],
      [NOMINAL_NAME, NOMINAL_HINTS],
      [WEIGHT_NAME, WEIGHT_HINTS],
    ];
    // The words inside the patterns, in every combination the patterns allow and more.
    const words = [...new Set(patterns.flatMap(([re]) => re.source.match(/[a-z]+/g) ?? []))];
    const glue = ['', '', '_', '.', ' ', '-', '\t', 'x', '1', 'é'];
    let matched = 0;
    for (let k = 0; k < 20_000; k++) {
      const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => (next() < 0.8 ? pick(words) : pick(['a1', 'q', 'İd', 'K', 'ſ'])));
      const name = flipCase(parts.map((w) => w + pick(glue)).join(''));
      for (const [re, hints] of patterns) {
        if (!re.test(name.trim())) continue;
        matched++;
        expect(hasNameHint(name, hints), name).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(1000);
    expect([looksLikeIdName('Resp_NR'), looksLikeIdName('A1'), looksLikeIdName('idea')]).toEqual([true, false, false]);
  });
});
