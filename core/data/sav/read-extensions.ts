/**
 * Interprets the extension records (type 7) that matter for survey data, following GNU PSPP's
 * "System File Format" documentation:
 *   7.3 machine integer info (code page), 7.4 machine float info (SYSMIS, HIGHEST, LOWEST),
 *   7.11 variable display (measurement level), 7.13 long variable names, 7.14 very long strings,
 *   7.16 64-bit case count, 7.20 character encoding, 7.21 long string value labels,
 *   7.22 long string missing values.
 * Others (multiple response sets, attributes, product info...) are skipped. Text-bearing records
 * stay as bytes until the encoding is known; their inner layout is parsed with a SavCursor, so a
 * bad length inside a record is reported like any other structural problem.
 */
import { SavCursor } from './sav-cursor';
import type { RawDictionary, RawExtension } from './read-dictionary';

export type SavExtensions = {
  codePage: number | null;
  encodingName: string | null;
  sysmis: number;
  /** Variable display entries as stored (2 or 3 int32 per variable or segment). */
  display: Int32Array | null;
  longNames: Uint8Array | null;
  veryLongStrings: Uint8Array | null;
  longStringLabels: RawExtension | null;
  longStringMissing: RawExtension | null;
  caseCount64: number | null;
};

export function readExtensions(dict: RawDictionary, fileName: string): SavExtensions {
  const out: SavExtensions = {
    codePage: null, encodingName: null, sysmis: -Number.MAX_VALUE, display: null, longNames: null,
    veryLongStrings: null, longStringLabels: null, longStringMissing: null, caseCount64: null,
  };
  for (const ext of dict.extensions) {
    const cursor = extensionCursor(ext, fileName, dict.littleEndian);
    switch (ext.subtype) {
      case 3:
        if (ext.size === 4 && ext.count >= 8) {
          cursor.skip(28);
          out.codePage = cursor.int32();
        }
        break;
      case 4:
        if (ext.size === 8 && ext.count >= 1) out.sysmis = cursor.float64();
        break;
      case 11:
        if (ext.size === 4) {
          const values = new Int32Array(ext.count);
          for (let i = 0; i < ext.count; i++) values[i] = cursor.int32();
          out.display = values;
        }
        break;
      case 13:
        out.longNames = ext.data;
        break;
      case 14:
        out.veryLongStrings = ext.data;
        break;
      case 16:
        if (ext.size === 8 && ext.count === 2) {
          cursor.int64();
          out.caseCount64 = cursor.int64();
        }
        break;
      case 20:
        out.encodingName = Array.from(ext.data.subarray(0, 64), (b) => String.fromCharCode(b)).join('').replace(/\0+$/, '');
        break;
      case 21:
        out.longStringLabels = ext;
        break;
      case 22:
        out.longStringMissing = ext;
        break;
      default:
        break;
    }
  }
  return out;
}

/** A cursor over one extension record's payload, with errors that name the record. */
export function extensionCursor(ext: RawExtension, fileName: string, littleEndian: boolean): SavCursor {
  const cursor = new SavCursor(ext.data, fileName);
  cursor.littleEndian = littleEndian;
  cursor.context = `extension record 7.${ext.subtype} (at byte offset ${ext.offset})`;
  return cursor;
}

/** "KEY=value" pairs separated by tabs (7.13) or by NUL+tab (7.14); keys upper-cased. */
export function parsePairs(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of text.split(/[\t\0]+/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    map.set(part.slice(0, eq).trim().toUpperCase(), part.slice(eq + 1));
  }
  return map;
}

export type LongStringLabels = { name: string; width: number; labels: { value: Uint8Array; label: Uint8Array }[] };

/** 7.21: per variable: name, width, then (value, label) pairs each with an int32 length. */
export function parseLongStringLabels(ext: RawExtension, fileName: string, littleEndian: boolean, decode: (b: Uint8Array) => string): LongStringLabels[] {
  const cursor = extensionCursor(ext, fileName, littleEndian);
  const out: LongStringLabels[] = [];
  while (cursor.remaining > 0) {
    const name = decode(cursor.take(lengthOf(cursor)));
    const width = cursor.int32();
    const n = cursor.int32();
    if (n < 0 || n * 8 > cursor.remaining) cursor.fail('sav-structure', `an impossible number of labels (${n}) for '${name}'`);
    const labels: { value: Uint8Array; label: Uint8Array }[] = [];
    for (let i = 0; i < n; i++) {
      const value = cursor.take(lengthOf(cursor));
      const label = cursor.take(lengthOf(cursor));
      labels.push({ value, label });
    }
    out.push({ name, width, labels });
  }
  return out;
}

/** 7.22: per variable: name, a one-byte count, an int32 value length, then the values. */
export function parseLongStringMissing(ext: RawExtension, fileName: string, littleEndian: boolean, decode: (b: Uint8Array) => string): { name: string; values: Uint8Array[] }[] {
  const cursor = extensionCursor(ext, fileName, littleEndian);
  const out: { name: string; values: Uint8Array[] }[] = [];
  while (cursor.remaining > 0) {
    const name = decode(cursor.take(lengthOf(cursor)));
    const n = cursor.uint8();
    if (n > 3) cursor.fail('sav-structure', `${n} missing values for '${name}' (at most 3 are allowed)`);
    const length = lengthOf(cursor);
    const values: Uint8Array[] = [];
    for (let i = 0; i < n; i++) values.push(cursor.take(length));
    out.push({ name, values });
  }
  return out;
}

function lengthOf(cursor: SavCursor): number {
  const n = cursor.int32();
  if (n < 0 || n > cursor.remaining) cursor.fail('sav-structure', `an impossible length (${n})`);
  return n;
}
