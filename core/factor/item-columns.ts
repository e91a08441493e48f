/**
 * The answers an analysis reads: n respondents × p items, one Float64Array of n answers per item
 * (NaN = missing), items in the order given.
 *
 * Why columns: a survey file arrives as columns (core/data keeps one array per column), and every
 * pass over the answers is a pass per item or per pair of items (scans, cross-tables, moments).
 * An analysis therefore reads the dataset's own arrays; an n × p row-major copy would cost a
 * 22 MB write and its page faults at N = 112,000 before any statistic is computed. The few passes
 * that want whole rows (Pearson sums and factor scores in core/kernels) stage them block by block.
 */
import type { Matrix } from '../math/matrix';

export type ItemColumns = {
  /** Respondents (the length of every column). */
  rows: number;
  /** One column of `rows` answers per item. */
  columns: readonly Float64Array[];
};

/** The columns of a row-major n × p matrix (tests and callers holding a matrix). */
export function itemColumnsOf(data: Matrix): ItemColumns {
  const { rows: n, cols: p, data: x } = data;
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  for (let r = 0, at = 0; r < n; r++) for (let j = 0; j < p; j++, at++) columns[j]![r] = x[at]!;
  return { rows: n, columns };
}

/** The rows for which keep[r] is 1, in order (listwise deletion, weights > 0). */
export function keepRows(data: ItemColumns, keep: Uint8Array, kept: number): ItemColumns {
  const columns = data.columns.map((column) => {
    const out = new Float64Array(kept);
    for (let r = 0, i = 0; r < data.rows; r++) if (keep[r] === 1) out[i++] = column[r]!;
    return out;
  });
  return { rows: kept, columns };
}
