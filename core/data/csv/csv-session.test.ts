import { describe, expect, it } from 'vitest';
import { drainSteps } from '../../jobs/run-steps';
import { findColumn, type Dataset } from '../dataset';
import { createCsvSession } from './csv-session';
import { readCsvSteps } from './read-csv';

/** Feeds the bytes in pieces of `size` (1 = byte by byte) through one session. */
function readInPieces(bytes: Uint8Array, size: number, file = 'test.csv'): Dataset {
  const session = createCsvSession(file);
  for (let offset = 0; offset < bytes.length; offset += size) session.push(bytes.subarray(offset, offset + size));
  return session.finish();
}

const comparable = (d: Dataset) => ({
  rows: d.rows,
  columns: d.columns.map((c) => ({ name: c.name, measurement: c.measurement, labels: c.valueLabels, values: c.values && Array.from(c.values), text: c.text })),
});

describe('createCsvSession(file) fed in pieces', () => {
  const text =
    'id,quote,answer,amount\r\n' +
    '1,"a, b ""c""\r\nsecond line",Strongly agree,1.5\r\n' +
    '2,"€ and é",Disagree,2\r\n' +
    '3,plain,Neither agree nor disagree,\r\n' +
    '4,"ünïcödé, ok",Agree,4.25\r\n';
  const bytes = new TextEncoder().encode(text);

  it('gives the same dataset whatever the piece size (quotes, CRLF and UTF-8 split across pieces)', () => {
    const whole = comparable(readInPieces(bytes, bytes.length));
    for (const size of [1, 2, 3, 7, 64]) expect(comparable(readInPieces(bytes, size))).toEqual(whole);
    expect(whole.rows).toBe(4);
    expect(whole.columns[1]!.text).toEqual(['a, b "c"\r\nsecond line', '€ and é', 'plain', 'ünïcödé, ok']);
    expect(whole.columns[2]!.values).toEqual([5, 2, 3, 4]);
    expect(whole.columns[3]!.values).toEqual([1.5, 2, null, 4.25].map((v) => v ?? NaN));
  });

  it('reads a file that mixes CRLF and LF line ends, quoted answers included, in any piece size', () => {
    const mixed = 'id,q1,q2,note\r\n1,1,2,plain\r\n2,2,3,"quoted"\n3,3,4,"two\r\nlines"\r\n4,4,5,x\n5,5,1,"last"\r\n';
    const bytes = new TextEncoder().encode(mixed);
    const whole = comparable(readInPieces(bytes, bytes.length));
    for (const size of [1, 2, 5, 64]) expect(comparable(readInPieces(bytes, size))).toEqual(whole);
    expect(whole.rows).toBe(5);
    expect(whole.columns[1]!.values).toEqual([1, 2, 3, 4, 5]);
    expect(whole.columns[2]!.values).toEqual([2, 3, 4, 5, 1]);
    expect(whole.columns[3]!.text).toEqual(['plain', 'quoted', 'two\r\nlines', 'x', 'last']);
    // LF first, CRLF later: the same answers.
    const lfFirst = comparable(readInPieces(new TextEncoder().encode(mixed.replace('\r\n', '\n')), 7));
    expect(lfFirst.columns[2]!.values).toEqual([2, 3, 4, 5, 1]);
    // A ragged row in a mixed file is located on its physical line (the quoted answer spans two).
    const ragged = new TextEncoder().encode('id,q1,q2\r\n1,"a\r\nb",2\n2,3\r\n');
    expect(() => readInPieces(ragged, 3)).toThrow(/Data row 2 \(line 4\)/);
  });

  it('restarts in Windows-1252 when a byte far after the sniffed start is not UTF-8', () => {
    const head = 'id,name\n' + Array.from({ length: 9000 }, (_, i) => `${i + 1},plain text`).join('\n') + '\n';
    const tail = new Uint8Array([0x39, 0x30, 0x30, 0x31, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0a]); // 9001,café in cp1252
    const all = new Uint8Array([...new TextEncoder().encode(head), ...tail]);
    expect(all.length).toBeGreaterThan(64 * 1024);
    const dataset = drainSteps(readCsvSteps(all, 'late.csv'));
    expect(dataset.source.encoding).toBe('windows-1252');
    const name = findColumn(dataset, 'name')!;
    expect(name.valueLabels.find((v) => v.code === name.values!.at(-1))?.label).toBe('café');
    expect(dataset.notices.map((n) => n.code)).toContain('encoding-guessed');
  });

  it('keeps UTF-8 (bad bytes shown as U+FFFD, strong warning) when the start already held UTF-8 text', () => {
    const head = 'id,name\n1,café\n' + Array.from({ length: 9000 }, (_, i) => `${i + 2},plain text`).join('\n') + '\n';
    const tail = new Uint8Array([0x39, 0x30, 0x30, 0x32, 0x2c, 0x62, 0x61, 0xff, 0x0a]); // 9002,ba<FF>
    const dataset = drainSteps(readCsvSteps(new Uint8Array([...new TextEncoder().encode(head), ...tail]), 'damaged.csv'));
    expect(dataset.source.encoding).toBe('utf-8');
    const name = findColumn(dataset, 'name')!;
    const labelOf = (i: number) => name.valueLabels.find((v) => v.code === name.values![i])?.label;
    expect(labelOf(0)).toBe('café');
    expect(labelOf(dataset.rows - 1)).toBe('ba\uFFFD');
    expect(dataset.notices.find((n) => n.code === 'encoding-guessed')?.severity).toBe('strong-warning');
  });

  it('reads decimal commas in semicolon files as numbers', () => {
    const dataset = readInPieces(new TextEncoder().encode('a;b\n1,5;x\n2,25;y\n-3;z\n'), 5);
    expect(dataset.source.delimiter).toBe(';');
    expect(Array.from(findColumn(dataset, 'a')!.values!)).toEqual([1.5, 2.25, -3]);
  });

  it('treats NA, N/A, #N/A, NULL, "." and empty cells as missing, and 0x1F as text', () => {
    const dataset = readInPieces(new TextEncoder().encode('a,b\n1,0x1F\nNA,2\n#N/A,3\n.,4\nNULL,5\n,6\n'), 4);
    const a = findColumn(dataset, 'a')!;
    expect(a.values!.filter(Number.isNaN).length).toBe(5);
    expect(findColumn(dataset, 'b')!.values).toBeNull();
  });
});

describe('readSurveyBytes cancellation', () => {
  it('throws CancellationError for a pre-aborted signal before reading', async () => {
    const { readSurveyBytes } = await import('../read-survey');
    const { CancellationError } = await import('../../errors');
    const controller = new AbortController();
    controller.abort();
    const progress: number[] = [];
    await expect(readSurveyBytes(new TextEncoder().encode('a,b\n1,2\n'), 'x.csv', { signal: controller.signal, onProgress: (p) => progress.push(p.current) })).rejects.toBeInstanceOf(CancellationError);
    expect(progress).toEqual([]);
  });
});

describe('readSurveyBytes progress', () => {
  it('reports read progress that never decreases and ends at the byte total', async () => {
    const { readSurveyBytes } = await import('../read-survey');
    const text = 'id,q\n' + Array.from({ length: 120_000 }, (_, i) => `${i + 1},${(i % 5) + 1}`).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const seen: number[] = [];
    const dataset = await readSurveyBytes(bytes, 'big.csv', { onProgress: (p) => seen.push(p.current) });
    expect(dataset.rows).toBe(120_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
    expect(seen.at(-1)).toBe(bytes.length);
  });
});
