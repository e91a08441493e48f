/**
 * Gradient projection rotation (Jennrich 2001, 2002), matching GPArotation's GPForth (orthogonal)
 * and GPFoblq (oblique) step for step: start T = I, step α doubled each outer iteration, up to 11
 * halvings until the Armijo-type condition holds, and the last trial T taken even if none held.
 * Stops when the projected gradient's Frobenius norm s < eps (1e-5) or after maxit (1000).
 *   orthogonal: L = A·T,       G = Aᵀ·Gq,               Gp = G − T·sym(TᵀG),  T̃ = polar(T − αGp)
 *   oblique:    L = A·(Tᵀ)⁻¹,  G = −(Lᵀ·Gq·T⁻¹)ᵀ,       Gp = G − T·diag(1ᵀ(T∘G)), T̃ = T − αGp with unit columns
 * Φ = TᵀT for the oblique case. Hand-written: no maintained JS implementation exists.
 * Cost O(iterations · trials · (p·m² + m³)).
 */
import { BugError } from '../errors';
import type { Matrix } from '../math/matrix';
import { crossProduct, identity, multiply, transpose, zeros } from '../math/matrix';
import { invertMatrix, polarFactor } from './rotate-algebra';
import type { RotationCriterion } from './rotate-criteria';

export type GpaOptions = { maxIterations: number; epsilon: number };
export type GpaResult = { loadings: Matrix; T: Matrix; converged: boolean; iterations: number; criterion: number };

export function gpaOrthogonal(A: Matrix, criterion: RotationCriterion, options: GpaOptions): GpaResult {
  const m = A.cols;
  let T = identity(m);
  let L = multiply(A, T);
  let q = criterion(L);
  let f = q.f;
  let G = crossProduct(A, asMatrix(q.gradient, A.rows, m));
  let alpha = 1;
  let s = Infinity;
  let iterations = 0;
  for (let iter = 0; iter <= options.maxIterations; iter++) {
    iterations = iter;
    const M = crossProduct(T, G);
    const S = zeros(m, m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) S.data[i * m + j] = (M.data[i * m + j]! + M.data[j * m + i]!) / 2;
    const TS = multiply(T, S);
    const Gp = zeros(m, m);
    for (let i = 0; i < m * m; i++) Gp.data[i] = G.data[i]! - TS.data[i]!;
    s = frobenius(Gp);
    if (s < options.epsilon) break;
    alpha *= 2;
    let Tt = T;
    for (let trial = 0; trial <= 10; trial++) {
      const X = zeros(m, m);
      for (let i = 0; i < m * m; i++) X.data[i] = T.data[i]! - alpha * Gp.data[i]!;
      Tt = polarFactor(X).polar;
      L = multiply(A, Tt);
      q = criterion(L);
      if (q.f < f - 0.5 * s * s * alpha) break;
      alpha /= 2;
    }
    T = Tt;
    f = q.f;
    G = crossProduct(A, asMatrix(q.gradient, A.rows, m));
  }
  return { loadings: L, T, converged: s < options.epsilon, iterations, criterion: f };
}

export function gpaOblique(A: Matrix, criterion: RotationCriterion, options: GpaOptions): GpaResult {
  const m = A.cols;
  let T = identity(m);
  let Tinv = identity(m);
  let L = multiply(A, transpose(Tinv));
  let q = criterion(L);
  let f = q.f;
  let G = obliqueGradient(L, q.gradient, Tinv);
  let alpha = 1;
  let s = Infinity;
  let iterations = 0;
  for (let iter = 0; iter <= options.maxIterations; iter++) {
    iterations = iter;
    const Gp = zeros(m, m);
    for (let k = 0; k < m; k++) {
      let c = 0;
      for (let i = 0; i < m; i++) c += T.data[i * m + k]! * G.data[i * m + k]!;
      for (let i = 0; i < m; i++) Gp.data[i * m + k] = G.data[i * m + k]! - T.data[i * m + k]! * c;
    }
    s = frobenius(Gp);
    if (s < options.epsilon) break;
    alpha *= 2;
    let Tt = T;
    let TtInv = Tinv;
    for (let trial = 0; trial <= 10; trial++) {
      Tt = zeros(m, m);
      for (let k = 0; k < m; k++) {
        let norm = 0;
        for (let i = 0; i < m; i++) norm += (T.data[i * m + k]! - alpha * Gp.data[i * m + k]!) ** 2;
        const v = 1 / Math.sqrt(norm);
        for (let i = 0; i < m; i++) Tt.data[i * m + k] = (T.data[i * m + k]! - alpha * Gp.data[i * m + k]!) * v;
      }
      const inv = invertMatrix(Tt);
      if (inv === null) throw new BugError('oblique rotation reached a singular transformation');
      TtInv = inv;
      L = multiply(A, transpose(TtInv));
      q = criterion(L);
      if (f - q.f > 0.5 * s * s * alpha) break;
      alpha /= 2;
    }
    T = Tt;
    Tinv = TtInv;
    f = q.f;
    G = obliqueGradient(L, q.gradient, Tinv);
  }
  return { loadings: L, T, converged: s < options.epsilon, iterations, criterion: f };
}

/** G = −(Lᵀ·Gq·T⁻¹)ᵀ. */
function obliqueGradient(L: Matrix, gq: Float64Array, Tinv: Matrix): Matrix {
  const inner = multiply(crossProduct(L, asMatrix(gq, L.rows, L.cols)), Tinv);
  const G = transpose(inner);
  for (let i = 0; i < G.data.length; i++) G.data[i] = -G.data[i]!;
  return G;
}

function asMatrix(data: Float64Array, rows: number, cols: number): Matrix {
  return { rows, cols, data };
}

function frobenius(x: Matrix): number {
  let s = 0;
  for (const v of x.data) s += v * v;
  return Math.sqrt(s);
}
