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
 */
import { InputError } from '../../errors';
import { notice, type Notice } from '../../notices';
import type { DataSource, Dataset } from '../dataset';
import { detectRoles } from '../roles';
import { ColumnBuilder } from './column-builder';
import { inferColumns } from './infer-columns';

export type Cell = string | number;

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
    if (record.length === 1 && isBlank(record[0]!)) {
      if (this.header !== null) this.blankPending++;
      return;
    }
    if (this.header === null) {
      if (record.every(isBlank)) return;
      this.header = this.normalizeHeader(record);
      this.builders = this.header.map(() => new ColumnBuilder(this.decimalComma));
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
      if (typeof cell === 'string') this.builders[j]!.push(cell);
      else this.builders[j]!.pushNumber(cell);
    }
    this.rows++;
  }

  /**
   * Fast path for the commonest survey record: text[start..end) holds exactly one field per
   * column, every field empty or a plain integer (digits only, at most 15, no leading zero) and at
   * least one not empty. Such a record is pushed straight into the columns — no cell strings —
   * with exactly the effect `push(cells)` has (an integer written this way reads back as the same
   * text in a column that turned to text, an empty cell is missing either way). Returns false,
   * having changed nothing, for any other record; the caller then splits it and calls `push`.
   */
  pushDigitsRecord(text: string, start: number, end: number, delimiterCode: number): boolean {
    if (this.header === null) return false;
    const width = this.header.length;
    const values = this.digitScratch.length === width ? this.digitScratch : (this.digitScratch = new Float64Array(width));
    let j = 0;
    let v = 0;
    let digits = 0;
    let answered = false;
    for (let i = start; i <= end; i++) {
      const c = i < end ? text.charCodeAt(i) : delimiterCode;
      if (c === delimiterCode) {
        if (j === width) return false;
        if (digits === 0) values[j] = NaN;
        else {
          values[j] = v;
          answered = true;
        }
        j++;
        v = 0;
        digits = 0;
      } else if (c >= 48 && c <= 57) {
        if ((digits > 0 && v === 0) || digits === 15) return false;
        v = v * 10 + (c - 48);
        digits++;
      } else return false;
    }
    if (j !== width || !answered) return false;
    this.blankBetween += this.blankPending;
    this.blankPending = 0;
    this.flushEmpty();
    const builders = this.builders;
    for (let k = 0; k < width; k++) builders[k]!.pushNumber(values[k]!);
    this.rows++;
    return true;
  }

  private digitScratch = new Float64Array(0);

  finish(source: DataSource): Dataset {
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
    const raws = this.builders.map((b) => b.finish());
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
