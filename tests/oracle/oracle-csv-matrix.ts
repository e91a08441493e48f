/**
 * Reads an oracle CSV (header row, comma separated, empty cell = missing) into a numeric Matrix
 * of the chosen columns, respondents first, NaN = missing. Test-only: the app reads data through
 * core/node/data; this keeps the correlation/reliability oracle tests independent of that layer.
 */
import { readFileSync } from 'node:fs';
import { itemColumnsOf, type ItemColumns } from '../../core/factor/item-columns';
import type { Matrix } from '../../core/math/matrix';
import { oraclePath } from './oracle-files';

/** The same answers as item columns (what correlations and factor analysis read). */
export function readOracleCsvColumns(file: string, columns: readonly string[], rowIndex?: readonly number[]): ItemColumns {
  return itemColumnsOf(readOracleCsvMatrix(file, columns, rowIndex));
}

export function readOracleCsvMatrix(file: string, columns: readonly string[], rowIndex?: readonly number[]): Matrix {
  const lines = readFileSync(oraclePath('data', file), 'utf8').split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines[0]!.split(',').map((h) => h.replace(/^"|"$/g, ''));
  const index = columns.map((c) => {
    const k = header.indexOf(c);
    if (k < 0) throw new Error(`column ${c} not in ${file}`);
    return k;
  });
  const body = lines.slice(1).map((line) => line.split(','));
  const rows = rowIndex ?? body.map((_, i) => i);
  const data = new Float64Array(rows.length * columns.length);
  rows.forEach((r, i) => {
    const cells = body[r]!;
    index.forEach((k, j) => {
      const cell = (cells[k] ?? '').replace(/^"|"$/g, '');
      data[i * columns.length + j] = cell === '' || cell === 'NA' ? NaN : Number(cell);
    });
  });
  return { rows: rows.length, cols: columns.length, data };
}

export const BFI_ITEMS = ['A1', 'A2', 'A3', 'A4', 'A5', 'C1', 'C2', 'C3', 'C4', 'C5', 'E1', 'E2', 'E3', 'E4', 'E5', 'N1', 'N2', 'N3', 'N4', 'N5', 'O1', 'O2', 'O3', 'O4', 'O5'] as const;

/**
 * True when `ours` agrees with an oracle value rounded to 6 significant digits (signif(x, 6)):
 * |Δ| ≤ half a unit in the 6th digit, plus `slack` (absolute) for the reference's own optimiser
 * precision where one applies.
 */
export function agreesToSixDigits(ours: number, reference: number, slack = 0): boolean {
  if (reference === 0) return Math.abs(ours) <= 5e-7 + slack;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(reference))) - 5);
  return Math.abs(ours - reference) <= 0.5 * unit * 1.0001 + slack;
}

/** The largest |ours − reference| over two same-shaped tables (nulls skipped). */
export function maxAbsDifference(ours: (i: number, j: number) => number, reference: readonly (readonly (number | null)[])[]): number {
  let worst = 0;
  reference.forEach((row, i) => row.forEach((v, j) => {
    if (v !== null) worst = Math.max(worst, Math.abs(ours(i, j) - v));
  }));
  return worst;
}
