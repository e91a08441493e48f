/**
 * Rotation criteria for gradient projection, as GPArotation's vgQ.* functions: each returns the
 * criterion value f(L) and its gradient Gq = ∂f/∂L (p × m, row-major) for loadings L.
 *   quartimin / oblimin(γ = 0): X = (L∘L)(11ᵀ − I);  f = ¼ Σ (L∘L)∘X;  Gq = L∘X
 *   geomin(δ):  pro_i = exp(Σ_j ln(L_ij² + δ)/m);  f = Σ_i pro_i;  Gq_ij = (2/m) L_ij/(L_ij² + δ) pro_i
 *   quartimax:  f = −¼ Σ L⁴;  Gq = −L³
 * Cost O(p·m²) per evaluation (oblimin), O(p·m) for the others.
 */
import type { Matrix } from '../math/matrix';

/** Returns f(L) and writes ∂f/∂L into `gradient` (p × m, row-major, caller-owned). */
export type RotationCriterion = (L: Matrix, gradient: Float64Array) => number;

export function quartiminCriterion(L: Matrix, gradient: Float64Array): number {
  const { rows: p, cols: m, data } = L;
  let f = 0;
  for (let i = 0; i < p; i++) {
    let rowSq = 0;
    for (let k = 0; k < m; k++) rowSq += data[i * m + k]! ** 2;
    for (let k = 0; k < m; k++) {
      const l = data[i * m + k]!;
      const x = rowSq - l * l; // Σ_{j≠k} L_ij²
      gradient[i * m + k] = l * x;
      f += l * l * x;
    }
  }
  return f / 4;
}

export function geominCriterion(delta: number): RotationCriterion {
  return (L, gradient) => {
    const { rows: p, cols: m, data } = L;
    let f = 0;
    for (let i = 0; i < p; i++) {
      let logSum = 0;
      for (let k = 0; k < m; k++) logSum += Math.log(data[i * m + k]! ** 2 + delta);
      const pro = Math.exp(logSum / m);
      f += pro;
      for (let k = 0; k < m; k++) {
        const l = data[i * m + k]!;
        gradient[i * m + k] = ((2 / m) * l * pro) / (l * l + delta);
      }
    }
    return f;
  };
}

export function quartimaxCriterion(L: Matrix, gradient: Float64Array): number {
  let f = 0;
  for (let i = 0; i < L.data.length; i++) {
    const l = L.data[i]!;
    const l2 = l * l;
    f -= l2 * l2;
    gradient[i] = -l2 * l;
  }
  return f / 4;
}
