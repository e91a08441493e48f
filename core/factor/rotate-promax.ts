/**
 * Promax as psych::fa(rotate = "promax"), i.e. psych::kaiser(L, "Promax", m = 4):
 *   h² = rowSums(L²); A = L/√h² (Kaiser); X = varimax(A) with rotation T_v;
 *   target Q = X∘|X|^{m−1}; U = (XᵀX)⁻¹XᵀQ (least squares); U ← U·diag(√diag((UᵀU)⁻¹));
 *   pattern = (X·U)·√h²; rotation = T_v·U; Φ = U⁻¹U⁻ᵀ (unit diagonal by the column scaling).
 * Cost: one varimax plus O(p·m² + m³).
 */
import { BugError } from '../errors';
import type { Matrix } from '../math/matrix';
import { crossProduct, multiply, transpose } from '../math/matrix';
import { invertMatrix } from './rotate-algebra';
import { varimaxKaiser } from './rotate-varimax';

export type PromaxResult = { loadings: Matrix; rotationMatrix: Matrix; phi: Matrix; converged: boolean; iterations: number };

export function promaxKaiser(L: Matrix, options: { power: number; maxIterations: number; epsilon: number }): PromaxResult {
  const { rows: p, cols: m } = L;
  const root = new Float64Array(p);
  const A = { rows: p, cols: m, data: new Float64Array(p * m) };
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += L.data[i * m + k]! ** 2;
    root[i] = Math.sqrt(s);
    for (let k = 0; k < m; k++) A.data[i * m + k] = L.data[i * m + k]! / root[i]!;
  }
  const vari = varimaxKaiser(A, { normalize: true, maxIterations: options.maxIterations, epsilon: options.epsilon });
  const X = vari.loadings;
  const Q = { rows: p, cols: m, data: X.data.map((x) => x * Math.abs(x) ** (options.power - 1)) };
  const xtxInv = invertOrThrow(crossProduct(X, X));
  const U = multiply(xtxInv, crossProduct(X, Q));
  const utuInv = invertOrThrow(crossProduct(U, U));
  for (let k = 0; k < m; k++) {
    const d = Math.sqrt(utuInv.data[k * m + k]!);
    for (let i = 0; i < m; i++) U.data[i * m + k]! *= d;
  }
  const loadings = multiply(X, U);
  for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) loadings.data[i * m + k]! *= root[i]!;
  const rotationMatrix = multiply(vari.T, U);
  const ui = invertOrThrow(rotationMatrix);
  const phi = multiply(ui, transpose(ui));
  return { loadings, rotationMatrix, phi, converged: vari.converged, iterations: vari.iterations };
}

function invertOrThrow(a: Matrix): Matrix {
  const inv = invertMatrix(a);
  if (inv === null) throw new BugError('promax met a singular matrix');
  return inv;
}
