import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findColumn, numericValues } from '../../core/data/dataset';
import { readSav } from '../../core/data/sav/read-sav';
import { generateSample, sampleSurveyCsv, sampleSurveySav } from '../../resources/sample/generate-sample';
import { ITEMS, LIKERT_LABELS, SAMPLE_SIZE, SEGMENTS } from '../../resources/sample/sample-design';

const FOLDER = join(__dirname, '../../resources/sample');
const committedCsv = readFileSync(join(FOLDER, 'survey.csv'), 'utf8');
const committedSav = new Uint8Array(readFileSync(join(FOLDER, 'survey.sav')));
const { dataset, truth } = generateSample();
const sav = readSav(committedSav, 'survey.sav');

/** Straightforward CSV parse (the sample has no quoted fields) with the Likert text mapped to 1..5. */
function parseSampleCsv(text: string): { header: string[]; rows: number[][] } {
  const [head, ...body] = text.trimEnd().split('\n');
  const header = head!.split(',');
  const likert = new Map<string, number>(LIKERT_LABELS.map((label, k) => [label, k + 1]));
  const rows = body.map((line) => line.split(',').map((cell) => (cell === '' ? NaN : likert.get(cell) ?? Number(cell))));
  return { header, rows };
}

describe('bundled sample survey (resources/sample)', () => {
  it('committed files equal a fresh generation with the default seed', () => {
    expect(committedCsv).toBe(sampleSurveyCsv(dataset));
    expect(Buffer.from(committedSav).equals(Buffer.from(sampleSurveySav(dataset)))).toBe(true);
    expect(readFileSync(join(FOLDER, 'truth.json'), 'utf8')).toBe(`${JSON.stringify(truth)}\n`);
  });

  it('survey.csv and survey.sav hold the same values (Likert text = codes 1..5)', () => {
    const csv = parseSampleCsv(committedCsv);
    expect(csv.header).toEqual(sav.columns.map((c) => c.name));
    expect(csv.rows.length).toBe(sav.rows);
    sav.columns.forEach((c, j) => {
      const fromCsv = csv.rows.map((r) => r[j]!);
      expect(fromCsv.every((v) => Number.isNaN(v) || Number.isFinite(v))).toBe(true);
      expect(fromCsv, c.name).toEqual(Array.from(c.values!));
    });
  });

  it('survey.sav carries the codebook: statements, answer labels, missing code, weight', () => {
    expect(sav.rows).toBe(SAMPLE_SIZE);
    expect(sav.weight).toBe('weight');
    const q01 = findColumn(sav, 'q01')!;
    expect(q01.label).toBe('I always compare prices before I buy');
    expect(q01.measurement).toBe('ordinal');
    expect(q01.valueLabels).toEqual(LIKERT_LABELS.map((label, k) => ({ code: k + 1, label })));
    for (const item of ITEMS) expect(findColumn(sav, item.name)!.label).toBe(item.statement);
    const income = findColumn(sav, 'income')!;
    expect(income.missing.codes).toEqual([9]);
    expect(income.valueLabels.at(-1)).toEqual({ code: 9, label: 'Prefer not to say' });
    expect(findColumn(sav, 'purchase_freq')!.valueLabels.map((l) => l.label)).toEqual(['Never', 'Less than monthly', 'Monthly', 'Several times a month', 'Weekly']);
  });

  it('has the documented structure: segment shares, planted problems, weight mean 1', () => {
    const n = SAMPLE_SIZE;
    for (const s of SEGMENTS) {
      const share = truth.respondents.segment.filter((x) => x === s.code).length / n;
      expect(Math.abs(share - s.share)).toBeLessThan(0.03);
    }
    const items = ITEMS.map((it) => numericValues(findColumn(dataset, it.name)!, n));
    for (const row of truth.straightLiners) {
      const answers = items.map((v) => v[row - 1]!).filter((x) => !Number.isNaN(x));
      expect(new Set(answers).size).toBe(1);
    }
    const duration = findColumn(dataset, 'duration')!.values!;
    const median = Array.from(duration).sort((a, b) => a - b)[Math.floor(n / 2)]!;
    for (const row of truth.speeders) expect(duration[row - 1]!).toBeLessThan(0.35 * median);
    const ids = Array.from(findColumn(dataset, 'resp_id')!.values!);
    expect(ids.length - new Set(ids).size).toBe(2);
    for (const d of truth.duplicates) expect(ids[d.row - 1]).toBe(ids[d.sameIdAsRow - 1]);
    const weights = findColumn(dataset, 'weight')!.values!;
    expect(Math.abs(weights.reduce((a, b) => a + b, 0) / n - 1)).toBeLessThan(1e-3);
    let missing = 0;
    for (const v of items) for (const x of v) if (Number.isNaN(x)) missing++;
    expect(missing / (24 * n)).toBeGreaterThan(0.01);
    expect(missing / (24 * n)).toBeLessThan(0.03);
  });

  it('PSPP opens survey.sav with the same first respondent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sample-'));
    execFileSync('pspp-convert', [join(FOLDER, 'survey.sav'), join(dir, 'survey.csv')], { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const lines = readFileSync(join(dir, 'survey.csv'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(SAMPLE_SIZE + 1);
    expect(lines[0]).toBe(committedCsv.split('\n')[0]);
    const first = parseSampleCsv(committedCsv).rows[0]!;
    expect(lines[1]!.split(',').map((c) => (c.trim() === '' ? NaN : Number(c)))).toEqual(first);
  });
});
