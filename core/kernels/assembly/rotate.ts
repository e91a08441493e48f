// AssemblyScript source of oblique gradient-projection rotation with the quartimin criterion
// (oblimin with γ = 0, psych's default rotation; see eigen.ts for how it is built): gpaOblique of
// core/factor/rotate-gpa.ts with quartiminCriterion (rotate-criteria.ts) and invertMatrix
// (rotate-algebra.ts), operation for operation, so T, the loadings, the criterion and the
// iteration count are the reference's to the bit. A singular trial transformation is reported,
// and the caller runs the reference (which raises it).

import { f64s, ld, st } from './heap';
/** out = A·Mᵀ (p×m A, m×m M): rotateInto(A, M, true, out). */
function rotateTransposed(p: i32, m: i32, A: usize, M: usize, out: usize): void {
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < m; k++) {
      let s: f64 = 0;
      for (let j = 0; j < m; j++) s += ld(A, i * m + j) * ld(M, k * m + j);
      st(out, i * m + k, s);
    }
  }
}

/** quartiminCriterion: f(L) = ¼ Σ (L∘L)∘X with X = (L∘L)(11ᵀ − I); gradient L∘X into gq. */
function quartimin(p: i32, m: i32, L: usize, gq: usize): f64 {
  let f: f64 = 0;
  for (let i = 0; i < p; i++) {
    let rowSq: f64 = 0;
    for (let k = 0; k < m; k++) {
      const l = ld(L, i * m + k);
      rowSq += l * l;
    }
    for (let k = 0; k < m; k++) {
      const l = ld(L, i * m + k);
      const x = rowSq - l * l;
      st(gq, i * m + k, l * x);
      f += l * l * x;
    }
  }
  return f / 4;
}

/** G = −(Lᵀ·Gq·T⁻¹)ᵀ (obliqueGradientInto), `inner` m×m scratch. */
function obliqueGradient(p: i32, m: i32, L: usize, gq: usize, Tinv: usize, G: usize, inner: usize): void {
  memory.fill(inner, 0, f64s(m * m));
  for (let r = 0; r < p; r++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) st(inner, i * m + j, ld(inner, i * m + j) + ld(L, r * m + i) * ld(gq, r * m + j));
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s: f64 = 0;
      for (let k = 0; k < m; k++) s += ld(inner, j * m + k) * ld(Tinv, k * m + i);
      st(G, i * m + j, -s);
    }
  }
}

/** Gauss–Jordan inverse with partial pivoting (invertMatrix) of the n×n `a` into `out`; false when singular. */
function invert(n: i32, a: usize, out: usize, w: usize): bool {
  memory.copy(w, a, f64s(n * n));
  memory.fill(out, 0, f64s(n * n));
  for (let i = 0; i < n; i++) st(out, i * n + i, 1);
  let scale: f64 = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(ld(w, i)));
  if (scale == 0) return false;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(ld(w, r * n + col)) > Math.abs(ld(w, pivot * n + col))) pivot = r;
    const pv = ld(w, pivot * n + col);
    if (Math.abs(pv) <= 1e-14 * scale) return false;
    if (pivot != col) {
      for (let j = 0; j < n; j++) {
        let t = ld(w, pivot * n + j);
        st(w, pivot * n + j, ld(w, col * n + j));
        st(w, col * n + j, t);
        t = ld(out, pivot * n + j);
        st(out, pivot * n + j, ld(out, col * n + j));
        st(out, col * n + j, t);
      }
    }
    for (let j = 0; j < n; j++) {
      st(w, col * n + j, ld(w, col * n + j) / pv);
      st(out, col * n + j, ld(out, col * n + j) / pv);
    }
    for (let r = 0; r < n; r++) {
      if (r == col) continue;
      const f = ld(w, r * n + col);
      if (f == 0) continue;
      for (let j = 0; j < n; j++) {
        st(w, r * n + j, ld(w, r * n + j) - f * ld(w, col * n + j));
        st(out, r * n + j, ld(out, r * n + j) - f * ld(out, col * n + j));
      }
    }
  }
  return true;
}

/** Bytes of scratch gpaObliqueQuartimin needs at `work`. */
export function gpaObliqueScratchBytes(p: i32, m: i32): usize {
  return f64s(p * m + 8 * m * m);
}

/**
 * Rotates the p×m loadings A; writes the loadings to L (p×m), T (m×m) and
 * [converged (1/0), iterations, criterion, singular (1/0)] to `result`.
 */
export function gpaObliqueQuartimin(p: i32, m: i32, A: usize, maxIterations: i32, epsilon: f64, L: usize, T: usize, result: usize, work: usize): void {
  const gq = work;
  const Tinv = gq + f64s(p * m);
  const G = Tinv + f64s(m * m);
  const Gp = G + f64s(m * m);
  const Tt = Gp + f64s(m * m);
  const TtInv = Tt + f64s(m * m);
  const inner = TtInv + f64s(m * m);
  const w = inner + f64s(m * m);
  memory.fill(T, 0, f64s(m * m));
  memory.fill(Tinv, 0, f64s(m * m));
  for (let i = 0; i < m; i++) {
    st(T, i * m + i, 1);
    st(Tinv, i * m + i, 1);
  }
  rotateTransposed(p, m, A, Tinv, L);
  let f = quartimin(p, m, L, gq);
  obliqueGradient(p, m, L, gq, Tinv, G, inner);
  let alpha: f64 = 1;
  let s: f64 = Infinity;
  let iterations = 0;
  for (let iter = 0; iter <= maxIterations; iter++) {
    iterations = iter;
    for (let k = 0; k < m; k++) {
      let c: f64 = 0;
      for (let i = 0; i < m; i++) c += ld(T, i * m + k) * ld(G, i * m + k);
      for (let i = 0; i < m; i++) st(Gp, i * m + k, ld(G, i * m + k) - ld(T, i * m + k) * c);
    }
    let ss: f64 = 0;
    for (let i = 0; i < m * m; i++) ss += ld(Gp, i) * ld(Gp, i);
    s = Math.sqrt(ss);
    if (s < epsilon) break;
    alpha *= 2;
    let ft = f;
    for (let trial = 0; trial <= 10; trial++) {
      for (let k = 0; k < m; k++) {
        let colNorm: f64 = 0;
        for (let i = 0; i < m; i++) {
          const v = ld(T, i * m + k) - alpha * ld(Gp, i * m + k);
          colNorm += v * v;
        }
        const v = 1 / Math.sqrt(colNorm);
        for (let i = 0; i < m; i++) st(Tt, i * m + k, (ld(T, i * m + k) - alpha * ld(Gp, i * m + k)) * v);
      }
      if (!invert(m, Tt, TtInv, w)) {
        st(result, 3, 1);
        return;
      }
      rotateTransposed(p, m, A, TtInv, L);
      ft = quartimin(p, m, L, gq);
      if (f - ft > 0.5 * s * s * alpha) break;
      alpha /= 2;
    }
    memory.copy(T, Tt, f64s(m * m));
    memory.copy(Tinv, TtInv, f64s(m * m));
    f = ft;
    obliqueGradient(p, m, L, gq, Tinv, G, inner);
  }
  st(result, 0, s < epsilon ? 1 : 0);
  st(result, 1, <f64>iterations);
  st(result, 2, f);
  st(result, 3, 0);
}
