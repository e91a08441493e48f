// The bundled sample round-trips (issue 2 §4): resources/sample/survey.csv (Likert answers as text,
// demographics as codes) and survey.sav (codes 1..5 with value labels) import to the same
// codebook and values wherever a CSV can carry them, and the quality screen finds the planted
// straight-liners, speeders, heavy-missing respondents and duplicate ids of truth.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../core/data/dataset';
import { detectBattery, detectDurationColumn, screenQuality } from '../../core/data/quality';
import { loadDataset } from '../../core/node/data/load-dataset';

const SAMPLE = join(__dirname, '..', '..', 'resources', 'sample');
const AGREE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];

let csv: Dataset;
let sav: Dataset;
beforeAll(async () => {
  [csv, sav] = await Promise.all([loadDataset(join(SAMPLE, 'survey.csv')), loadDataset(join(SAMPLE, 'survey.sav'))]);
});

const plain = (values: Float64Array | null) => (values === null ? null : Array.from(values, (v) => (Number.isNaN(v) ? null : v)));

describe('bundled sample survey: .csv and .sav', () => {
  it('have the same respondents, columns, weight and id', () => {
    expect(csv.rows).toBe(sav.rows);
    expect(csv.columns.map((c) => c.name)).toEqual(sav.columns.map((c) => c.name));
    expect(csv.weight).toBe(sav.weight);
    expect(csv.id).toBe('resp_id');
    expect(sav.id).toBe('resp_id');
  });

  it('code the 24 Likert items identically: Strongly disagree=1 … Strongly agree=5, same labels, same values', () => {
    const items = csv.columns.filter((c) => /^q\d\d$/.test(c.name));
    expect(items).toHaveLength(24);
    for (const item of items) {
      const twin = sav.columns.find((c) => c.name === item.name)!;
      expect(item.measurement).toBe('ordinal');
      expect(item.valueLabels).toEqual(AGREE.map((label, i) => ({ code: i + 1, label })));
      expect(item.valueLabels).toEqual(twin.valueLabels);
      expect(plain(item.values)).toEqual(plain(twin.values));
    }
  });

  it('hold the same numbers and measurement level in every column', () => {
    // Demographics are written as codes in the CSV, so their value labels and the user-missing
    // code of income live only in the .sav: a CSV of codes cannot carry them.
    for (const column of csv.columns) {
      const twin = sav.columns.find((c) => c.name === column.name)!;
      expect(plain(column.values), column.name).toEqual(plain(twin.values));
      expect(column.measurement, column.name).toBe(twin.measurement);
    }
  });

  it('give the same quality screen, which finds the planted problems', () => {
    const truth = JSON.parse(readFileSync(join(SAMPLE, 'truth.json'), 'utf8')) as Record<string, unknown>;
    const screen = (d: Dataset) => screenQuality(d, { battery: detectBattery(d), durationColumn: detectDurationColumn(d), idColumn: d.id });
    const a = screen(csv);
    const b = screen(sav);
    expect(a.params.battery).toEqual(Array.from({ length: 24 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`));
    expect(b.flagged).toEqual(a.flagged);
    const rowsWith = (reason: string) => a.flagged.filter((f) => f.reasons.includes(reason as never)).map((f) => f.row);
    // truth.json numbers respondents 1-based in file order, as the screen does.
    expect(rowsWith('straight-line')).toEqual(truth['straightLiners']);
    expect(rowsWith('missing')).toEqual(truth['heavyMissing']);
    expect(rowsWith('speeder')).toEqual(expect.arrayContaining(truth['speeders'] as number[]));
    const duplicates = truth['duplicates'] as { row: number; sameIdAsRow: number }[];
    for (const d of duplicates) expect(rowsWith('duplicate-id')).toEqual(expect.arrayContaining([d.row, d.sameIdAsRow]));
  });
});
