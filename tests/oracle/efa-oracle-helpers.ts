/**
 * Helpers for comparing our factor solutions with psych's: oracle matrices to our Matrix, and
 * alignment of factor order and sign (psych's names keep the unrotated index, and a factor's sign
 * is a convention) by trying every permutation (m ≤ 7) and choosing signs per column.
 */
import { readFileSync } from 'node:fs';
import type { Matrix } from '../../core/math/matrix';
import type { OracleMatrix } from './oracle-files';
import { oraclePath } from './oracle-files';

export function oracleToMatrix(m: OracleMatrix): Matrix {
  const rows = m.values.length;
  const cols = rows === 0 ? 0 : m.values[0]!.length;
  const data = new Float64Array(rows * cols);
  m.values.forEach((row, i) => row.forEach((v, j) => (data[i * cols + j] = v ?? NaN)));
  return { rows, cols, data };
}

export type Alignment = { order: number[]; signs: number[] };

/** The column permutation and signs of `ours` that best match `reference` (least squares). */
export function alignFactors(ours: Matrix, reference: Matrix): Alignment {
  const m = ours.cols;
  let best: Alignment = { order: [], signs: [] };
  let bestCost = Infinity;
  for (const perm of permutations(m)) {
    let cost = 0;
    const signs: number[] = [];
    perm.forEach((src, k) => {
      let plus = 0;
      let minus = 0;
      for (let i = 0; i < ours.rows; i++) {
        const a = ours.data[i * m + src]!;
        const b = reference.data[i * m + k]!;
        plus += (a - b) ** 2;
        minus += (a + b) ** 2;
      }
      signs.push(plus <= minus ? 1 : -1);
      cost += Math.min(plus, minus);
    });
    if (cost < bestCost) {
      bestCost = cost;
      best = { order: perm, signs };
    }
  }
  return best;
}

/** Columns of a p×m matrix reordered and re-signed. */
export function applyAlignment(x: Matrix, a: Alignment): Matrix {
  const m = x.cols;
  const out = { rows: x.rows, cols: m, data: new Float64Array(x.data.length) };
  for (let i = 0; i < x.rows; i++) a.order.forEach((src, k) => (out.data[i * m + k] = a.signs[k]! * x.data[i * m + src]!));
  return out;
}

/** Phi (m×m) reordered and re-signed on both sides. */
export function alignPhi(phi: Matrix, a: Alignment): Matrix {
  const m = phi.cols;
  const out = { rows: m, cols: m, data: new Float64Array(m * m) };
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      out.data[i * m + j] = a.signs[i]! * a.signs[j]! * phi.data[a.order[i]! * m + a.order[j]!]!;
    }
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number | null>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const bi = b[i];
    const d = Math.abs(a[i]! - (bi ?? NaN));
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let pos = 0; pos <= rest.length; pos++) out.push([...rest.slice(0, pos), n - 1, ...rest.slice(pos)]);
  }
  return out;
}

/** A numeric oracle CSV (header row; empty cell = NaN). */
export function readOracleCsv(name: string): { names: string[]; rows: number[][] } {
  const lines = readFileSync(oraclePath('data', name), 'utf8').trim().split(/\r?\n/);
  const names = lines[0]!.split(',').map((h) => h.replace(/^"|"$/g, ''));
  const rows = lines.slice(1).map((line) => line.split(',').map((cell) => (cell === '' || cell === 'NA' ? NaN : Number(cell))));
  return { names, rows };
}
