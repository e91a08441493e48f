/**
 * Starting values shared by the iterative extractions. psych starts minres and ML at
 * ψ₀ = diag(R) − smc(R) and principal axis at communalities smc(R) (smc.ts: 1 − 1/(R⁺)_ii from
 * the pseudo-inverse, clipped to [0, 1]).
 */
import type { Matrix } from '../math/matrix';
import { smc } from './smc';

/** Lower bound on uniquenesses in minres/ml (psych's optim lower = .005): reaching it is a Heywood case. */
export const UNIQUENESS_LOWER_BOUND = 0.005;

/** ψ₀ = diag(R) − smc(R), clipped into the optimiser's box [0.005, 1]. */
export function startingUniquenesses(R: Matrix): Float64Array {
  const p = R.rows;
  const s = smc(R);
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) out[i] = Math.min(1, Math.max(UNIQUENESS_LOWER_BOUND, R.data[i * p + i]! - s[i]!));
  return out;
}
