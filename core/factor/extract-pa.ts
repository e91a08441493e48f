/**
 * Principal axis factoring as psych::fa(fm = "pa"): put squared multiple correlations on the
 * diagonal of R (1s when m > p... never here, m ≤ p is checked), then repeat
 *   eig of the reduced matrix → Λ = V_m √λ_m → new diagonal = rowSums(Λ²)
 * until the summed communality changes by less than minErr (0.001) or maxIterations (50) passes.
 * The loadings are those of the last decomposition (of the matrix holding the previous
 * communalities), exactly as psych. psych takes √ of a negative eigenvalue (NaN); we take
 * max(λ, 0) and say so in a notice.
 * Cost: one p×p eigendecomposition per iteration.
 */
import type { TopEigen } from './extract-eigen-solver';
import { eigenTop } from './extract-eigen-solver';
import type { Matrix } from '../math/matrix';
import type { Notice } from '../notices';
import { notice } from '../notices';
import type { RawExtraction } from './extract';
import { loadingsFromEigen, withDiagonal } from './extract-eigen';
import { smc } from './smc';

export function extractPa(R: Matrix, m: number, maxIterations: number, minErr: number): RawExtraction {
  const p = R.rows;
  const diagonal = smc(R);
  let comm = sum(diagonal);
  let iterations = 0;
  let converged = false;
  let eig: TopEigen | null = null;
  let loadings: Matrix | null = null;
  const notices: Notice[] = [];
  while (iterations < maxIterations) {
    eig = eigenTop(withDiagonal(R, diagonal), p, m);
    loadings = loadingsFromEigen(eig);
    iterations++;
    let comm1 = 0;
    for (let i = 0; i < p; i++) {
      let h2 = 0;
      for (let k = 0; k < m; k++) h2 += loadings.data[i * m + k]! ** 2;
      diagonal[i] = h2;
      comm1 += h2;
    }
    const err = Math.abs(comm - comm1);
    comm = comm1;
    if (err <= minErr) {
      converged = true;
      break;
    }
  }
  if (eig === null || loadings === null) throw new Error('extractPa: maxIterations must be at least 1');
  for (let k = 0; k < m; k++) {
    if (eig.values[k]! < 0) {
      notices.push(notice('heywood-case', 'strong-warning', `Principal axis factoring met a negative eigenvalue for factor ${k + 1}; its loadings were set to 0. Extract fewer factors.`));
      break;
    }
  }
  if (!converged) {
    notices.push(notice('not-converged', 'warning', `Principal axis factoring did not converge in ${maxIterations} iterations (communality change still ≥ ${minErr}); the last iterate is reported.`));
  }
  const uniquenesses = new Float64Array(p);
  for (let i = 0; i < p; i++) uniquenesses[i] = 1 - diagonal[i]!;
  return { loadings, uniquenesses, eigenvaluesReduced: eig.values, iterations, converged, notices };
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}
