/**
 * What measurement inference (infer-columns.ts) needs to know about a numeric column, gathered
 * while the column is read (the CSV fast path counts the codes it reads, column-builder.ts adds
 * single cells as they come) instead of in a second pass over the finished array:
 *
 * - missing: NaN count; integers: every answered value is an integer;
 * - min / max of the answered values;
 * - distinct: the number of distinct answered values, exact up to DISTINCT_CAP (31; the rules
 *   need ≤ 2, 3–11, ≤ 30 and "more"): the answer codes 0–255 — nearly every cell of a survey — only
 *   mark a 256-entry table (one store, no search); other values are compared with the first
 *   DISTINCT_CAP of them kept in a small array.
 *
 * -0 counts as 0 (as a Set would count it).
 */

export const DISTINCT_CAP = 31;

export const SMALL_CODES = 256;

/**
 * Slots of a count table (countSlot): the small codes 0–255, then missing (MISSING_SLOT). The CSV
 * fast path (record-sink.ts) counts the values it stages in one such table per column, as it
 * reads them, so a column whose values all fit needs no pass of its own (addSlotCounts).
 */
export const MISSING_SLOT = SMALL_CODES;
export const COUNT_SLOTS = SMALL_CODES + 1;

/** The count-table slot of a value: its small code, MISSING_SLOT for NaN, or -1 for any other value. */
export function countSlot(v: number): number {
  const k = v | 0;
  if (k === v && k >= 0 && k < SMALL_CODES) return k;
  return v !== v ? MISSING_SLOT : -1;
}

/** Adds the values counted in `counts` (COUNT_SLOTS entries, every value in a slot) to `stats`. */
export function addSlotCounts(stats: NumericStats, counts: Int32Array): void {
  for (let k = 0; k < SMALL_CODES; k++) if (counts[k]! > 0) stats.small[k] = 1;
  stats.missing += counts[MISSING_SLOT]!;
}

export type NumericStats = {
  missing: number;
  integers: boolean;
  /** Extremes of the values outside the small-code table (use numericSummary for all). */
  otherMin: number;
  otherMax: number;
  /** small[k] = 1 when the integer code k (0–255) occurs. */
  readonly small: Uint8Array;
  /** The first DISTINCT_CAP distinct values outside the small-code table. */
  readonly others: Float64Array;
  otherCount: number;
};

export function emptyNumericStats(): NumericStats {
  return { missing: 0, integers: true, otherMin: Infinity, otherMax: -Infinity, small: new Uint8Array(SMALL_CODES), others: new Float64Array(DISTINCT_CAP), otherCount: 0 };
}

/** Adds values[from..to) to `stats`. */
export function addNumericStats(stats: NumericStats, values: Float64Array, from: number, to: number): void {
  const small = stats.small;
  const others = stats.others;
  let missing = 0;
  let integers = stats.integers;
  let min = stats.otherMin;
  let max = stats.otherMax;
  let otherCount = stats.otherCount;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    const k = v | 0;
    if (k === v && k >= 0 && k < SMALL_CODES) {
      small[k] = 1;
      continue;
    }
    if (v !== v) {
      missing++;
      continue;
    }
    if (integers && !Number.isInteger(v)) integers = false;
    if (v < min) min = v;
    if (v > max) max = v;
    if (otherCount < DISTINCT_CAP) {
      let d = 0;
      while (d < otherCount && others[d] !== v) d++;
      if (d === otherCount) others[otherCount++] = v;
    }
  }
  stats.missing += missing;
  stats.integers = integers;
  stats.otherMin = min;
  stats.otherMax = max;
  stats.otherCount = otherCount;
}

/** Adds one value to `stats` (as addNumericStats does). */
export function addNumericValue(stats: NumericStats, v: number): void {
  const k = v | 0;
  if (k === v && k >= 0 && k < SMALL_CODES) stats.small[k] = 1;
  else if (v !== v) stats.missing++;
  else {
    if (stats.integers && !Number.isInteger(v)) stats.integers = false;
    if (v < stats.otherMin) stats.otherMin = v;
    if (v > stats.otherMax) stats.otherMax = v;
    const others = stats.others;
    if (stats.otherCount < DISTINCT_CAP) {
      let d = 0;
      while (d < stats.otherCount && others[d] !== v) d++;
      if (d === stats.otherCount) others[stats.otherCount++] = v;
    }
  }
}

export type NumericSummary = { answered: number; integers: boolean; min: number; max: number; distinct: number };

/** The summary of `length` values described by `stats` (distinct capped at DISTINCT_CAP). */
export function numericSummary(stats: NumericStats, length: number): NumericSummary {
  let min = stats.otherMin;
  let max = stats.otherMax;
  let distinct = stats.otherCount;
  for (let k = 0; k < SMALL_CODES; k++) {
    if (stats.small[k] === 0) continue;
    distinct++;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  return { answered: length - stats.missing, integers: stats.integers, min, max, distinct: Math.min(distinct, DISTINCT_CAP) };
}
