/**
 * A dense row-major matrix of doubles, the one matrix shape of core/. Plain data (survives
 * structuredClone and JSON through the typed-array codec); the helpers are small pure functions.
 * Hot loops index `data` directly rather than calling `get`.
 */
export type Matrix = { rows: number; cols: number; data: Float64Array };

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const m = zeros(r, c);
  rows.forEach((row, i) => row.forEach((v, j) => (m.data[i * c + j] = v)));
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j]!;
}

export function transpose(m: Matrix): Matrix {
  const t = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j]!;
  return t;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`multiply: ${a.rows}x${a.cols} by ${b.rows}x${b.cols}`);
  const out = zeros(a.rows, b.cols);
  const { data: ad } = a;
  const { data: bd } = b;
  const od = out.data;
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = ad[i * a.cols + k]!;
      if (aik === 0) continue;
      const bRow = k * b.cols;
      const oRow = i * b.cols;
      for (let j = 0; j < b.cols; j++) od[oRow + j]! += aik * bd[bRow + j]!;
    }
  }
  return out;
}

/** aᵀb without forming the transpose. */
export function crossProduct(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw new Error(`crossProduct: ${a.rows}x${a.cols} with ${b.rows}x${b.cols}`);
  const out = zeros(a.cols, b.cols);
  for (let r = 0; r < a.rows; r++) {
    for (let i = 0; i < a.cols; i++) {
      const ari = a.data[r * a.cols + i]!;
      if (ari === 0) continue;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j]! += ari * b.data[r * b.cols + j]!;
    }
  }
  return out;
}

export function diagonal(m: Matrix): Float64Array {
  const n = Math.min(m.rows, m.cols);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = m.data[i * m.cols + i]!;
  return d;
}

export function cloneMatrix(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: new Float64Array(m.data) };
}
