/**
 * Varimax as R's stats::varimax (what psych::fa(rotate = "varimax") calls): Kaiser-normalise the
 * rows, then iterate  Z = X·T,  B = Xᵀ(Z³ − Z·diag(1ᵀZ²)/p),  T = polar(B),  d = Σ singular values
 * until d < d_prev·(1 + eps) (eps 1e-5, at most 1000 sweeps), and un-normalise. GPArotation's
 * `Varimax` (normalize = FALSE) optimises the raw criterion instead: a different optimum.
 * Cost O(sweeps · p·m²).
 */
import type { Matrix } from '../math/matrix';
import { identity, multiply } from '../math/matrix';
import { polarFactor } from './rotate-algebra';

export type VarimaxResult = { loadings: Matrix; T: Matrix; converged: boolean; iterations: number };

export function varimaxKaiser(A: Matrix, options: { normalize: boolean; maxIterations: number; epsilon: number }): VarimaxResult {
  const { rows: p, cols: m } = A;
  const scale = new Float64Array(p).fill(1);
  const X = { rows: p, cols: m, data: new Float64Array(A.data) };
  if (options.normalize) {
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += A.data[i * m + k]! ** 2;
      scale[i] = Math.sqrt(s);
      for (let k = 0; k < m; k++) X.data[i * m + k] = A.data[i * m + k]! / scale[i]!;
    }
  }
  let T = identity(m);
  let d = 0;
  let converged = false;
  let iterations = 0;
  const inner = { rows: p, cols: m, data: new Float64Array(p * m) };
  for (let sweep = 1; sweep <= options.maxIterations; sweep++) {
    iterations = sweep;
    const Z = multiply(X, T);
    const colSq = new Float64Array(m);
    for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) colSq[k]! += Z.data[i * m + k]! ** 2;
    for (let i = 0; i < p; i++) {
      for (let k = 0; k < m; k++) {
        const z = Z.data[i * m + k]!;
        inner.data[i * m + k] = z * z * z - (z * colSq[k]!) / p;
      }
    }
    const B = { rows: m, cols: m, data: new Float64Array(m * m) };
    for (let i = 0; i < p; i++) {
      for (let a = 0; a < m; a++) {
        const x = X.data[i * m + a]!;
        for (let b = 0; b < m; b++) B.data[a * m + b]! += x * inner.data[i * m + b]!;
      }
    }
    const { polar, singularSum } = polarFactor(B);
    T = polar;
    const previous = d;
    d = singularSum;
    if (d < previous * (1 + options.epsilon)) {
      converged = true;
      break;
    }
  }
  const loadings = multiply(X, T);
  if (options.normalize) for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) loadings.data[i * m + k]! *= scale[i]!;
  return { loadings, T, converged, iterations };
}
