/**
 * The survey dataset model shared by every step. Column-major: each column keeps its raw values
 * (numeric codes as stored in the file, user-missing codes included) plus the metadata a
 * researcher edits in the codebook. Analyses never read `values` directly: they ask
 * `numericValues`/`isMissingValue`, so that user-missing codes, reverse-coding and recodes are
 * applied in one place.
 *
 * Axis order everywhere: respondents (rows) first, then columns.
 */
import type { Notice } from '../notices';

export type Measurement = 'nominal' | 'ordinal' | 'continuous' | 'text' | 'id';

export type ValueLabel = { code: number; label: string };

/** SPSS-style user-missing specification: discrete codes and at most one range, or string codes. */
export type MissingSpec = {
  codes: number[];
  range: { low: number; high: number } | null;
  strings: string[];
};

export type Column = {
  name: string;
  label: string;
  measurement: Measurement;
  /** Value labels sorted by code; for ordinal items this is the category order. */
  valueLabels: ValueLabel[];
  missing: MissingSpec;
  /**
   * Numeric storage (codes or measurements). NaN is system-missing. Null for text columns.
   */
  values: Float64Array | null;
  /** Text storage for text/id columns that are not numeric; null entries are missing. */
  text: (string | null)[] | null;
  /** Reverse-coded for analysis: code c becomes (min + max - c) over the labelled/observed range. */
  reversed: boolean;
  /** Display width/format hints carried from SPSS; informational only. */
  format?: string;
  /** Value labels of a text column (SPSS string value labels), sorted by value. */
  textLabels?: { value: string; label: string }[];
};

export type SourceFormat = 'csv' | 'tsv' | 'sav' | 'zsav' | 'xlsx';

export type DataSource = {
  file: string;
  format: SourceFormat;
  encoding: string;
  delimiter: string | null;
  sheet: string | null;
};

export type Dataset = {
  source: DataSource;
  rows: number;
  columns: Column[];
  /** Name of the weight column, if any. */
  weight: string | null;
  /** Name of the respondent-id column, if any. */
  id: string | null;
  /** Problems that did not stop the import (guessed encoding, renamed headers...). */
  notices: Notice[];
};

export const EMPTY_MISSING: MissingSpec = { codes: [], range: null, strings: [] };

export function isUserMissing(spec: MissingSpec, value: number): boolean {
  if (spec.codes.includes(value)) return true;
  return spec.range !== null && value >= spec.range.low && value <= spec.range.high;
}

/** True when row i of the column is system- or user-missing. */
export function isMissingValue(column: Column, i: number): boolean {
  if (column.values !== null) {
    const v = column.values[i]!;
    return Number.isNaN(v) || isUserMissing(column.missing, v);
  }
  const t = column.text?.[i] ?? null;
  return t === null || t === '' || column.missing.strings.includes(t);
}

export function missingCount(column: Column, rows: number): number {
  let count = 0;
  for (let i = 0; i < rows; i++) if (isMissingValue(column, i)) count++;
  return count;
}

/**
 * Analysis values: NaN for missing, reverse-coding applied. The reversal range is the span of
 * the value labels when the column has them, else the observed min and max.
 */
export function numericValues(column: Column, rows: number): Float64Array {
  const out = new Float64Array(rows);
  if (column.values === null) {
    out.fill(NaN);
    return out;
  }
  for (let i = 0; i < rows; i++) out[i] = isMissingValue(column, i) ? NaN : column.values[i]!;
  if (column.reversed) {
    const [low, high] = codeRange(column, out);
    for (let i = 0; i < rows; i++) if (!Number.isNaN(out[i]!)) out[i] = low + high - out[i]!;
  }
  return out;
}

function codeRange(column: Column, values: Float64Array): [number, number] {
  const labelled = column.valueLabels.filter((v) => !isUserMissing(column.missing, v.code));
  let low = Infinity;
  let high = -Infinity;
  for (const v of labelled) {
    low = Math.min(low, v.code);
    high = Math.max(high, v.code);
  }
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return [low, high];
}

export function findColumn(dataset: Dataset, name: string): Column | undefined {
  return dataset.columns.find((c) => c.name === name);
}
