/**
 * Shared pieces of eigen-based extraction: loadings V_m·diag(√max(λ_m, 0)) from a decomposition,
 * and the "reduced" eigenvalues psych reports (eig of R with the communalities on its diagonal).
 */
import type { TopEigen } from './extract-eigen-solver';
import { eigenTop } from './extract-eigen-solver';
import type { Matrix } from '../math/matrix';
import { zeros } from '../math/matrix';

export function loadingsFromEigen(eig: TopEigen): Matrix {
  const { p, m } = eig;
  const out = zeros(p, m);
  for (let k = 0; k < m; k++) {
    const root = Math.sqrt(Math.max(eig.values[k]!, 0));
    for (let i = 0; i < p; i++) out.data[i * m + k] = eig.vectors[i * m + k]! * root;
  }
  return out;
}

/** R with its diagonal replaced by `diagonal`, row-major. */
export function withDiagonal(R: Matrix, diagonal: ArrayLike<number>): Float64Array {
  const p = R.rows;
  const out = new Float64Array(R.data);
  for (let i = 0; i < p; i++) out[i * p + i] = diagonal[i]!;
  return out;
}

/** eig(R with diag = rowSums(Λ²)): psych's `values` for minres and ml. */
export function reducedEigenvalues(R: Matrix, loadings: Matrix): Float64Array {
  const p = R.rows;
  const m = loadings.cols;
  const h2 = new Float64Array(p);
  for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) h2[i]! += loadings.data[i * m + k]! ** 2;
  return eigenTop(withDiagonal(R, h2), p, 0).values;
}
