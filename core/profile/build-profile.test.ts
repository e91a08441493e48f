import { describe, expect, it } from 'vitest';
import { EMPTY_MISSING, type Column, type Dataset } from '../data/dataset';
import { createRng } from '../random/rng';
import { buildSegmentProfile, crosstabCategorical, keyPhrase } from './index';

function column(name: string, values: number[], measurement: Column['measurement'], labels: [number, string][] = []): Column {
  return { name, label: name, measurement, valueLabels: labels.map(([code, label]) => ({ code, label })), missing: EMPTY_MISSING, values: Float64Array.from(values), text: null, reversed: false };
}

function simulate(weightScale = 1): { dataset: Dataset; segments: Int32Array } {
  const rng = createRng(7);
  const n = 600;
  const segments = new Int32Array(n);
  const price: number[] = [];
  const quality: number[] = [];
  const age: number[] = [];
  const spend: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = i % 3;
    segments[i] = s;
    price.push(Math.min(5, Math.max(1, Math.round(3 + (s === 0 ? 1.2 : 0) + rng.normal()))));
    quality.push(Math.min(5, Math.max(1, Math.round(3 - (s === 0 ? 1 : 0) + (s === 2 ? 1 : 0) + rng.normal()))));
    age.push(s === 1 ? (rng.uniform() < 0.7 ? 1 : 2) : rng.uniform() < 0.3 ? 1 : 2);
    spend.push((s === 2 ? 200 : 100) + 10 * rng.normal());
    w.push(weightScale * (i % 2 === 0 ? 1 : 1));
  }
  const dataset: Dataset = {
    source: { file: 'sim.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null },
    rows: n,
    weight: 'w',
    id: null,
    notices: [],
    columns: [
      column('price', price, 'ordinal'),
      column('quality', quality, 'ordinal'),
      column('age', age, 'nominal', [[1, '18–34'], [2, '35+']]),
      column('spend', spend, 'continuous'),
      column('w', w, 'continuous'),
    ],
  };
  return { dataset, segments };
}

function build(weightScale = 1) {
  const { dataset, segments } = simulate(weightScale);
  const values = (name: string) => dataset.columns.find((c) => c.name === name)!.values!;
  return buildSegmentProfile({
    dataset,
    segments,
    k: 3,
    attitudes: [
      { name: 'price', label: 'I always compare prices', values: values('price') },
      { name: 'quality', label: 'Quality matters most', values: values('quality') },
    ],
    profileVariables: ['age', 'spend'],
    valueVariable: 'spend',
  });
}

describe('buildSegmentProfile', () => {
  const profile = build();

  it('counts sizes and shares', () => {
    expect(profile.sizes.map((s) => s.count)).toEqual([200, 200, 200]);
    expect(profile.sizes.map((s) => s.share)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(profile.n).toBe(600);
  });

  it('indexes means to the total and letters the significant differences', () => {
    const j = 0;
    const total = profile.attitudes.totalMean[j]!;
    expect(profile.attitudes.index[0]![j]).toBeCloseTo((100 * profile.attitudes.means[0]![j]!) / total, 10);
    expect(profile.attitudes.variables[0]!.indexKind).toBe('ratio');
    expect(profile.attitudes.letters[0]![j]).toBe('BC');
    expect(profile.attitudes.letters[2]![1]).toBe('AB');
  });

  it('finds the distinctive attitudes, standouts and drafts personas from them', () => {
    expect(profile.distinctive[0]![0]!.name).toBe('price');
    expect(profile.distinctive[0]!.at(-1)!.direction).toBe('low');
    expect(profile.standouts[1]!.some((s) => s.variable === 'age' && s.category === '18–34' && s.index > 150)).toBe(true);
    expect(profile.standouts[2]!.some((s) => s.variable === 'spend' && s.kind === 'mean')).toBe(true);
    expect(profile.personas[0]!.name).toBe('Bargain Hunters');
    expect(profile.personas[0]!.draft).toBe(true);
    expect(profile.personas[1]!.description).toMatch(/age 18–34/);
    expect(new Set(profile.personas.map((p) => p.name)).size).toBe(3);
  });

  it('ranks the high-value segment first in the prioritisation', () => {
    const top = profile.priority.rows.find((r) => r.rank === 1)!;
    expect(top.segment).toBe(2);
    expect(top.valueShare).toBeCloseTo(0.5, 2);
  });

  it('is unchanged when every weight is multiplied by a constant', () => {
    const scaled = build(3.5);
    expect(scaled.crosstabs[0]!.rows[0]!.letters).toEqual(profile.crosstabs[0]!.rows[0]!.letters);
    expect(scaled.crosstabs[0]!.test.statistic).toBeCloseTo(profile.crosstabs[0]!.test.statistic, 8);
    expect(scaled.sizes[0]!.weightedSize).toBeCloseTo(3.5 * 200, 8);
  });

  it('column-proportion z-test matches a hand computation', () => {
    // Segment A: 60/100 yes, B: 40/100 yes. Pooled p = 0.5, z = 0.2/√(0.25·0.02) = 2.828, p = 0.00468 < 0.05.
    const values = [...Array(60).fill(1), ...Array(40).fill(2), ...Array(40).fill(1), ...Array(60).fill(2)];
    const seg = Int32Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 1));
    const { table } = crosstabCategorical(column('yes', values, 'nominal', [[1, 'Yes'], [2, 'No']]), 200, seg, null, 2);
    expect(table.rows[0]!.letters).toEqual(['B', '']);
    expect(table.rows[1]!.letters).toEqual(['', 'A']);
    expect(table.test.statistic).toBeCloseTo(8, 10); // Pearson X² = N z² = 200 · 0.04 = 8
    expect(table.test.p).toBeCloseTo(0.004677735, 6);
  });

  it('keyPhrase shortens labels', () => {
    expect(keyPhrase("I'm happy to pay more for organic food.")).toBe('Happy');
    expect(keyPhrase('I always compare prices before I buy')).toBe('Prices');
    expect(keyPhrase('Quality matters more to me than price')).toBe('Quality');
  });
});
