/**
 * Maximum-likelihood extraction as psych::fa(fm = "ml") (factanal's objective and gradient).
 * With R* = Ψ^{-1/2} R Ψ^{-1/2} and its eigenvalues e_1 ≥ … ≥ e_p,
 *   f(ψ) = Σ_{k>m} (e_k − ln e_k) + m − p,        ∂f/∂ψ_i = (ΛΛᵀ + Ψ − R)_ii / ψ_i²,
 * Λ = Ψ^{1/2} V_m √max(e_m − 1, 0). f is the profile of F_ML = tr(Σ⁻¹R) − ln|Σ⁻¹R| − p over Λ.
 * Minimised over ψ ∈ [0.005, 1]ᵖ from ψ₀ = 1 − smc, as psych (optim L-BFGS-B, same bounds).
 * Cost per function evaluation: all eigenvalues plus the m leading eigenvectors (eigenTop), O(p³).
 */
import { eigenTop } from './extract-eigen-solver';
import { InputError } from '../errors';
import type { Matrix } from '../math/matrix';
import { zeros } from '../math/matrix';
import { notice } from '../notices';
import type { RawExtraction } from './extract';
import { reducedEigenvalues } from './extract-eigen';
import { minimizeBox } from './extract-optimizer';
import { startingUniquenesses, UNIQUENESS_LOWER_BOUND } from './extract-start';

/** Below this smallest eigenvalue R is treated as singular (relative to its unit diagonal). */
const SINGULAR_TOLERANCE = 1e-10;

export function extractMl(R: Matrix, m: number, maxIterations: number): RawExtraction {
  const p = R.rows;
  const smallest = eigenTop(R.data, p, 0).values[p - 1]!;
  if (!(smallest > SINGULAR_TOLERANCE)) {
    // ln det R is −∞ or undefined: so is the likelihood for every ψ (psych's optim stops with an error).
    throw new InputError('data-degenerate', `Maximum likelihood needs a positive-definite correlation matrix, but this one is not (smallest eigenvalue ${smallest.toPrecision(3)}): some items are duplicates or exact combinations of others, or pairwise deletion produced an inconsistent matrix. Choose minres or pa extraction, listwise deletion, or remove the redundant items.`);
  }
  const start = startingUniquenesses(R);
  const objective = (psi: Float64Array, gradient: Float64Array): number => {
    const { values, loadings } = scaledDecomposition(R, psi, m);
    let f = m - p;
    for (let k = m; k < p; k++) {
      const e = values[k]!;
      f += e - Math.log(e);
    }
    for (let i = 0; i < p; i++) {
      let model = psi[i]!;
      for (let k = 0; k < m; k++) model += loadings.data[i * m + k]! ** 2;
      gradient[i] = (model - R.data[i * p + i]!) / psi[i]! ** 2;
    }
    return f;
  };
  const fit = minimizeBox(objective, start, { lower: UNIQUENESS_LOWER_BOUND, upper: 1, maxIterations });
  const { loadings } = scaledDecomposition(R, fit.x, m);
  const notices = fit.converged
    ? []
    : [notice('not-converged', 'warning', `Maximum-likelihood extraction did not converge in ${maxIterations} iterations; the last iterate is reported. Try fewer factors or minres.`)];
  return {
    loadings,
    uniquenesses: fit.x,
    eigenvaluesReduced: reducedEigenvalues(R, loadings),
    iterations: fit.iterations,
    converged: fit.converged,
    notices,
  };
}

/** Eigenvalues of Ψ^{-1/2} R Ψ^{-1/2} and the ML loadings Ψ^{1/2} V_m √max(e_m − 1, 0). */
function scaledDecomposition(R: Matrix, psi: Float64Array, m: number): { values: Float64Array; loadings: Matrix } {
  const p = R.rows;
  const scale = psi.map((v) => 1 / Math.sqrt(v));
  const scaled = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) scaled[i * p + j] = R.data[i * p + j]! * scale[i]! * scale[j]!;
  const { values, vectors } = eigenTop(scaled, p, m);
  const loadings = zeros(p, m);
  for (let k = 0; k < m; k++) {
    const root = Math.sqrt(Math.max(values[k]! - 1, 0));
    for (let i = 0; i < p; i++) loadings.data[i * m + k] = Math.sqrt(psi[i]!) * vectors[i * m + k]! * root;
  }
  return { values, loadings };
}
