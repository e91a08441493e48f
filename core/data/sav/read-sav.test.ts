import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors';
import { createRng } from '../../random/rng';
import { findColumn, isMissingValue, numericValues, type Dataset } from '../dataset';
import { readSav } from './read-sav';

// Fixtures written by PSPP 1.6.2 from tests/fixtures/sav/labelled.sps (the expected values
// below are read off that syntax by hand).
const FIXTURES = join(__dirname, '../../../tests/fixtures/sav');
const FILES = ['labelled-uncompressed.sav', 'labelled-compressed.sav', 'labelled.zsav'] as const;
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const col = (d: Dataset, name: string) => {
  const c = findColumn(d, name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return c;
};
/** SPSS dates are seconds since 14 Oct 1582. */
const spssDate = (y: number, m: number, d: number): number => (Date.UTC(y, m - 1, d) - Date.UTC(1582, 9, 14)) / 1000;

const COMMENTS = [
  `${'x'.repeat(254)}€ tail ü`, // € straddles the 255-byte segment join
  `${'y'.repeat(253)}日本語 and é`, // 日 straddles the segment join
  'fourth é x', // é straddles an 8-byte chunk
  `${'z'.repeat(290)}en–ü€`, // fills all 300 bytes
  '',
  '  leading spaces kept',
];

describe.each(FILES)('readSav(%s) written by PSPP', (file) => {
  const d = readSav(load(file), file);

  it('reads the header: rows, format, encoding, weight, column order', () => {
    expect(d.rows).toBe(6);
    expect(d.source.format).toBe(file.endsWith('.zsav') ? 'zsav' : 'sav');
    expect(d.source.encoding).toBe('utf-8');
    expect(d.weight).toBe('wt');
    expect(d.columns.map((c) => c.name)).toEqual(['id', 'satisfaction_overall', 'q2', 'income', 'score', 'status', 'color', 'born', 'region', 'wt', 'comment']);
    expect(d.notices).toEqual([]);
  });

  it('reads numeric values with SYSMIS as NaN and user-missing codes kept', () => {
    expect(Array.from(col(d, 'id').values!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(col(d, 'satisfaction_overall').values!)).toEqual([4, 9, NaN, 5, 1, 2]);
    expect(Array.from(col(d, 'q2').values!)).toEqual([1, 98, 99, 3, NaN, 5]);
    expect(Array.from(col(d, 'income').values!)).toEqual([2500.5, 0, -10.25, NaN, 100000, 12.75]);
    expect(Array.from(col(d, 'score').values!)).toEqual([10, -5, -999, -1000, 0, 7]);
    expect(Array.from(col(d, 'wt').values!)).toEqual([1, 0.5, 2.25, 1.25, 0.75, 1]);
    expect(Array.from(col(d, 'region').values!)).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('reads every missing-value form and applies it through numericValues', () => {
    expect(col(d, 'satisfaction_overall').missing).toEqual({ codes: [9], range: null, strings: [] });
    expect(col(d, 'q2').missing).toEqual({ codes: [98, 99], range: null, strings: [] });
    const income = col(d, 'income').missing;
    expect(income.codes).toEqual([]);
    expect(income.range!.high).toBe(0);
    expect(income.range!.low).toBeLessThan(-1e307); // LO
    expect(col(d, 'score').missing).toEqual({ codes: [-999], range: { low: -99, high: -1 }, strings: [] });
    expect(col(d, 'status').missing.strings).toEqual(['NA']);
    expect(col(d, 'color').missing.strings).toEqual(['none']);
    expect(Array.from(numericValues(col(d, 'satisfaction_overall'), 6))).toEqual([4, NaN, NaN, 5, 1, 2]);
    expect(Array.from(numericValues(col(d, 'income'), 6))).toEqual([2500.5, NaN, NaN, NaN, 100000, 12.75]);
    expect(Array.from(numericValues(col(d, 'score'), 6))).toEqual([10, NaN, NaN, -1000, 0, 7]);
    expect([0, 1, 2, 3, 4, 5].map((i) => isMissingValue(col(d, 'status'), i))).toEqual([false, true, false, false, true, true]);
    expect([0, 1, 2, 3, 4, 5].map((i) => isMissingValue(col(d, 'color'), i))).toEqual([false, false, true, false, false, false]);
  });

  it('reads variable labels (UTF-8) and value labels sorted by code', () => {
    expect(col(d, 'satisfaction_overall').label).toBe('Overall satisfaction – Zufriedenheit (ü, €)');
    expect(col(d, 'income').label).toBe('Monthly income in €');
    expect(col(d, 'wt').label).toBe('Survey weight');
    expect(col(d, 'satisfaction_overall').valueLabels).toEqual([
      { code: 1, label: 'Very low' }, { code: 2, label: 'Low' }, { code: 3, label: 'Medium' },
      { code: 4, label: 'High' }, { code: 5, label: 'Very high' }, { code: 9, label: "Don't know" },
    ]);
    expect(col(d, 'q2').valueLabels).toEqual([{ code: 98, label: 'Refused' }, { code: 99, label: 'No answer' }]);
    expect(col(d, 'region').valueLabels).toEqual([{ code: 1, label: 'North' }, { code: 2, label: 'Süd' }, { code: 3, label: 'East €' }]);
    expect(col(d, 'status').textLabels).toEqual([{ value: 'NA', label: 'Not applicable' }, { value: 'ok', label: 'Fine' }]);
    expect(col(d, 'color').textLabels).toEqual([{ value: 'blue', label: 'Blau – ü' }, { value: 'red', label: 'Rot' }]);
  });

  it('reads short, long and very long strings without splitting characters or adding any', () => {
    expect(col(d, 'status').text).toEqual(['ok', 'NA', 'ok', 'xx', '', 'NA']);
    expect(col(d, 'color').text).toEqual(['blue', 'red', 'none', 'green', 'blue', 'Grün']);
    expect(col(d, 'comment').text).toEqual(COMMENTS);
    expect(col(d, 'comment').format).toBe('A300');
  });

  it('reads measurement levels, formats and dates', () => {
    expect(col(d, 'satisfaction_overall').measurement).toBe('ordinal');
    expect(col(d, 'region').measurement).toBe('nominal');
    expect(col(d, 'income').measurement).toBe('continuous');
    expect(col(d, 'status').measurement).toBe('nominal'); // string with labels
    expect(col(d, 'comment').measurement).toBe('text');
    expect(col(d, 'born').format).toBe('DATE11');
    expect(Array.from(col(d, 'born').values!)).toEqual([spssDate(1980, 3, 15), spssDate(2000, 1, 1), NaN, spssDate(1996, 2, 29), spssDate(1969, 12, 31), spssDate(1969, 7, 20)]);
  });
});

describe('readSav on a windows-1252 file written by PSPP', () => {
  it('decodes labels and strings, including € and – from the 0x80-0x9F range', () => {
    const d = readSav(load('cp1252.sav'), 'cp1252.sav');
    expect(d.source.encoding).toBe('windows-1252');
    expect(col(d, 'city').label).toBe('Stadt – Größe');
    expect(col(d, 'city').text).toEqual(['Zürich', 'Köln €']);
    expect(col(d, 'id').valueLabels).toEqual([{ code: 1, label: 'Erste Straße' }, { code: 2, label: 'Zweite – €' }]);
  });
});

describe('readSav on a hand-built big-endian file', () => {
  it('detects the byte order from the layout code and reads numbers and SYSMIS', () => {
    const bytes = new Uint8Array(176 + 32 + 8 + 16);
    const view = new DataView(bytes.buffer);
    const ascii = (at: number, text: string): void => bytes.set(new TextEncoder().encode(text), at);
    ascii(0, '$FL2');
    ascii(4, '@(#) SPSS DATA FILE hand-built big-endian'.padEnd(60));
    [2, 1, 0, 0, 2].forEach((v, k) => view.setInt32(64 + 4 * k, v, false)); // layout, slots, compression, weight, cases
    view.setFloat64(84, 100, false);
    let at = 176;
    [2, 0, 0, 0, 0x050800, 0x050800].forEach((v) => { view.setInt32(at, v, false); at += 4; });
    ascii(at, 'X       ');
    at += 8;
    view.setInt32(at, 999, false);
    at += 8;
    view.setFloat64(at, 1.5, false);
    view.setFloat64(at + 8, -Number.MAX_VALUE, false);
    const d = readSav(bytes, 'be.sav');
    expect(d.columns.map((c) => c.name)).toEqual(['X']);
    expect(Array.from(d.columns[0]!.values!)).toEqual([1.5, NaN]);
    expect(d.columns[0]!.format).toBe('F8.0');
    expect(d.notices.map((n) => n.code)).toEqual(['encoding-guessed']);
  });
});

describe('readSav agrees with pspp-convert', () => {
  it.each(FILES)('%s: every non-date cell equals the CSV PSPP writes', (file) => {
    const dir = mkdtempSync(join(tmpdir(), 'sav-'));
    const csvPath = join(dir, 'out.csv');
    execFileSync('pspp-convert', [join(FIXTURES, file), csvPath], { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    const lines = readFileSync(csvPath, 'utf8').trim().split('\n').map((l) => l.split(','));
    const d = readSav(load(file), file);
    expect(lines[0]).toEqual(d.columns.map((c) => c.name));
    for (let i = 0; i < d.rows; i++) {
      d.columns.forEach((c, j) => {
        if (c.name === 'born') return;
        const cell = lines[i + 1]![j]!;
        if (c.values !== null) expect(Number.isNaN(c.values[i]!) ? ' ' : String(c.values[i])).toBe(cell);
        else expect(c.text![i]).toBe(cell);
      });
    }
  });
});

describe('readSav refuses broken files', () => {
  it('refuses a fake file with a file-format message naming the file and the way out', () => {
    const fake = new TextEncoder().encode('id,name\n1,Anna\n');
    expect(() => readSav(fake, 'fake.sav')).toThrowError(InputError);
    try {
      readSav(fake, 'fake.sav');
    } catch (e) {
      expect((e as InputError).code).toBe('file-format');
      expect((e as InputError).message).toMatch(/'fake\.sav' is not an SPSS system file.*CSV/);
    }
  });

  it('refuses an empty file with file-empty', () => {
    expect(() => readSav(new Uint8Array(0), 'empty.sav')).toThrowError(/'empty\.sav' is empty/);
  });

  it.each(FILES)('%s cut at byte offsets throughout is refused with an InputError, never a crash', (file) => {
    const bytes = load(file);
    const codes = new Set<string>();
    // Every offset through the dictionary, then every third byte of the data.
    for (let cut = 0; cut < bytes.length; cut += cut < 2000 ? 1 : 3) {
      let error: unknown = null;
      try {
        readSav(bytes.subarray(0, cut), file);
      } catch (e) {
        error = e;
      }
      if (!(error instanceof InputError)) throw new Error(`cut at ${cut}: ${String(error)}`);
      expect(error.message).toContain(file);
      codes.add(error.code);
    }
    expect(codes.has('file-truncated')).toBe(true);
  });

  it('names the respondent where a truncated data part breaks', () => {
    const bytes = load('labelled-uncompressed.sav');
    try {
      readSav(bytes.subarray(0, bytes.length - 100), 'cut.sav');
      throw new Error('not refused');
    } catch (e) {
      expect((e as InputError).code).toBe('file-truncated');
      expect((e as InputError).message).toMatch(/respondent 6/);
      expect((e as InputError).location.row).toBe(6);
    }
  });

  it.each(FILES)('%s with an unknown case count (-1) reads all 6 respondents', (file) => {
    const bytes = load(file).slice();
    new DataView(bytes.buffer).setInt32(80, -1, true);
    const d = readSav(bytes, file);
    expect(d.rows).toBe(6);
    expect(col(d, 'comment').text).toEqual(COMMENTS);
  });

  it('refuses a weight index that points into a string', () => {
    const bytes = load('labelled-compressed.sav').slice();
    new DataView(bytes.buffer).setInt32(76, 7, true); // slot 7 is the string 'color'
    expect(() => readSav(bytes, 'w.sav')).toThrowError(/names variable position 7 as its weight/);
  });

  it('refuses an unknown layout code as not readable', () => {
    const bytes = load('labelled-compressed.sav').slice();
    new DataView(bytes.buffer).setInt32(64, 77, true);
    expect(() => readSav(bytes, 'l.sav')).toThrowError(/unknown layout code/);
  });

  it('refuses an impossible case count without allocating it', () => {
    const bytes = load('labelled-compressed.sav').slice();
    new DataView(bytes.buffer).setInt32(80, 2_000_000_000, true);
    expect(() => readSav(bytes, 'huge.sav')).toThrowError(/announces 2000000000 respondents/);
  });

  it.each(FILES)('%s with random bytes corrupted is read or refused with an InputError', (file) => {
    const rng = createRng(20261123);
    const original = load(file);
    for (let trial = 0; trial < 300; trial++) {
      const bytes = original.slice();
      for (let k = 0; k < 1 + rng.int(4); k++) bytes[rng.int(bytes.length)] = rng.int(256);
      try {
        readSav(bytes, file);
      } catch (e) {
        if (!(e instanceof InputError)) throw new Error(`trial ${trial}: ${String(e)}`);
      }
    }
  });
});
