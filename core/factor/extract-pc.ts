/**
 * Principal components as psych::principal: Λ = V_m · diag(√λ_m) from eig(R), uniquenesses
 * 1 − h². Uses our eigensolver (the same Householder + QL that ml-pca runs on a covariance
 * matrix) directly on R, since ml-pca would only re-derive R from raw data we already have.
 */
import { eigenTop } from './extract-eigen-solver';
import type { Matrix } from '../math/matrix';
import type { RawExtraction } from './extract';
import { loadingsFromEigen } from './extract-eigen';

export function extractPc(R: Matrix, m: number): RawExtraction {
  const p = R.rows;
  const loadings = loadingsFromEigen(eigenTop(R.data, p, m));
  const uniquenesses = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let h2 = 0;
    for (let k = 0; k < m; k++) h2 += loadings.data[i * m + k]! ** 2;
    uniquenesses[i] = 1 - h2;
  }
  return { loadings, uniquenesses, eigenvaluesReduced: null, iterations: 0, converged: true, notices: [] };
}
