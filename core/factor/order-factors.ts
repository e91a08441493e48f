/**
 * psych's sign and order conventions after rotation (psych::fa):
 *  1. flip each factor so its loadings sum to ≥ 0 (sign(0) → +), and flip Φ the same way (DΦD);
 *  2. with m > 1, sort factors by decreasing variance accounted for — diag(ΛᵀΛ) without Φ,
 *     diag(Φ·ΛᵀΛ) with Φ — and reorder Φ and the rotation matrix's columns alike.
 * `order[k]` is the unrotated/unsorted index of output factor k (psych's names MR{order[k]+1}).
 */
import type { Matrix } from '../math/matrix';

export type OrderedFactors = { loadings: Matrix; phi: Matrix | null; rotationMatrix: Matrix; order: number[] };

export function orderFactors(loadings: Matrix, phi: Matrix | null, rotationMatrix: Matrix): OrderedFactors {
  const { rows: p, cols: m } = loadings;
  const signs = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += loadings.data[i * m + k]!;
    signs[k] = s < 0 ? -1 : 1;
  }
  const ss = new Float64Array(m * m); // (DΛ)ᵀ(DΛ)
  for (let i = 0; i < p; i++) {
    for (let a = 0; a < m; a++) {
      const la = signs[a]! * loadings.data[i * m + a]!;
      for (let b = 0; b < m; b++) ss[a * m + b]! += la * signs[b]! * loadings.data[i * m + b]!;
    }
  }
  const variance = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    if (phi === null) variance[k] = ss[k * m + k]!;
    else for (let j = 0; j < m; j++) variance[k]! += signs[k]! * signs[j]! * phi.data[k * m + j]! * ss[j * m + k]!;
  }
  const order = Array.from({ length: m }, (_, k) => k);
  if (m > 1) order.sort((a, b) => variance[b]! - variance[a]! || a - b);
  const out = { rows: p, cols: m, data: new Float64Array(p * m) };
  for (let i = 0; i < p; i++) order.forEach((src, k) => (out.data[i * m + k] = signs[src]! * loadings.data[i * m + src]!));
  const rot = { rows: rotationMatrix.rows, cols: m, data: new Float64Array(rotationMatrix.data.length) };
  for (let i = 0; i < rotationMatrix.rows; i++) order.forEach((src, k) => (rot.data[i * m + k] = signs[src]! * rotationMatrix.data[i * m + src]!));
  let phiOut: Matrix | null = null;
  if (phi !== null) {
    phiOut = { rows: m, cols: m, data: new Float64Array(m * m) };
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) phiOut.data[a * m + b] = signs[order[a]!]! * signs[order[b]!]! * phi.data[order[a]! * m + order[b]!]!;
    }
  }
  return { loadings: out, phi: phiOut, rotationMatrix: rot, order };
}
