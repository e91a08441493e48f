/**
 * Constants of the SPSS system file format (as documented by GNU PSPP's developer guide) and the
 * print-format codec: a format is stored as one int32 (type << 16 | width << 8 | decimals) and
 * shown to users as text such as "F8.2", "A300" or "DATE11". Shared by reader and writer.
 */
import type { Measurement } from '../dataset';

/** Numeric system-missing: -DBL_MAX. */
export const SAV_SYSMIS = -Number.MAX_VALUE;
/** HIGHEST and LOWEST, the stand-ins for HI and LO in missing-value ranges. */
export const SAV_HIGHEST = Number.MAX_VALUE;
export const SAV_LOWEST = -1.7976931348623155e308;
/** Compression bias: bytecode c (1..251) stands for the number c - bias. */
export const SAV_BIAS = 100;
/** Each segment of a very long string (> 255 bytes) carries 255 bytes but counts for 252. */
export const SEGMENT_USED = 252;
export const SEGMENT_WIDTH = 255;
/** The longest string SPSS allows. */
export const MAX_STRING_WIDTH = 32767;

const FORMAT_NAMES: Record<number, string> = {
  1: 'A', 2: 'AHEX', 3: 'COMMA', 4: 'DOLLAR', 5: 'F', 6: 'IB', 7: 'PIBHEX', 8: 'P', 9: 'PIB',
  10: 'PK', 11: 'RB', 12: 'RBHEX', 15: 'Z', 16: 'N', 17: 'E', 20: 'DATE', 21: 'TIME',
  22: 'DATETIME', 23: 'ADATE', 24: 'JDATE', 25: 'DTIME', 26: 'WKDAY', 27: 'MONTH', 28: 'MOYR',
  29: 'QYR', 30: 'WKYR', 31: 'PCT', 32: 'DOT', 33: 'CCA', 34: 'CCB', 35: 'CCC', 36: 'CCD',
  37: 'CCE', 38: 'EDATE', 39: 'SDATE', 40: 'MTIME', 41: 'YMDHMS',
};

/** Formats shown without ".d" when they have no decimals (strings and calendar formats). */
const NO_DECIMALS = new Set(['A', 'AHEX', 'DATE', 'ADATE', 'EDATE', 'SDATE', 'JDATE', 'WKDAY', 'MONTH', 'MOYR', 'QYR', 'WKYR', 'DATETIME', 'TIME', 'DTIME', 'MTIME', 'YMDHMS']);

/** Date and time formats: values are seconds since 14 Oct 1582 (dates) or durations (times). */
export const DATE_FORMATS: ReadonlySet<string> = new Set(['DATE', 'ADATE', 'EDATE', 'SDATE', 'JDATE', 'DATETIME', 'TIME', 'DTIME', 'MTIME', 'YMDHMS', 'WKDAY', 'MONTH', 'MOYR', 'QYR', 'WKYR']);

/** "F8.2" from the packed int32, or undefined when the type code is unknown. */
export function decodeFormat(packed: number): string | undefined {
  const type = (packed >>> 16) & 0xff;
  const width = (packed >>> 8) & 0xff;
  const decimals = packed & 0xff;
  const name = FORMAT_NAMES[type];
  if (name === undefined) return undefined;
  if (NO_DECIMALS.has(name) && decimals === 0) return `${name}${width}`;
  return `${name}${width}.${decimals}`;
}

/** Packs "F8.2" / "DATE11" / "A300" into the int32 form; undefined when not a known format. */
export function encodeFormat(text: string): number | undefined {
  const match = /^([A-Z]+)(\d+)(?:\.(\d+))?$/.exec(text.trim().toUpperCase());
  if (match === null) return undefined;
  const [, name, w, d] = match;
  const entry = Object.entries(FORMAT_NAMES).find(([, n]) => n === name);
  if (entry === undefined) return undefined;
  const width = Number(w);
  const decimals = d === undefined ? 0 : Number(d);
  // The packed form has one byte for the width: long strings store 255 there and the true
  // width in the variable record's type field.
  return (Number(entry[0]) << 16) | (Math.min(width, 255) << 8) | Math.min(decimals, 255);
}

/** Measurement codes of the variable display record (7.11): 1 nominal, 2 ordinal, 3 scale. */
export function measurementFromCode(code: number, isString: boolean, labelled: boolean): Measurement {
  if (isString) return labelled ? 'nominal' : 'text';
  if (code === 1) return 'nominal';
  if (code === 2) return 'ordinal';
  if (code === 3) return 'continuous';
  return labelled ? 'nominal' : 'continuous';
}

export function measurementToCode(measurement: Measurement): number {
  if (measurement === 'ordinal') return 2;
  if (measurement === 'continuous') return 3;
  return 1;
}
