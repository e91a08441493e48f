/**
 * Squared multiple correlations, as psych::smc: SMC_i = 1 − 1/(R⁺)_ii with R⁺ the
 * pseudo-inverse (psych's Pinv, tolerance √ε relative to the largest singular value), so a
 * singular matrix still gives an answer. Values above 1 are set to 1 and below 0 to 0, as psych
 * does. SMC_i is the R² of item i regressed on all the others: the classic starting communality.
 */
import type { Matrix } from '../math/matrix';
import { pseudoInverseSymmetric } from '../math/pseudo-inverse';

export function smc(r: Matrix): Float64Array {
  const p = r.rows;
  const { inverse } = pseudoInverseSymmetric(r);
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const value = 1 - 1 / inverse.data[i * p + i]!;
    out[i] = Number.isNaN(value) ? 1 : value > 1 ? 1 : value < 0 ? 0 : value;
  }
  return out;
}
