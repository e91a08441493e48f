/**
 * The numeric fast path (RecordSink.pushPlainRecords: plain numbers straight from the characters
 * into the columns) must give exactly what papaparse alone gives (`fastPath: false`): the same
 * Dataset value by value (NaN and -0 positions included), the same notices, the same errors with
 * the same messages, whatever the piece boundaries.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oraclePath, REPO_ROOT } from '../../../tests/oracle/oracle-files';
import type { Dataset } from '../dataset';
import { createCsvSession } from './csv-session';

type Outcome = { dataset: unknown } | { error: unknown };

/** Records the fast path took in the last read (so a test can check it was exercised). */
let lastFastRecords = 0;

/** NaN and -0 made visible, so equality checks them too. */
function exact(values: ArrayLike<number>): (number | string)[] {
  return Array.from(values, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v));
}

function comparable(d: Dataset): unknown {
  return { ...d, columns: d.columns.map((c) => ({ ...c, values: c.values === null ? null : exact(c.values) })) };
}

/** Pieces pushed as load-dataset.ts pushes them: copies while sniffing, then one reused buffer. */
function read(bytes: Uint8Array, piece: number, fastPath: boolean, file = 'test.csv', expectedBytes?: number): Outcome {
  try {
    const session = createCsvSession(file, null, { fastPath, ...(expectedBytes === undefined ? {} : { expectedBytes }) });
    const buffer = new Uint8Array(Math.min(piece, bytes.length));
    try {
      for (let offset = 0; offset < bytes.length; offset += piece) {
        const part = bytes.subarray(offset, offset + piece);
        buffer.set(part);
        session.push(session.bytesRead < 64 * 1024 ? part.slice() : buffer.subarray(0, part.length));
        buffer.fill(0x39); // what the next read would leave there
      }
      return { dataset: comparable(session.finish()) };
    } finally {
      lastFastRecords = session.fastRecords;
    }
  } catch (error) {
    const e = error as Error & { code?: unknown; location?: unknown };
    return { error: { name: e.name, code: e.code, message: e.message, location: e.location } };
  }
}

/** Both paths, several piece sizes: every outcome equals the papaparse one. Returns it. */
function expectSame(input: string | Uint8Array, pieces: readonly number[] = [1 << 30, 7, 1000, 65_543]): Outcome {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const reference = read(bytes, 1 << 30, false);
  expect(lastFastRecords).toBe(0);
  let fast = 0;
  for (const piece of pieces) {
    expect(read(bytes, piece, true), `piece ${piece}`).toEqual(reference);
    fast = Math.max(fast, lastFastRecords);
    // Columns sized from the file's size (load-dataset's path), and from a size far too small or too large.
    for (const expected of [bytes.length, Math.floor(bytes.length / 5), bytes.length * 5]) {
      expect(read(bytes, piece, true, 'test.csv', expected), `piece ${piece}, expected ${expected} bytes`).toEqual(reference);
    }
  }
  lastFastRecords = fast;
  return reference;
}

/** A seeded generator (LCG) for the random files below. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('numeric fast path = papaparse path', () => {
  it('numbers of every shape: decimals, signs, -0, leading zeros, exponents, long digit runs', () => {
    const numbers = ['1', '23', '-4', '0', '-0', '007', '3.25', '-0.0', '1.', '.5', '-.5', '0.1', '2.675', '0.3', '-17.125', '123456789012345', '0.000000000000001', '99999999999999.9', '1.000000000000000', '00000000000000000001', '314.159265358979'];
    const odd = ['1e2', '1E-2', '+5', '1234567890123456', '12345678901234567890', '1.7976931348623157e308', '5e-324'];
    // Odd cells (which leave the fast path) only in every third record.
    const rows = numbers.map((c, k) => `${k + 1},${c},${numbers[(k * 7) % numbers.length]},${k % 3 === 0 ? odd[k % odd.length] : '5'}`);
    const outcome = expectSame('id,a,b,c\n' + rows.join('\n') + '\n');
    expect(lastFastRecords).toBeGreaterThan(5);
    const columns = (outcome as { dataset: { columns: { name: string; values: unknown[] }[] } }).dataset.columns;
    expect(columns.find((c) => c.name === 'a')!.values.slice(0, 9)).toEqual([1, 23, -4, 0, '-0', 7, 3.25, '-0', 1]);
    expect(columns.find((c) => c.name === 'c')!.values).not.toBeNull();
  });

  it('missing markers, spaces, text cells, Infinity and hex stay with the cell rules', () => {
    expectSame('a,b,c\n1,2,3\nNA,N/A,#N/A\n.,NULL,NaN\n 4,5 , 6\n7,Infinity,0x1F\n8,x,9\n10,,11\n');
  });

  it('a column that turns to text keeps the text of later numbers (007 stays 007)', () => {
    const head = Array.from({ length: 300 }, (_, i) => `${i % 5},${i}`).join('\n');
    expectSame(`code,n\n${head}\nabc,1\n007,2\n0,3\n-3,4\n12,5\n1.5,6\n,7\n`);
    expect(lastFastRecords).toBeGreaterThan(300);
  });

  it('CRLF, BOM, blank lines, unanswered rows and trailing delimiters', () => {
    expectSame('\uFEFFa,b\r\n1,2\r\n\r\n3,4\r\n,\r\n5,6,\r\n7,8,,\r\n,\r\n\r\n');
    expectSame('a,b\n1,2\n\n\n3,4\n,\n,\n5,6\n,,\n\n');
    expectSame('a\n1\n\n2\n\n');
    expectSame('a,b\n1,2\n3,4');
    expectSame('a,b\n1,2\r\n3,4\n');
  });

  it('measurements from the counts the fast path keeps: records it refuses, cells pushed one by one, other values', () => {
    const measurements = (outcome: Outcome) => (outcome as { dataset: { columns: { measurement: string }[] } }).dataset.columns.map((c) => c.measurement);
    const many = (row: string, k = 1500) => Array.from({ length: k }, (_, i) => row.replaceAll('$', String((i % 2) + 1))).join('\n');
    // Unanswered rows at the end (scanned, then refused and dropped): b has no answers at all.
    const empty = expectSame(`a,b\n${many('$,')}\n,\n,\n`);
    expect(empty).toHaveProperty('dataset.notices', expect.arrayContaining([expect.objectContaining({ code: 'empty-item' })]));
    // Codes 1–2 from the fast path, a 7 (after a blank line) from push: three codes, ordinal.
    expect(measurements(expectSame(`a,b\n${many('$,1')}\n\n7,2\n${many('$,2')}\n`))).toEqual(['ordinal', 'nominal']);
    // A refused record whose first cell was counted (then the whole record went through push).
    expect(measurements(expectSame(`a,b\n${many('$,1')}\n3,x\n${many('$,1')}\n`))).toEqual(['ordinal', 'nominal']);
    // Values outside the count table (fractions, 256 and more, negatives, -0) in the fast path.
    expect(measurements(expectSame(`a,b,c,d\n${many('$,$,$,$')}\n2.5,300,-1,-0\n${many('$,$,$,$')}\n`))).toEqual(['continuous', 'continuous', 'ordinal', 'ordinal']);
  });

  it('pieces read from their bytes (past the first 64 KB): late quotes, CRs, NUL and non-UTF-8 bytes, line ends that change', () => {
    const rows = (k: number, newline = '\n') => Array.from({ length: k }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 11 === 0 ? '' : i % 4}`).join(newline) + newline;
    const pieces = [65_536, 70_001, 4093];
    const late = (tail: string, newline = '\n') => `a,b,c${newline}${rows(20_000, newline)}${tail}${rows(3000, newline)}`;
    for (const tail of ['1,"2",3\n', '4,"x\ny",5\n', '1,2\r3\n', '1,2,3\r\n', '\n\n', ',,\n', '1,é,2\n', '1,2,3,4\n', 'x,y,z\n']) {
      expectSame(late(tail), pieces);
      expect(lastFastRecords).toBeGreaterThanOrEqual(20_000);
    }
    expectSame(late('1,2,3\n', '\r\n'), pieces);
    expect(lastFastRecords).toBeGreaterThanOrEqual(20_000);
    expect(expectSame(late('1,\u00002,3\n'), pieces)).toHaveProperty('error.code', 'file-format');
    // A byte that is not UTF-8 after the sniffed start: the session asks for a restart (as Windows-1252).
    const bytes = new TextEncoder().encode(late('1,2,3\n'));
    bytes[bytes.length - 100] = 0xe9;
    expect(expectSame(bytes, pieces)).toHaveProperty('error.name', 'EncodingRestart');
  });

  it('ragged rows are refused with the same message and location', () => {
    const short = expectSame('a,b,c\n1,2,3\n4,5\n6,7,8\n');
    expect(short).toHaveProperty('error.code', 'csv-structure');
    const wide = expectSame('a,b\n1,2\n3,4,5\n');
    expect(wide).toHaveProperty('error.code', 'csv-structure');
    const crlf = expectSame('a,b\r\n1,2\r\n3\r\n');
    expect(crlf).toHaveProperty('error.message', expect.stringContaining('line 3'));
  });

  it('quotes in the header and in the data, semicolons with decimal commas, tabs', () => {
    expectSame('"a","b"\n1,2\n"3",4\n5,"x, y"\n6,7\n');
    expectSame('a;b\n1,5;2\n3;4\n-2,25;;\n');
    expectSame('a\tb\n1\t2\n3.5\t\n\t4\n');
    expectSame('id,q\n1,"unclosed\n2,3\n');
  });

  it('random numeric files of 70–200 KB (pieces split records, CRs and numbers anywhere)', () => {
    const vocabulary = ['', '1', '2', '3', '4', '5', '6', '17', '-4', '0', '-0', '007', '3.25', '0.5', '1e2', 'NA', ' 5', 'x', '.', '12345678901234567', '2.675'];
    for (let seed = 1; seed <= 6; seed++) {
      const next = lcg(seed);
      const width = 3 + Math.floor(next() * 25);
      const rare = 0.002 * seed; // share of unusual cells
      const newline = seed % 3 === 0 ? '\r\n' : '\n';
      const lines = [Array.from({ length: width }, (_, j) => (seed === 4 ? `"q${j}"` : `q${j}`)).join(',')];
      for (let length = 0; length < 70_000 + seed * 20_000; length += lines.at(-1)!.length + newline.length) {
        const row: string[] = [];
        for (let j = 0; j < width; j++) row.push(next() < rare ? vocabulary[Math.floor(next() * vocabulary.length)]! : next() < 0.05 ? '' : String(1 + Math.floor(next() * 7)));
        if (next() < rare) row.push('');
        lines.push(next() < rare / 4 ? '' : row.join(','));
      }
      expectSame(lines.join(newline) + newline, [1 << 30, 4093, 65_536 + seed * 13]);
      expect(lastFastRecords).toBeGreaterThan(lines.length / 2);
    }
  });

  it('non-ASCII answers between numeric records, BOM, "sep=" line, Windows-1252 and UTF-16 bytes', () => {
    const rows = (k: number, name: (i: number) => string) => Array.from({ length: k }, (_, i) => `${i + 1},${name(i)},${(i % 5) + 1},${i % 11 === 0 ? '' : (i % 7) - 3}`);
    const mixed = 'id,name,q1,q2\n' + rows(4000, (i) => (i % 37 === 0 ? 'café ☕' : i % 3 === 0 ? '' : String(i % 4))).join('\n') + '\n';
    expectSame(mixed, [1 << 30, 4096, 65_543]);
    expect(lastFastRecords).toBeGreaterThan(3000);
    const plain = rows(4000, (i) => String(i % 4)).join('\r\n') + '\r\n';
    expectSame('\uFEFFid,name,q1,q2\r\n' + plain, [1 << 30, 65_537]);
    expect(lastFastRecords).toBeGreaterThan(3900);
    expectSame('sep=,\nid,name,q1,q2\n' + rows(4000, (i) => String(i % 4)).join('\n') + '\n', [1 << 30, 65_537]);
    expect(lastFastRecords).toBeGreaterThan(3900);
    const latin = new Uint8Array(Array.from(mixed.replaceAll(' ☕', ''), (ch) => ch.charCodeAt(0)));
    expectSame(latin, [1 << 30, 65_537]);
    expect(lastFastRecords).toBeGreaterThan(3000);
    const utf16 = new Uint8Array(2 + 2 * mixed.length);
    utf16.set([0xff, 0xfe]);
    for (let k = 0; k < mixed.length; k++) {
      utf16[2 + 2 * k] = mixed.charCodeAt(k) & 0xff;
      utf16[3 + 2 * k] = mixed.charCodeAt(k) >> 8;
    }
    expectSame(utf16, [1 << 30, 65_538]);
    expect(lastFastRecords).toBeGreaterThan(3000);
  });

  it('every CSV/TSV fixture and the bfi oracle data', () => {
    const bfi = oraclePath('data', 'bfi.csv');
    const files = [
      ...readdirSync(join(REPO_ROOT, 'tests/fixtures/import')).filter((f) => /\.(csv|tsv|txt)$/.test(f)).map((f) => join(REPO_ROOT, 'tests/fixtures/import', f)),
      ...readdirSync(join(REPO_ROOT, 'tests/fixtures/import/broken')).map((f) => join(REPO_ROOT, 'tests/fixtures/import/broken', f)),
      ...readdirSync(join(REPO_ROOT, 'tests/fixtures/generalisation')).filter((f) => f.endsWith('.csv')).map((f) => join(REPO_ROOT, 'tests/fixtures/generalisation', f)),
      join(REPO_ROOT, 'resources/sample/survey.csv'),
      bfi,
    ];
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const reference = read(bytes, 1 << 30, false, file);
      for (const piece of [1 << 30, 65_543, 100_003]) expect(read(bytes, piece, true, file), `${file} in pieces of ${piece}`).toEqual(reference);
      if (file === bfi) expect(lastFastRecords).toBe(2800);
    }
  });
});
