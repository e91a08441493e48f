/**
 * Small dense linear algebra for factor rotation and scoring: inverse of an m×m matrix (Gauss–
 * Jordan with partial pivoting), the polar factor U·Vᵀ of a square matrix (via ml-matrix's SVD,
 * as R's La.svd in stats::varimax and GPArotation's GPForth), and powers of a symmetric matrix
 * by eigendecomposition (ten Berge scores, ML scaling). m is the number of factors (≤ ~20), so
 * clarity beats blocking here.
 */
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { wasmInvertMatrix } from '../kernels/linear-algebra';
import { eigenSymmetricFast } from './extract-eigen-solver';
import type { Matrix } from '../math/matrix';
import { zeros } from '../math/matrix';

/** Inverse of a square matrix; null when it is singular to working precision. */
export function invertMatrix(a: Matrix): Matrix | null {
  const n = a.rows;
  const compiled = wasmInvertMatrix(a.data, n);
  if (compiled !== null) return compiled === 'singular' ? null : { rows: n, cols: n, data: compiled };
  return invertMatrixReference(a);
}

/** Gauss–Jordan with partial pivoting; run by its WebAssembly build (core/kernels, the same bits) where one is available. */
function invertMatrixReference(a: Matrix): Matrix | null {
  const n = a.rows;
  const w = new Float64Array(a.data);
  const inv = zeros(n, n);
  const out = inv.data;
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  let scale = 0;
  for (const v of w) scale = Math.max(scale, Math.abs(v));
  if (scale === 0) return null;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(w[r * n + col]!) > Math.abs(w[pivot * n + col]!)) pivot = r;
    const pv = w[pivot * n + col]!;
    if (Math.abs(pv) <= 1e-14 * scale) return null;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        swap(w, pivot * n + j, col * n + j);
        swap(out, pivot * n + j, col * n + j);
      }
    }
    for (let j = 0; j < n; j++) {
      w[col * n + j]! /= pv;
      out[col * n + j]! /= pv;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = w[r * n + col]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        w[r * n + j]! -= f * w[col * n + j]!;
        out[r * n + j]! -= f * out[col * n + j]!;
      }
    }
  }
  return inv;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** X = U D Vᵀ → { polar: U Vᵀ, singularSum: Σ D } for a square X. */
export function polarFactor(x: Matrix): { polar: Matrix; singularSum: number } {
  const n = x.rows;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(x.data.subarray(i * n, (i + 1) * n)));
  const svd = new SingularValueDecomposition(new MlMatrix(rows), { autoTranspose: false });
  const u = svd.leftSingularVectors;
  const v = svd.rightSingularVectors;
  const polar = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += u.get(i, k) * v.get(j, k);
      polar.data[i * n + j] = s;
    }
  }
  let singularSum = 0;
  for (const d of svd.diagonal) singularSum += d;
  return { polar, singularSum };
}

/**
 * A^power for symmetric A (row-major p×p) by eigendecomposition. Eigenvalues below `floor` are
 * raised to it first (psych's matrix roots: negative eigenvalues → floor).
 */
export function symmetricPower(a: ArrayLike<number>, p: number, power: number, floor: number): Float64Array {
  const { values, vectors } = eigenSymmetricFast(a, p);
  const scaled = new Float64Array(p);
  for (let k = 0; k < p; k++) scaled[k] = Math.pow(Math.max(values[k]!, floor), power);
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += vectors[i * p + k]! * scaled[k]! * vectors[j * p + k]!;
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return out;
}
