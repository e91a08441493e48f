/**
 * Incremental column storage while a file streams in: a column stays numeric (Float64 chunks of
 * 64 K values, no doubling copies) for as long as every answer parses as a number or a missing
 * marker; the first other text switches it to dictionary-coded strings (Int32 codes into a list of
 * distinct strings, so 1,000,000 answers "Strongly agree" hold one string, not a million).
 *
 * Cells are trimmed. Missing markers (system-missing in numeric columns, null in text columns):
 * the empty cell, NA, N/A, #N/A, NaN, NULL and "." (R, Excel, SQL and SAS/SPSS exports).
 * Numbers: JavaScript decimal syntax (no hex, no Infinity); with a non-comma delimiter, a decimal
 * comma "3,5" is read as 3.5 too (European exports).
 */

import { addNumericStats, addNumericValue, addSlotCounts, emptyNumericStats, type NumericStats } from './numeric-stats';

const CHUNK = 1 << 16;

export const MISSING_MARKERS: ReadonlySet<string> = new Set(['', 'NA', 'N/A', '#N/A', 'NaN', 'NULL', '.']);

/**
 * Float64 values in filled parts: chunks of CHUNK values pushed one by one, and runs adopted
 * whole (pushRun: one column of a block staged by RecordSink's fast path, no copy). The chunk in
 * progress is allocated on the first single push, and a run cuts it: what it already holds
 * becomes a part and its free rest keeps serving later pushes.
 */
class ChunkedFloat64 {
  private readonly parts: Float64Array[] = [];
  private current = new Float64Array(0);
  private pos = 0;
  /** Set by reserve: runs are copied into `current` while it has room, so that it ends as the column. */
  private reserved = false;
  length = 0;
  push(value: number): void {
    if (this.pos === this.current.length) {
      if (this.pos > 0) this.parts.push(this.current);
      this.current = new Float64Array(CHUNK);
      this.pos = 0;
    }
    this.current[this.pos++] = value;
    this.length++;
  }
  /**
   * Room for `capacity` values in one array, the values so far moved into it: when the final length
   * is known in advance (an estimate from the file size), the column is filled in place and toArray
   * need not join parts into a second copy of it.
   */
  reserve(capacity: number): void {
    if (capacity <= this.length) return;
    const next = new Float64Array(capacity);
    let offset = 0;
    for (const part of this.parts.splice(0)) {
      next.set(part, offset);
      offset += part.length;
    }
    next.set(this.current.subarray(0, this.pos), offset);
    this.current = next;
    this.pos = this.length;
    this.reserved = true;
  }

  /**
   * Appends the values of `run`: copied into the reserved array while it has room (returns false:
   * the caller may reuse `run`), else kept as a part, not copied (returns true: handed over).
   */
  pushRun(run: Float64Array): boolean {
    if (this.reserved && this.pos + run.length <= this.current.length) {
      this.current.set(run, this.pos);
      this.pos += run.length;
      this.length += run.length;
      return false;
    }
    if (this.pos > 0) {
      this.parts.push(this.current.subarray(0, this.pos));
      this.current = this.current.subarray(this.pos);
      this.pos = 0;
    }
    this.parts.push(run);
    this.length += run.length;
    return true;
  }
  forEach(fn: (value: number) => void): void {
    for (const part of this.parts) for (let i = 0; i < part.length; i++) fn(part[i]!);
    for (let i = 0; i < this.pos; i++) fn(this.current[i]!);
  }
  /**
   * The values as one array, and, when `stats` is given, their stats (each part added right after
   * it is copied, while it is in the cache); the parts are released (the builder is done).
   */
  toArray(stats: NumericStats | null): Float64Array {
    if (this.reserved && this.parts.length === 0) {
      // Filled in place: the array itself, or a view of its filled part unless the estimate
      // overshot by more than a quarter (then a copy, so the column holds no idle memory).
      const filled = this.current.subarray(0, this.pos);
      const out = this.pos * 1.25 >= this.current.length ? filled : filled.slice();
      if (stats !== null) addNumericStats(stats, out, 0, out.length);
      this.current = new Float64Array(0);
      return out;
    }
    const out = new Float64Array(this.length);
    let offset = 0;
    this.parts.push(this.current.subarray(0, this.pos));
    for (const part of this.parts.splice(0)) {
      out.set(part, offset);
      if (stats !== null) addNumericStats(stats, out, offset, offset + part.length);
      offset += part.length;
    }
    this.current = new Float64Array(0);
    return out;
  }
}

class ChunkedInt32 {
  private readonly chunks: Int32Array[] = [];
  private current = new Int32Array(CHUNK);
  private pos = 0;
  length = 0;
  push(value: number): void {
    if (this.pos === CHUNK) {
      this.chunks.push(this.current);
      this.current = new Int32Array(CHUNK);
      this.pos = 0;
    }
    this.current[this.pos++] = value;
    this.length++;
  }
  /** The values as one array; the chunks are released (the builder is done). */
  toArray(): Int32Array {
    const out = new Int32Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks.splice(0)) {
      out.set(chunk, offset);
      offset += CHUNK;
    }
    out.set(this.current.subarray(0, this.pos), offset);
    this.current = new Int32Array(0);
    return out;
  }
}

/** A finished raw column: numbers (NaN = missing, with their stats when known) or dictionary codes (-1 = missing). */
export type RawColumn =
  | { kind: 'numeric'; values: Float64Array; stats?: NumericStats }
  | { kind: 'text'; codes: Int32Array; dictionary: string[] };

export class ColumnBuilder {
  private numbers: ChunkedFloat64 | null = new ChunkedFloat64();
  private codes: ChunkedInt32 | null = null;
  private readonly lookup = new Map<string, number>();
  private readonly dictionary: string[] = [];
  /** Stats of the values pushed one by one (those of runs are counted by the caller: see finish). */
  private readonly singleStats = emptyNumericStats();
  private hasRuns = false;

  constructor(private readonly decimalComma: boolean) {}

  push(cell: string): void {
    const s = cell.trim();
    if (this.numbers !== null) {
      const value = parseCell(s, this.decimalComma);
      if (value !== undefined) {
        this.numbers.push(value);
        addNumericValue(this.singleStats, value);
        return;
      }
      this.switchToText();
    }
    this.codes!.push(s.length <= 4 && MISSING_MARKERS.has(s) ? -1 : this.intern(s));
  }

  /** True once the column has switched to text (then numbers pushed with pushNumber are stored as String(value)). */
  get isText(): boolean {
    return this.numbers === null;
  }

  /**
   * Appends the values of `run` (NaN = missing) as pushNumber would, one at a time; a numeric
   * column copies them into its reserved array, or else keeps the array itself (the caller hands
   * it over: one column of a block staged by RecordSink's fast path). True when `run` was kept.
   */
  pushRun(run: Float64Array): boolean {
    if (this.numbers !== null) {
      this.hasRuns = true;
      return this.numbers.pushRun(run);
    }
    for (let i = 0; i < run.length; i++) this.pushNumber(run[i]!);
    return false;
  }

  /** Room for `capacity` values in a numeric column (see ChunkedFloat64.reserve). */
  reserve(capacity: number): void {
    this.numbers?.reserve(capacity);
  }

  /** Pushes one typed cell from a spreadsheet (numbers stay exact, everything else as text). */
  pushNumber(value: number): void {
    if (this.numbers !== null) {
      this.numbers.push(value);
      addNumericValue(this.singleStats, value);
    } else this.codes!.push(Number.isFinite(value) ? this.intern(String(value)) : -1);
  }

  /**
   * The finished column. `runCounts`: the count table (numeric-stats.ts countSlot) of every value
   * pushed in runs, when the caller counted them all there; otherwise, if there were runs, the
   * stats come from one pass over the whole column.
   */
  finish(runCounts: Int32Array | null = null): RawColumn {
    if (this.numbers !== null) {
      if (this.hasRuns && runCounts === null) {
        const stats = emptyNumericStats();
        return { kind: 'numeric', values: this.numbers.toArray(stats), stats };
      }
      const stats = this.singleStats;
      if (runCounts !== null) addSlotCounts(stats, runCounts);
      return { kind: 'numeric', values: this.numbers.toArray(null), stats };
    }
    return { kind: 'text', codes: this.codes!.toArray(), dictionary: this.dictionary };
  }

  private intern(s: string): number {
    // Answer scales have a handful of distinct answers: a scan beats hashing every cell.
    const dictionary = this.dictionary;
    if (dictionary.length <= 8) {
      for (let k = 0; k < dictionary.length; k++) if (dictionary[k] === s) return k;
    }
    let code = this.lookup.get(s);
    if (code === undefined) {
      // A cell is a slice of the whole decoded piece; copying it lets that piece be collected
      // (otherwise every distinct answer would keep its 1 MB piece of the file alive).
      const own = s.length > 12 ? (' ' + s).slice(1) : s;
      code = this.dictionary.length;
      this.dictionary.push(own);
      this.lookup.set(own, code);
    }
    return code;
  }

  private switchToText(): void {
    const codes = new ChunkedInt32();
    this.numbers!.forEach((v) => codes.push(Number.isNaN(v) ? -1 : this.intern(String(v))));
    this.codes = codes;
    this.numbers = null;
  }
}

/** A number, NaN for a missing marker, or undefined when the cell is text. */
export function parseCell(s: string, decimalComma: boolean): number | undefined {
  if (s.length === 0) return NaN;
  const v = Number(s);
  if (Number.isFinite(v)) {
    const c1 = s.charCodeAt(1) | 32;
    // Number() also accepts 0x1F, 0b101 and 0o17: those are text (codes, ids), not numbers.
    if (s.length > 2 && s.charCodeAt(0) === 48 && (c1 === 120 || c1 === 98 || c1 === 111)) return undefined;
    return v;
  }
  if (MISSING_MARKERS.has(s)) return NaN;
  if (decimalComma && /^[+-]?\d+,\d+$/.test(s)) return Number(s.replace(',', '.'));
  return undefined;
}
