/**
 * Minimum residual (unweighted least squares) extraction as psych::fa(fm = "minres").
 *
 * Minimises over the uniquenesses ψ ∈ [0.005, 1]ᵖ the full ULS discrepancy
 *   F(ψ) = ½ ‖(R − Ψ) − ΛΛᵀ‖²_F = ½ Σ_{k>m} λ_k(R − Ψ)² + ½ Σ_{k≤m, λ_k<0} λ_k²,
 * where Λ = V_m √max(λ_m, 0) are the top-m eigen-loadings of R − Ψ, with gradient
 *   ∂F/∂ψ_i = (ΛΛᵀ + Ψ − R)_ii.
 * psych passes optim() this gradient (FAgr.minres) but a function value that counts only the
 * lower-triangle residuals; the two agree at a stationary point (zero diagonal residual), so the
 * consistent pair (F, ∇F) reaches psych's optimum without its inconsistency (see
 * ../shared/notes/algorithms.md §2.2). Start: ψ₀ = 1 − smc. Final loadings: Λ of R − Ψ.
 * Cost per function evaluation: all eigenvalues plus the m leading eigenvectors (eigenTop), O(p³).
 */
import { wasmMinresFit } from '../kernels/model';
import { eigenTop, inverseIterationStarts } from './extract-eigen-solver';
import type { Matrix } from '../math/matrix';
import { notice } from '../notices';
import type { RawExtraction } from './extract';
import { loadingsFromEigen, reducedEigenvalues, withDiagonal } from './extract-eigen';
import { BOX_DEFAULTS, minimizeBox } from './extract-optimizer';
import { startingUniquenesses, UNIQUENESS_LOWER_BOUND } from './extract-start';

export function extractMinres(R: Matrix, m: number, maxIterations: number, gradientTolerance?: number, stepTolerance?: number): RawExtraction {
  const p = R.rows;
  const start = startingUniquenesses(R);
  const reduced = new Float64Array(p);
  const A = new Float64Array(p * p); // R − Ψ, rebuilt in place at every evaluation
  const objective = (psi: Float64Array, gradient: Float64Array): number => {
    A.set(R.data);
    for (let i = 0; i < p; i++) A[i * p + i] = reduced[i] = R.data[i * p + i]! - psi[i]!;
    const { values, vectors } = eigenTop(A, p, m);
    // Σ_all λ_k² = ‖A‖²_F and Σ_all λ_k v_ik² = A_ii, so only the leading m eigenpairs are needed.
    let f = 0;
    for (const v of A) f += v * v;
    for (let i = 0; i < p; i++) gradient[i] = -A[i * p + i]!;
    for (let k = 0; k < m; k++) {
      const lambda = values[k]!;
      if (lambda < 0) continue;
      f -= lambda * lambda;
      for (let i = 0; i < p; i++) {
        const v = vectors[i * m + k]!;
        gradient[i]! += lambda * (v * v);
      }
    }
    return f / 2;
  };
  const options = {
    lower: UNIQUENESS_LOWER_BOUND,
    upper: 1,
    maxIterations,
    gradientTolerance: gradientTolerance ?? BOX_DEFAULTS.gradientTolerance,
    memory: BOX_DEFAULTS.memory,
    stepTolerance: stepTolerance ?? BOX_DEFAULTS.stepTolerance,
  };
  // The whole fit in WebAssembly where it runs (same iterates; core/kernels), else here.
  const compiled = p >= 3 && m < p ? wasmMinresFit(R.data, p, m, start, inverseIterationStarts(p, m), options) : null;
  const fit = compiled ?? minimizeBox(objective, start, options);
  const psi = fit.x;
  for (let i = 0; i < p; i++) reduced[i] = R.data[i * p + i]! - psi[i]!;
  // The WebAssembly fit hands back its last decomposition, of this very matrix (the same bits).
  const top = compiled === null ? eigenTop(withDiagonal(R, reduced), p, m) : { ...compiled.top, p, m };
  const loadings = loadingsFromEigen(top);
  const notices = fit.converged
    ? []
    : [notice('not-converged', 'warning', `Minres extraction did not converge in ${maxIterations} iterations; the last iterate is reported. Try fewer factors.`)];
  return {
    loadings,
    uniquenesses: psi,
    eigenvaluesReduced: reducedEigenvalues(R, loadings),
    iterations: fit.iterations,
    converged: fit.converged,
    notices,
  };
}
