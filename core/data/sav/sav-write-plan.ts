/**
 * Plans how each Dataset column is stored in a system file: a valid, unique SPSS name (long name,
 * up to 64 bytes) and an 8-byte short name for every storage segment, the string width in UTF-8
 * bytes, the segments of very long strings (> 255 bytes: ceil(w / 252) segments, all but the last
 * 255 wide), the 8-byte slots, and the print format. Values that SPSS cannot hold (strings over
 * 32,767 bytes, string missing values over 8 bytes, more than 3 missing codes) are refused with an
 * InputError naming the column, rather than written wrongly.
 */
import { InputError } from '../../errors';
import type { Column, Dataset } from '../dataset';
import { encodeFormat, MAX_STRING_WIDTH, SEGMENT_USED, SEGMENT_WIDTH } from './sav-formats';

export type PlannedSegment = { shortName: string; width: number; slot: number; slots: number };

export type PlannedVariable = {
  column: Column;
  name: string;
  /** 0 numeric, else the string width in bytes. */
  width: number;
  segments: PlannedSegment[];
  printFormat: number;
  /** UTF-8 bytes of each row's text (string variables only). */
  encoded: Uint8Array[] | null;
};

const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
const encoder = new TextEncoder();

/** The SPSS names writeSav gives the dataset's columns, in column order (valid and unique). */
export function savVariableNames(columns: readonly Column[]): string[] {
  const taken = new Set<string>();
  return columns.map((c) => {
    let base = c.name.normalize('NFC').replace(/[^\p{L}\p{N}._$#@]/gu, '_');
    if (!/^[\p{L}@#$]/u.test(base)) base = `V${base}`;
    base = cutUtf8(base, 64).replace(/[._]+$/, '') || 'V';
    if (RESERVED.has(base.toUpperCase())) base = `${base}_`;
    let name = base;
    for (let k = 2; taken.has(name.toUpperCase()); k++) name = `${cutUtf8(base, 60)}_${k}`;
    taken.add(name.toUpperCase());
    return name;
  });
}

/** Longest prefix of `text` that fits in `bytes` UTF-8 bytes without splitting a character. */
export function cutUtf8(text: string, bytes: number): string {
  if (encoder.encode(text).length <= bytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

export function planVariables(dataset: Dataset, fileName: string): { variables: PlannedVariable[]; slotCount: number } {
  const names = savVariableNames(dataset.columns);
  const shortTaken = new Set<string>();
  let slot = 0;
  const variables = dataset.columns.map((column, j): PlannedVariable => {
    const name = names[j]!;
    const encoded = column.values === null ? encodeTexts(column, dataset.rows) : null;
    const width = encoded === null ? 0 : stringWidth(column, encoded, fileName);
    const segmentWidths = width <= 255 ? [width] : segmentsOf(width);
    const segments = segmentWidths.map((w, k): PlannedSegment => {
      const slots = w === 0 ? 1 : Math.ceil(w / 8);
      const segment = { shortName: shortNameFor(name, k, shortTaken), width: w, slot, slots };
      slot += slots;
      return segment;
    });
    return { column, name, width, segments, printFormat: printFormatOf(column, width), encoded };
  });
  return { variables, slotCount: slot };
}

function segmentsOf(width: number): number[] {
  const n = Math.ceil(width / SEGMENT_USED);
  return Array.from({ length: n }, (_, k) => (k < n - 1 ? SEGMENT_WIDTH : width - SEGMENT_USED * (n - 1)));
}

function encodeTexts(column: Column, rows: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < rows; i++) out.push(encoder.encode(column.text?.[i] ?? ''));
  return out;
}

function stringWidth(column: Column, encoded: Uint8Array[], fileName: string): number {
  // A declared SPSS width ("A12") is kept when the data fit; otherwise the widest value decides.
  const declared = /^A(\d+)$/i.exec(column.format ?? '');
  let width = declared === null ? 1 : Math.min(MAX_STRING_WIDTH, Math.max(1, Number(declared[1])));
  encoded.forEach((bytes, i) => {
    if (bytes.length > MAX_STRING_WIDTH) {
      throw new InputError('option-invalid', `Cannot write '${fileName}': column '${column.name}' row ${i + 1} holds ${bytes.length} bytes of text, more than the 32,767 an SPSS string can hold. Shorten the text or export as CSV.`, { file: fileName, row: i + 1, column: column.name });
    }
    width = Math.max(width, bytes.length);
  });
  for (const l of column.textLabels ?? []) width = Math.max(width, Math.min(MAX_STRING_WIDTH, encoder.encode(l.value).length));
  for (const s of column.missing.strings) {
    const n = encoder.encode(s).length;
    if (n > 8) {
      throw new InputError('option-invalid', `Cannot write '${fileName}': the missing value '${s}' of column '${column.name}' is longer than the 8 bytes SPSS allows for string missing values. Shorten or remove it.`, { file: fileName, column: column.name });
    }
    width = Math.max(width, n);
  }
  return width;
}

/** Short names: ASCII, upper case, at most 8 bytes, unique over all segments. */
function shortNameFor(name: string, segment: number, taken: Set<string>): string {
  let base = name.toUpperCase().replace(/[^A-Z0-9_@#$.]/g, '');
  if (!/^[A-Z@#$]/.test(base)) base = `V${base}`;
  base = base.slice(0, 8);
  const candidates = segment === 0 && !RESERVED.has(base) ? [base] : [];
  for (let k = 0; k < 26 * 27 && candidates.length < 1000; k++) {
    const suffix = k < 26 ? String.fromCharCode(65 + k) : String.fromCharCode(65 + Math.floor(k / 26) - 1) + String.fromCharCode(65 + (k % 26));
    candidates.push(`${base.slice(0, 8 - suffix.length - 1)}_${suffix}`);
  }
  for (const c of candidates) {
    if (!taken.has(c)) {
      taken.add(c);
      return c;
    }
  }
  for (let k = 1; ; k++) {
    const c = `V${k}`;
    if (!taken.has(c)) {
      taken.add(c);
      return c;
    }
  }
}

/** The column's own format when it is a valid SPSS format of the right kind, else one inferred. */
function printFormatOf(column: Column, width: number): number {
  if (width > 0) return (1 << 16) | (Math.min(width, 255) << 8);
  const own = column.format === undefined ? undefined : encodeFormat(column.format);
  if (own !== undefined && own >>> 16 !== 1) return own;
  const values = column.values ?? new Float64Array(0);
  let integral = true;
  let maxDigits = 1;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) integral = false;
    maxDigits = Math.max(maxDigits, String(Math.trunc(Math.abs(v))).length + (v < 0 ? 1 : 0));
  }
  const decimals = integral ? 0 : 2;
  const fieldWidth = Math.min(40, Math.max(integral ? 1 : 4, maxDigits + (integral ? 0 : 3)));
  return (5 << 16) | (Math.max(fieldWidth, 8) << 8) | decimals;
}
