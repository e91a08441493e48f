/**
 * Starting values shared by the iterative extractions. psych starts minres and ML at
 * ψ₀ = diag(R) − smc(R) and principal axis at communalities smc(R), with
 * smc_i = 1 − 1/(R⁺)_ii from the pseudo-inverse (eigenvalues ≤ √ε·λ_max dropped), clipped to
 * [0, 1] — the same definition as smc.ts, computed here with the allocation-free eigensolver of
 * the extraction hot loop (parallel analysis fits hundreds of small models).
 */
import type { Matrix } from '../math/matrix';
import { eigenSymmetricFast } from './extract-eigen-solver';

/** Lower bound on uniquenesses in minres/ml (psych's optim lower = .005): reaching it is a Heywood case. */
export const UNIQUENESS_LOWER_BOUND = 0.005;

const PINV_TOLERANCE = Math.sqrt(2.220446049250313e-16);

export function startingSmc(R: Matrix): Float64Array {
  const p = R.rows;
  const { values, vectors } = eigenSymmetricFast(R.data, p);
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  const cut = PINV_TOLERANCE * largest;
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let diag = 0;
    for (let k = 0; k < p; k++) if (Math.abs(values[k]!) > cut) diag += vectors[i * p + k]! ** 2 / values[k]!;
    const smc = 1 - 1 / diag;
    out[i] = Number.isNaN(smc) ? 1 : Math.min(1, Math.max(0, smc));
  }
  return out;
}

/** ψ₀ = diag(R) − smc(R), clipped into the optimiser's box [0.005, 1]. */
export function startingUniquenesses(R: Matrix): Float64Array {
  const p = R.rows;
  const s = startingSmc(R);
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) out[i] = Math.min(1, Math.max(UNIQUENESS_LOWER_BOUND, R.data[i * p + i]! - s[i]!));
  return out;
}
