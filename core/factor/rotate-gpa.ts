/**
 * Gradient projection rotation (Jennrich 2001, 2002), matching GPArotation's GPForth (orthogonal)
 * and GPFoblq (oblique) step for step: start T = I, step α doubled each outer iteration, up to 11
 * halvings until the Armijo-type condition holds, and the last trial T taken even if none held.
 * Stops when the projected gradient's Frobenius norm s < eps (1e-5) or after maxit (1000).
 *   orthogonal: L = A·T,       G = Aᵀ·Gq,               Gp = G − T·sym(TᵀG),  T̃ = polar(T − αGp)
 *   oblique:    L = A·(Tᵀ)⁻¹,  G = −(Lᵀ·Gq·T⁻¹)ᵀ,       Gp = G − T·diag(1ᵀ(T∘G)), T̃ = T − αGp with unit columns
 * Φ = TᵀT for the oblique case. Hand-written: no maintained JS implementation exists. The loops
 * reuse their buffers: a short-lived CLI process runs them mostly before the JIT warms up.
 * Cost O(iterations · trials · (p·m² + m³)). Oblique quartimin (oblimin, psych's default) runs its
 * WebAssembly build where it can (core/kernels/assembly/rotate.ts: the same iterates).
 */
import { BugError } from '../errors';
import { wasmGpaObliqueQuartimin } from '../kernels/model';
import type { Matrix } from '../math/matrix';
import { identity, zeros } from '../math/matrix';
import { invertMatrix, polarFactor } from './rotate-algebra';
import { quartiminCriterion, type RotationCriterion } from './rotate-criteria';

export type GpaOptions = { maxIterations: number; epsilon: number };
export type GpaResult = { loadings: Matrix; T: Matrix; converged: boolean; iterations: number; criterion: number };

export function gpaOrthogonal(A: Matrix, criterion: RotationCriterion, options: GpaOptions): GpaResult {
  const { rows: p, cols: m } = A;
  let T = identity(m);
  const L = zeros(p, m);
  const gq = new Float64Array(p * m);
  rotateInto(A, T.data, false, L);
  let f = criterion(L, gq);
  const G = new Float64Array(m * m);
  crossInto(A.data, gq, p, m, G);
  const Gp = new Float64Array(m * m);
  const X = zeros(m, m);
  let alpha = 1;
  let s = Infinity;
  let iterations = 0;
  for (let iter = 0; iter <= options.maxIterations; iter++) {
    iterations = iter;
    // Gp = G − T·S, S = sym(TᵀG)
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let ts = 0;
        for (let k = 0; k < m; k++) {
          let mkj = 0;
          let mjk = 0;
          for (let r = 0; r < m; r++) {
            mkj += T.data[r * m + k]! * G[r * m + j]!;
            mjk += T.data[r * m + j]! * G[r * m + k]!;
          }
          ts += T.data[i * m + k]! * ((mkj + mjk) / 2);
        }
        Gp[i * m + j] = G[i * m + j]! - ts;
      }
    }
    s = norm(Gp);
    if (s < options.epsilon) break;
    alpha *= 2;
    let Tt = T;
    let ft = f;
    for (let trial = 0; trial <= 10; trial++) {
      for (let i = 0; i < m * m; i++) X.data[i] = T.data[i]! - alpha * Gp[i]!;
      Tt = polarFactor(X).polar;
      rotateInto(A, Tt.data, false, L);
      ft = criterion(L, gq);
      if (ft < f - 0.5 * s * s * alpha) break;
      alpha /= 2;
    }
    T = Tt;
    f = ft;
    crossInto(A.data, gq, p, m, G);
  }
  return { loadings: L, T, converged: s < options.epsilon, iterations, criterion: f };
}

export function gpaOblique(A: Matrix, criterion: RotationCriterion, options: GpaOptions): GpaResult {
  const { rows: p, cols: m } = A;
  if (criterion === quartiminCriterion) {
    const compiled = wasmGpaObliqueQuartimin(A.data, p, m, options.maxIterations, options.epsilon);
    if (compiled !== null) {
      const { loadings, T, ...rest } = compiled;
      return { loadings: { rows: p, cols: m, data: loadings }, T: { rows: m, cols: m, data: T }, ...rest };
    }
  }
  let T = identity(m);
  let Tinv = identity(m);
  const L = zeros(p, m);
  const gq = new Float64Array(p * m);
  rotateInto(A, Tinv.data, true, L);
  let f = criterion(L, gq);
  const G = new Float64Array(m * m);
  obliqueGradientInto(L, gq, Tinv.data, G);
  const Gp = new Float64Array(m * m);
  let alpha = 1;
  let s = Infinity;
  let iterations = 0;
  for (let iter = 0; iter <= options.maxIterations; iter++) {
    iterations = iter;
    for (let k = 0; k < m; k++) {
      let c = 0;
      for (let i = 0; i < m; i++) c += T.data[i * m + k]! * G[i * m + k]!;
      for (let i = 0; i < m; i++) Gp[i * m + k] = G[i * m + k]! - T.data[i * m + k]! * c;
    }
    s = norm(Gp);
    if (s < options.epsilon) break;
    alpha *= 2;
    let Tt = T;
    let TtInv = Tinv;
    let ft = f;
    for (let trial = 0; trial <= 10; trial++) {
      Tt = zeros(m, m);
      for (let k = 0; k < m; k++) {
        let colNorm = 0;
        for (let i = 0; i < m; i++) colNorm += (T.data[i * m + k]! - alpha * Gp[i * m + k]!) ** 2;
        const v = 1 / Math.sqrt(colNorm);
        for (let i = 0; i < m; i++) Tt.data[i * m + k] = (T.data[i * m + k]! - alpha * Gp[i * m + k]!) * v;
      }
      const inv = invertMatrix(Tt);
      if (inv === null) throw new BugError('oblique rotation reached a singular transformation');
      TtInv = inv;
      rotateInto(A, TtInv.data, true, L);
      ft = criterion(L, gq);
      if (f - ft > 0.5 * s * s * alpha) break;
      alpha /= 2;
    }
    T = Tt;
    Tinv = TtInv;
    f = ft;
    obliqueGradientInto(L, gq, Tinv.data, G);
  }
  return { loadings: L, T, converged: s < options.epsilon, iterations, criterion: f };
}

/** out = A·M (transposed = false) or A·Mᵀ (transposed = true), M m×m. */
function rotateInto(A: Matrix, M: Float64Array, transposed: boolean, out: Matrix): void {
  const { rows: p, cols: m, data } = A;
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += data[i * m + j]! * (transposed ? M[k * m + j]! : M[j * m + k]!);
      out.data[i * m + k] = s;
    }
  }
}

/** out = Aᵀ·B for p×m A and B. */
function crossInto(a: Float64Array, b: Float64Array, p: number, m: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < p; r++) for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j]! += a[r * m + i]! * b[r * m + j]!;
}

/** G = −(Lᵀ·Gq·T⁻¹)ᵀ, i.e. G_ij = −Σ_k (LᵀGq)_jk (T⁻¹)_ki. */
function obliqueGradientInto(L: Matrix, gq: Float64Array, Tinv: Float64Array, out: Float64Array): void {
  const { rows: p, cols: m } = L;
  const inner = new Float64Array(m * m);
  crossInto(L.data, gq, p, m, inner);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += inner[j * m + k]! * Tinv[k * m + i]!;
      out[i * m + j] = -s;
    }
  }
}

function norm(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s);
}
