/**
 * Turns a stream of records (arrays of cells, from CSV/TSV or a spreadsheet) into a Dataset.
 *
 * - The first non-blank record is the header. Header cells are trimmed; an empty one becomes
 *   `column_J` (J = its 1-based position) and a repeated name `x` becomes `x_2`, `x_3`… (never
 *   clashing with another header), each with a notice.
 * - Blank lines (one empty cell) are skipped anywhere, with a notice when they sit between
 *   respondents. Records whose cells are all empty are respondents with no answers, except at
 *   the very end of the file, where they are export residue and dropped (trailing blank lines).
 * - Row numbers in messages: "data row N" counts respondents after the header, from 1 (the row
 *   number a researcher sees in a spreadsheet is N + 1); the physical line is given as well.
 * - A record with fewer cells than the header, or extra non-empty cells, is refused
 *   (InputError 'csv-structure'); extra EMPTY cells (a trailing delimiter) are dropped with a notice.
 * - 0 respondents is refused (there is nothing to analyse; a header-only file is usually a failed
 *   export). One respondent is read, with a notice that analyses need more.
 * - Delimited text has a fast path for runs of plain numeric records (pushPlainRecords), with
 *   exactly the effect of splitting them and calling push; csv-fast-path.test.ts holds it to that.
 */
import { InputError } from '../../errors';
import { notice, type Notice } from '../../notices';
import type { DataSource, Dataset } from '../dataset';
import { detectRoles } from '../roles';
import { ColumnBuilder } from './column-builder';
import { inferColumns } from './infer-columns';
import { COUNT_SLOTS, countSlot, MISSING_SLOT, SMALL_CODES } from './numeric-stats';

export type Cell = string | number;

/** Records per staging block of the numeric fast path (× width doubles; 1 MB for 128 columns). */
const STAGE_ROWS = 1024;

/** 10⁰ … 10¹⁵, every one exact in a double. */
const POW10 = Float64Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

function isBlank(cell: Cell): boolean {
  return typeof cell === 'string' && cell.trim() === '';
}

export class RecordSink {
  private header: string[] | null = null;
  private builders: ColumnBuilder[] = [];
  private rows = 0;
  private pendingEmpty = 0;
  private blankBetween = 0;
  private blankPending = 0;
  private trailingDelimiters = 0;
  private readonly notices: Notice[] = [];

  constructor(
    private readonly file: string,
    private readonly decimalComma: boolean,
    /** How a ragged record is described: 'fields' and CSV advice, or 'cells' and sheet advice. */
    private readonly layout: 'delimited' | 'sheet',
    /** The file's size in bytes when known: the numeric columns are then sized once (see sizeColumns). */
    private readonly expectedBytes: number | null = null,
  ) {}

  get hasHeader(): boolean {
    return this.header !== null;
  }

  get respondents(): number {
    return this.rows + this.pendingEmpty;
  }

  /**
   * Physical line (1-based, the header counts) of the record pushed with this index; computed
   * only when a message needs it, so the reader need not count lines record by record.
   */
  locate: (index: number) => number = (index) => index + 1;

  /** One record (spreadsheet cells may be numbers, which are stored exactly). */
  push(record: readonly Cell[], index: number): void {
    this.flushStaged();
    if (record.length === 1 && isBlank(record[0]!)) {
      if (this.header !== null) this.blankPending++;
      return;
    }
    if (this.header === null) {
      if (record.every(isBlank)) return;
      this.header = this.normalizeHeader(record);
      this.builders = this.header.map(() => new ColumnBuilder(this.decimalComma));
      this.textColumns = new Uint8Array(this.header.length);
      this.slotCounts = new Int32Array(this.header.length * COUNT_SLOTS);
      this.uncounted = new Uint8Array(this.header.length);
      return;
    }
    const width = this.header.length;
    const dataRow = this.rows + this.pendingEmpty + 1;
    if (record.length !== width) {
      if (record.length > width && record.slice(width).every(isBlank)) this.trailingDelimiters++;
      else {
        throw new InputError(
          'csv-structure',
          this.layout === 'delimited'
            ? `Data row ${dataRow} (line ${this.locate(index)}) of '${this.file}' has ${record.length} fields but the header has ${width}. Check that row for a missing or extra delimiter, or a quote (") that is not closed, fix it and import again.`
            : `Data row ${dataRow} (sheet row ${this.locate(index)}) of '${this.file}' has ${record.length} cells with data but the header row names ${width} columns. Give every column with data a name in the header row, and import again.`,
          { file: this.file, row: dataRow },
        );
      }
    }
    let empty = true;
    for (let j = 0; j < width; j++) {
      if (!isBlank(record[j]!)) {
        empty = false;
        break;
      }
    }
    if (empty) {
      this.pendingEmpty++;
      return;
    }
    this.blankBetween += this.blankPending;
    this.blankPending = 0;
    this.flushEmpty();
    for (let j = 0; j < width; j++) {
      const cell = record[j]!;
      const builder = this.builders[j]!;
      if (typeof cell === 'string') builder.push(cell);
      else builder.pushNumber(cell);
      this.textColumns[j] = builder.isText ? 1 : 0;
    }
    this.rows++;
  }

  /**
   * Fast path for plain numeric records (the bulk of a survey export): consumes the records of
   * codes[from..limit) — the character codes of ASCII text, `limit` just after a newline — each
   * ended by "\n", or "\r\n" when `crlf`, for as long as each has exactly one field per column,
   * at least one answered, and every field empty or a plain decimal number (scanPlainRecords
   * below). Values go from the codes into a staging block, with no cell strings; each column of
   * the block is handed to its builder whole (no copy). Exactly the effect `push(cells)` has on
   * those records. It stops, without consuming it, at the first record it does not take (a text
   * cell, a blank line, a ragged row, an exponent...) and returns that record's start (or
   * `limit`): the caller splits such a record and calls `push`, which accepts or refuses it as
   * always. `plainRecords` is then the number of records consumed (one physical line each).
   */
  pushPlainRecords(codes: Uint8Array, from: number, limit: number, delimiterCode: number, crlf: boolean): number {
    this.plainRecords = 0;
    // After blank or unanswered lines the next answered record goes through push(), which counts them.
    if (this.header === null || this.pendingEmpty > 0 || this.blankPending > 0) return from;
    const width = this.header.length;
    const start = from;
    let pos = from;
    for (;;) {
      if (this.staged.length === 0) this.staged = new Float64Array(width * STAGE_ROWS);
      pos = scanPlainRecords(codes, pos, limit, delimiterCode, crlf, this.staged, this.stagedRows, width, this.textColumns, this.slotCounts, this.uncounted);
      const taken = scannedTo - this.stagedRows;
      this.rows += taken;
      this.stagedRows = scannedTo;
      this.plainRecords += taken;
      if (this.stagedRows < STAGE_ROWS) break;
      this.sizeColumns(pos - start);
      this.flushStaged();
    }
    this.plainBytes += pos - start;
    this.plainRecordsTotal += this.plainRecords;
    return pos;
  }

  /** Characters (= bytes: the fast path reads ASCII) and records taken by the fast path in earlier calls. */
  private plainBytes = 0;
  private plainRecordsTotal = 0;
  private sized = false;

  /**
   * Once, when the first block of plain records is complete and the file's size is known: each
   * numeric column reserves room for the records the file holds at this block's bytes per record
   * (+2 %, + one block), so it is filled in place and the staging block is reused; a file whose
   * records grow longer later only falls back to growing the columns.
   */
  private sizeColumns(bytesInCall: number): void {
    if (this.sized || this.expectedBytes === null) return;
    this.sized = true;
    const bytes = this.plainBytes + bytesInCall;
    const records = this.plainRecordsTotal + this.plainRecords;
    if (!(records >= STAGE_ROWS && bytes > 0)) return;
    const capacity = Math.ceil((this.expectedBytes / (bytes / records)) * 1.02) + STAGE_ROWS;
    for (const builder of this.builders) builder.reserve(capacity);
  }

  /** Records consumed by the last pushPlainRecords call. */
  plainRecords = 0;

  /**
   * Block of records taken by pushPlainRecords and not yet in the builders, column-major: column
   * j of record r at staged[j·STAGE_ROWS + r]. Each column's run is handed to its builder as is,
   * and the next records go to a new block.
   */
  private staged = new Float64Array(0);
  private stagedRows = 0;
  /** 1 for a column that has turned to text (updated after every `push`). */
  private textColumns = new Uint8Array(0);
  /**
   * Count tables (numeric-stats.ts countSlot) of the values the fast path took, COUNT_SLOTS per
   * column; uncounted[j] = 1 once column j had a value with no slot (its stats then come from a
   * pass over the finished column).
   */
  private slotCounts = new Int32Array(0);
  private uncounted = new Uint8Array(0);

  private flushStaged(): void {
    const count = this.stagedRows;
    if (count === 0) return;
    const staged = this.staged;
    this.stagedRows = 0;
    const builders = this.builders;
    let handedOver = false;
    for (let j = 0; j < builders.length; j++) if (builders[j]!.pushRun(staged.subarray(j * STAGE_ROWS, j * STAGE_ROWS + count))) handedOver = true;
    // A block whose runs were all copied (into sized columns) is filled again; one a column kept is not.
    if (handedOver) this.staged = new Float64Array(0);
  }

  finish(source: DataSource): Dataset {
    this.flushStaged();
    if (this.header === null) {
      throw new InputError('file-empty', `'${this.file}' is empty: it has no header row and no respondents. Choose the exported data file, or export it again.`, { file: this.file });
    }
    if (this.rows === 0) {
      throw new InputError(
        'data-insufficient',
        `'${this.file}' has a header row (${this.header.length} columns) but no respondents. Export the data again with its rows, or choose another file.`,
        { file: this.file },
      );
    }
    if (this.pendingEmpty > 0) this.notices.push(notice('info', 'info', `${this.pendingEmpty} empty row${this.pendingEmpty === 1 ? '' : 's'} at the end of '${this.file}' ${this.pendingEmpty === 1 ? 'was' : 'were'} ignored.`));
    if (this.blankBetween > 0) this.notices.push(notice('info', 'info', `${this.blankBetween} blank line${this.blankBetween === 1 ? '' : 's'} between respondents in '${this.file}' ${this.blankBetween === 1 ? 'was' : 'were'} skipped.`));
    if (this.trailingDelimiters > 0) {
      this.notices.push(notice('ragged-row', 'info', `${this.trailingDelimiters} row${this.trailingDelimiters === 1 ? '' : 's'} of '${this.file}' had empty extra fields after the last column (a trailing delimiter); they were ignored.`));
    }
    if (this.rows === 1) this.notices.push(notice('info', 'strong-warning', `'${this.file}' has a single respondent: it is read, but factor analysis, segmentation and the quality screen need many respondents.`));
    const raws = this.builders.map((b, j) => b.finish(this.uncounted[j] === 1 ? null : this.slotCounts.subarray(j * COUNT_SLOTS, (j + 1) * COUNT_SLOTS)));
    this.builders = [];
    const inferred = inferColumns(this.header, raws);
    const dataset: Dataset = { source, rows: this.rows, columns: inferred.columns, weight: null, id: null, notices: [...this.notices, ...inferred.notices] };
    return detectRoles(dataset);
  }

  private flushEmpty(): void {
    for (; this.pendingEmpty > 0; this.pendingEmpty--) {
      for (const b of this.builders) b.push('');
      this.rows++;
    }
  }

  private normalizeHeader(record: readonly Cell[]): string[] {
    const raw = record.map((c) => String(c).trim());
    const taken = new Set(raw.filter((n) => n !== ''));
    const used = new Set<string>();
    const renamed: string[] = [];
    const blanks: string[] = [];
    const names = raw.map((name, j) => {
      let out = name;
      if (out === '') {
        out = `column_${j + 1}`;
        for (let k = 2; taken.has(out) || used.has(out); k++) out = `column_${j + 1}_${k}`;
        blanks.push(out);
      } else if (used.has(out)) {
        let k = 2;
        while (taken.has(`${name}_${k}`) || used.has(`${name}_${k}`)) k++;
        out = `${name}_${k}`;
        renamed.push(`'${name}' → '${out}'`);
      }
      used.add(out);
      return out;
    });
    if (blanks.length > 0) this.notices.push(notice('empty-header', 'warning', `${blanks.length} column${blanks.length === 1 ? ' has' : 's have'} no name in the header and ${blanks.length === 1 ? 'was' : 'were'} named ${blanks.join(', ')}.`, blanks));
    if (renamed.length > 0) this.notices.push(notice('duplicate-header', 'warning', `Repeated column names were made unique: ${renamed.join(', ')}.`, names.filter((_, j) => raw[j] !== names[j] && raw[j] !== '')));
    return names;
  }
}

/**
 * The row after the last record taken by the last scanPlainRecords call. A module variable set
 * by plain assignment: the exits of the hot loop hold no operation V8 would need feedback for.
 */
let scannedTo = 0;

/**
 * Scans the records of codes[pos..limit) (character codes of ASCII text; limit just after a
 * newline, so every record there is complete) into rows `row`, `row` + 1, … (up to STAGE_ROWS)
 * of the column-major block `staged`, while every record is plain: exactly `width` fields, at
 * least one not empty, each empty (NaN) or a plain decimal number — optional "-", digits,
 * optional "." and digits, at most 15 digits in all (leading zeros included) — ended by the
 * delimiter or the newline. In a column that has turned to text (textColumns[j] = 1) only a
 * digit run starting 1–9 is taken, as it reads back as the same text (pushNumber stores
 * String(value)). Returns the start of the first record not taken (or `limit`); `scannedTo` = the
 * row after the last record taken.
 *
 * The value is exactly Number(cell): the digits m (< 10¹⁵) and 10^s (s ≤ 15 decimals) are exact
 * doubles, so m itself, or m / 10^s (one correctly rounded IEEE division of the exact decimal
 * value), is the double nearest the text, which is what Number gives (Clinger's fast path); the
 * sign is applied exactly afterwards ("-0" gives -0, as Number does).
 *
 * Each staged value is also counted in its column's count table (slotCounts, COUNT_SLOTS per
 * column: the small codes and missing; numeric-stats.ts countSlot), so the finished columns need
 * no stats pass of their own; a value with no slot marks its column `uncounted` instead. A
 * record refused after some of its fields were counted is taken back out (refuseRecord).
 *
 * Written for cold code, which runs in V8's interpreter and baseline tiers first and is
 * deoptimised by branches it has not seen: bytes rather than string characters (an element load,
 * not a call), the common cell (one digit and a delimiter) taken in a few operations, then
 * unsigned digits tested first, no bounds checks inside a record, and everything unusual leaves
 * the loop at once.
 */
function scanPlainRecords(
  codes: Uint8Array,
  pos: number,
  limit: number,
  delimiterCode: number,
  crlf: boolean,
  staged: Float64Array,
  row: number,
  width: number,
  textColumns: Uint8Array,
  slotCounts: Int32Array,
  uncounted: Uint8Array,
): number {
  const end = width * STAGE_ROWS;
  // Text columns are rare: one test per call spares a look-up per cell.
  const anyText = textColumns.indexOf(1) >= 0;
  while (row < STAGE_ROWS && pos < limit) {
    let i = pos;
    let j = 0;
    let at = row;
    let counts = 0; // slotCounts offset of column j
    let answered = false;
    let c = 0;
    for (;;) {
      if (at >= end) return refuseRecord(staged, row, j, slotCounts, pos); // a field past the last column
      c = codes[i]!;
      // The usual answer: one digit and a delimiter (in a text column too: it reads back as itself).
      const digit = c - 48;
      if (digit >= 0 && digit <= 9 && codes[i + 1] === delimiterCode) {
        staged[at] = digit;
        slotCounts[counts + digit]! += 1;
        answered = true;
        at += STAGE_ROWS;
        counts += COUNT_SLOTS;
        j++;
        i += 2;
        continue;
      }
      let value = NaN;
      let slot = MISSING_SLOT;
      let sign = 1;
      if (c === 45) {
        sign = -1;
        c = codes[++i]!;
      }
      if (c >= 48 && c <= 57) {
        const lead = c;
        let mantissa = c - 48;
        let digits = 1;
        c = codes[++i]!;
        while (c >= 48 && c <= 57) {
          mantissa = mantissa * 10 + (c - 48);
          digits++;
          c = codes[++i]!;
        }
        if (c === 46) {
          let scale = 0;
          c = codes[++i]!;
          while (c >= 48 && c <= 57) {
            mantissa = mantissa * 10 + (c - 48);
            digits++;
            scale++;
            c = codes[++i]!;
          }
          if (digits > 15 || (anyText && textColumns[j] === 1)) return refuseRecord(staged, row, j, slotCounts, pos);
          value = sign * (mantissa / POW10[scale]!);
          slot = countSlot(value);
        } else {
          if (digits > 15 || (anyText && textColumns[j] === 1 && (lead === 48 || sign < 0))) return refuseRecord(staged, row, j, slotCounts, pos);
          value = sign * mantissa;
          slot = sign > 0 && mantissa < SMALL_CODES ? mantissa : countSlot(value);
        }
        answered = true;
      } else if (sign < 0 || (c !== delimiterCode && c !== 10 && c !== 13)) return refuseRecord(staged, row, j, slotCounts, pos);
      staged[at] = value;
      if (slot >= 0) slotCounts[counts + slot]! += 1;
      else uncounted[j] = 1;
      at += STAGE_ROWS;
      counts += COUNT_SLOTS;
      j++;
      i++;
      if (c === delimiterCode) continue;
      if (c === 13) {
        if (!crlf || codes[i]! !== 10) return refuseRecord(staged, row, j, slotCounts, pos);
        i++;
      } else if (c !== 10 || crlf) return refuseRecord(staged, row, j, slotCounts, pos);
      break;
    }
    if (j !== width || !answered) return refuseRecord(staged, row, j, slotCounts, pos);
    row++;
    pos = i;
  }
  scannedTo = row;
  return pos;
}

/**
 * Leaves scanPlainRecords at the record staged in row `row` (not taken): takes its first `fields`
 * values back out of the count tables (a column marked uncounted by one of them stays so: its
 * stats are then only gathered the slow way), sets `scannedTo`, returns the record's start.
 */
function refuseRecord(staged: Float64Array, row: number, fields: number, slotCounts: Int32Array, pos: number): number {
  for (let j = 0; j < fields; j++) {
    const slot = countSlot(staged[j * STAGE_ROWS + row]!);
    if (slot >= 0) slotCounts[j * COUNT_SLOTS + slot]! -= 1;
  }
  scannedTo = row;
  return pos;
}
