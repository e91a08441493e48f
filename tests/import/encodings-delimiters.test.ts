import { describe, expect, it } from 'vitest';
import { readSurveyBytes } from '../../core/data/read-survey';
import { loadDataset } from '../../core/node/data/load-dataset';
import { answers, column, content, fixture, fixtureBytes } from './import-helpers';

// The same 4-respondent survey written in every encoding and with every delimiter
// (tests/fixtures/import/make-fixtures.mjs).
const cases = [
  { file: 'utf8.csv', encoding: 'utf-8', delimiter: ',', format: 'csv' },
  { file: 'utf8-bom.csv', encoding: 'utf-8-bom', delimiter: ',', format: 'csv' },
  { file: 'utf8-crlf.csv', encoding: 'utf-8', delimiter: ',', format: 'csv' },
  { file: 'utf16le.csv', encoding: 'utf-16le', delimiter: ',', format: 'csv' },
  { file: 'utf16le-nobom.csv', encoding: 'utf-16le', delimiter: '\t', format: 'tsv' },
  { file: 'utf16be.csv', encoding: 'utf-16be', delimiter: ',', format: 'csv' },
  { file: 'semicolon.csv', encoding: 'utf-8', delimiter: ';', format: 'csv' },
  { file: 'tab.tsv', encoding: 'utf-8', delimiter: '\t', format: 'tsv' },
  { file: 'tab-as.txt', encoding: 'utf-8', delimiter: '\t', format: 'tsv' },
] as const;

describe('CSV/TSV in every encoding and delimiter', () => {
  for (const c of cases) {
    it(`reads ${c.file} as ${c.encoding}, delimiter ${JSON.stringify(c.delimiter)}, with the same values`, async () => {
      const dataset = await loadDataset(fixture(c.file));
      expect(dataset.source).toMatchObject({ encoding: c.encoding, delimiter: c.delimiter, format: c.format });
      expect(dataset.rows).toBe(4);
      expect(dataset.columns.map((x) => x.name)).toEqual(['resp_id', 'city', 'q1', 'q2', 'spend', 'comment']);
      expect(answers(column(dataset, 'city'))).toEqual(['Zürich', 'Köln', 'Málaga', 'Zürich']);
      expect(answers(column(dataset, 'comment'))).toEqual(['Très bien – 5 €', 'naïve café', 'ok', 'über gut']);
      expect(answers(column(dataset, 'spend'))).toEqual([12.5, 30, 7.25, 0]);
      expect(column(dataset, 'q1').measurement).toBe('ordinal');
      expect(dataset.id).toBe('resp_id');
      // The browser path (bytes in memory) gives the identical dataset.
      expect(content(await readSurveyBytes(fixtureBytes(c.file), c.file, {}))).toEqual(content(dataset));
    });
  }

  it('reads Windows-1252 (é, €, ü, curly apostrophe) with an encoding notice', async () => {
    const dataset = await loadDataset(fixture('windows1252.csv'));
    expect(dataset.source.encoding).toBe('windows-1252');
    expect(answers(column(dataset, 'city'))).toEqual(['Zürich', 'Köln', 'Málaga']);
    expect(answers(column(dataset, 'price'))).toEqual(['5 €', '7 €', '9 €']);
    expect(answers(column(dataset, 'note'))).toEqual(['café', 'l’été', 'Über–all']);
    expect(dataset.notices.find((n) => n.code === 'encoding-guessed')?.message).toMatch(/not valid UTF-8.*Windows-1252/);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted fields', async () => {
    const dataset = await loadDataset(fixture('quoted.csv'));
    expect(dataset.rows).toBe(4);
    expect(answers(column(dataset, 'answer'))).toEqual(['Cheap, fast, good', 'She said "fine"', 'line one\nline two\r\nline three', 'plain']);
    expect(answers(column(dataset, 'score'))).toEqual([3, 4, 5, 2]);
  });

  it('renames duplicate headers x, x_2… and names empty ones column_J, with notices', async () => {
    const dataset = await loadDataset(fixture('headers.csv'));
    expect(dataset.columns.map((c) => c.name)).toEqual(['x', 'column_2', 'x_3', 'y', 'column_5', 'x_2']);
    expect(dataset.notices.map((n) => n.code)).toEqual(expect.arrayContaining(['duplicate-header', 'empty-header']));
    expect(answers(column(dataset, 'x_3'))).toEqual([3, 9]);
  });

  it('ignores trailing blank lines and delimiter-only rows at the end', async () => {
    const dataset = await loadDataset(fixture('trailing-blank.csv'));
    expect(dataset.rows).toBe(2);
    expect(answers(column(dataset, 'b'))).toEqual([2, 4]);
  });
});

describe('Likert answers written as text', () => {
  it('maps each scale to ordered codes, with the labels as written and the full scale kept', async () => {
    const dataset = await loadDataset(fixture('likert.csv'));
    const a1 = column(dataset, 'a1');
    expect(a1.measurement).toBe('ordinal');
    expect(a1.valueLabels.map((v) => `${v.code}=${v.label}`)).toEqual([
      '1=Strongly disagree',
      '2=Disagree',
      '3=Neither agree nor disagree',
      '4=Agree',
      '5=Strongly agree',
    ]);
    expect(Array.from(a1.values!.slice(0, 5))).toEqual([1, 2, 3, 4, 5]);
    // Only Agree/Disagree used, but coded on the file's 5-point scale: Disagree=2, Agree=4.
    const sparse = column(dataset, 'a3_sparse');
    expect(sparse.valueLabels.length).toBe(5);
    expect(Array.from(sparse.values!.slice(0, 2))).toEqual([4, 2]);
    // Messy spellings are matched; the labels keep the file's spelling.
    const messy = column(dataset, 'a4_messy');
    expect(Array.from(messy.values!.slice(0, 4))).toEqual([5, 3, 2, 4]);
    expect(messy.valueLabels[4]!.label).toBe('strongly AGREE');
    expect(column(dataset, 's7').valueLabels.map((v) => v.label)[2]).toBe('Somewhat disagree');
    expect(column(dataset, 'freq').valueLabels.map((v) => v.label)).toEqual(['Never', 'Rarely', 'Sometimes', 'Often', 'Always']);
    expect(column(dataset, 'sat').valueLabels[0]!.label).toBe('Very dissatisfied');
    expect(column(dataset, 'region')).toMatchObject({ measurement: 'nominal', valueLabels: [{ code: 1, label: 'East' }, { code: 2, label: 'North' }, { code: 3, label: 'South' }, { code: 4, label: 'West' }] });
    expect(column(dataset, 'rating').measurement).toBe('ordinal');
    const mapped = dataset.notices.filter((n) => n.code === 'likert-text-mapped');
    expect(mapped[0]!.subjects).toEqual(['a1', 'a2', 'a3_sparse', 'a4_messy']);
  });
});

describe('roles', () => {
  it('detects the weight and a respondent id that has a duplicate', async () => {
    const dataset = await loadDataset(fixture('quality.csv'));
    expect(dataset.weight).toBe('weight');
    expect(dataset.id).toBe('respondent_id');
  });
});
