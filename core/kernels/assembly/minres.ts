// AssemblyScript source of the minres fit (see eigen.ts for how it is built): extractMinres's
// objective (core/factor/extract-minres.ts) minimised by minimizeBox's projected L-BFGS
// (core/factor/extract-optimizer.ts), operation for operation, so the iterates, the optimum and
// the iteration count are those of the TypeScript reference, bit for bit. The eigenpairs come from
// eigenTop (eigen.ts), as in the reference. Requires 3 ≤ p and m < p.
import { eigenTop, eigenTopScratchBytes } from './eigen';
import { f64s, isFinite, ld, st } from './heap';

@inline function clamp(v: f64, lo: f64, hi: f64): f64 {
  return v < lo ? lo : v > hi ? hi : v;
}

function dot(n: i32, a: usize, b: usize): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += ld(a, i) * ld(b, i);
  return s;
}

function maskedDot(n: i32, a: usize, b: usize, free: usize): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) if (ld(free, i) != 0) s += ld(a, i) * ld(b, i);
  return s;
}

// The objective's fixed inputs and scratch, set once per fit.
let R: usize = 0;
let P: i32 = 0;
let M: i32 = 0;
let A: usize = 0;
let VALUES: usize = 0;
let VECTORS: usize = 0;
let STARTS: usize = 0;
let EIGEN_WORK: usize = 0;

/** F(ψ) = ½‖(R − Ψ) − ΛΛᵀ‖²_F and its gradient into `gradient` (extractMinres's objective). */
function objective(psi: usize, gradient: usize): f64 {
  const p = P;
  const m = M;
  memory.copy(A, R, f64s(p * p));
  for (let i = 0; i < p; i++) st(A, i * p + i, ld(R, i * p + i) - ld(psi, i));
  eigenTop(p, m, A, VALUES, VECTORS, STARTS, EIGEN_WORK);
  let f: f64 = 0;
  for (let q = 0; q < p * p; q++) f += ld(A, q) * ld(A, q);
  for (let i = 0; i < p; i++) st(gradient, i, -ld(A, i * p + i));
  for (let k = 0; k < m; k++) {
    const lambda = ld(VALUES, k);
    if (lambda < 0) continue;
    f -= lambda * lambda;
    for (let i = 0; i < p; i++) {
      const v = ld(VECTORS, i * m + k);
      st(gradient, i, ld(gradient, i) + lambda * (v * v));
    }
  }
  return f / 2;
}

/** Bytes of scratch minresFit needs at `work`. */
export function minresFitScratchBytes(p: i32, m: i32, memorySize: i32): usize {
  return f64s(p * p + p + p * m) + eigenTopScratchBytes(p, m) + f64s(8 * p + 2 * memorySize * p + 2 * memorySize);
}

/**
 * Minimises the minres discrepancy over ψ ∈ [lower, upper]ᵖ from `x` (start, overwritten by the
 * optimum). `starts`: eigenTop's inverse-iteration start vectors. A line search ends, failed, at a
 * trial that moves no coordinate by `stepTolerance` or more (0: never). Writes [value, iterations,
 * converged (1/0)] to `result`, and
 * eigenTop's values (p) and leading vectors (p×m) at the optimum (the last accepted point) to
 * `top`: what the caller would recompute from R − diag(optimum), the same bits.
 */
export function minresFit(
  p: i32, m: i32, r: usize, x: usize, starts: usize, lower: f64, upper: f64, maxIterations: i32, tol: f64, memorySize: i32,
  stepTolerance: f64, result: usize, top: usize, work: usize,
): void {
  R = r;
  P = p;
  M = m;
  STARTS = starts;
  A = work;
  VALUES = A + f64s(p * p);
  VECTORS = VALUES + f64s(p);
  EIGEN_WORK = VECTORS + f64s(p * m);
  const g = EIGEN_WORK + eigenTopScratchBytes(p, m);
  const xNew = g + f64s(p);
  const gNew = xNew + f64s(p);
  const d = gNew + f64s(p);
  const free = d + f64s(p);
  const q = free + f64s(p);
  const s = q + f64s(p);
  const y = s + f64s(p);
  const sList = y + f64s(p);
  const yList = sList + f64s(memorySize * p);
  const alpha = yList + f64s(memorySize * p);
  const rho = alpha + f64s(memorySize);
  let pairs = 0;

  const n = p;
  for (let i = 0; i < n; i++) st(x, i, clamp(ld(x, i), lower, upper));
  let f = objective(x, g);
  keepTop(top);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let pgMax: f64 = 0;
    for (let i = 0; i < n; i++) {
      const held = (ld(x, i) <= lower && ld(g, i) > 0) || (ld(x, i) >= upper && ld(g, i) < 0);
      st(free, i, held ? 0 : 1);
      if (!held) pgMax = Math.max(pgMax, Math.abs(ld(g, i)));
    }
    if (pgMax < tol) {
      finish(result, f, iteration - 1, true);
      return;
    }
    lbfgsDirection(n, g, free, sList, yList, pairs, d, q, alpha, rho);
    let slope = dot(n, d, g);
    if (!(slope < 0)) {
      pairs = 0;
      for (let i = 0; i < n; i++) st(d, i, ld(free, i) != 0 ? -ld(g, i) : 0);
      slope = dot(n, d, g);
    }
    let step: f64 = 1;
    if (pairs == 0) {
      let dMax: f64 = 0;
      for (let i = 0; i < n; i++) dMax = Math.max(dMax, Math.abs(ld(d, i)));
      step = Math.min(1, 0.1 / dMax);
    }
    let accepted = false;
    let fNew = f;
    for (let trial = 0; trial < 60; trial++) {
      let decrease: f64 = 0;
      let moved: f64 = 0;
      for (let i = 0; i < n; i++) {
        st(xNew, i, clamp(ld(x, i) + step * ld(d, i), lower, upper));
        decrease += ld(g, i) * (ld(xNew, i) - ld(x, i));
        moved = Math.max(moved, Math.abs(ld(xNew, i) - ld(x, i)));
      }
      if (moved < stepTolerance) break;
      fNew = objective(xNew, gNew);
      if (isFinite(fNew) && fNew <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      finish(result, f, iteration, pgMax < 1e-5);
      return;
    }
    for (let i = 0; i < n; i++) {
      st(s, i, ld(xNew, i) - ld(x, i));
      st(y, i, ld(gNew, i) - ld(g, i));
    }
    if (dot(n, s, y) > 1e-14 * Math.sqrt(dot(n, s, s) * dot(n, y, y))) {
      if (pairs == memorySize) {
        // drop the oldest pair (the reference's shift())
        memory.copy(sList, sList + f64s(n), f64s((memorySize - 1) * n));
        memory.copy(yList, yList + f64s(n), f64s((memorySize - 1) * n));
        pairs--;
      }
      memory.copy(sList + f64s(pairs * n), s, f64s(n));
      memory.copy(yList + f64s(pairs * n), y, f64s(n));
      pairs++;
    }
    const reduction = f - fNew;
    memory.copy(x, xNew, f64s(n));
    keepTop(top);
    memory.copy(g, gNew, f64s(n));
    f = fNew;
    if (reduction <= 1e-16 * Math.max(1, Math.abs(f)) && pgMax < 1e-6) {
      finish(result, f, iteration, true);
      return;
    }
  }
  finish(result, f, maxIterations, false);
}

/** The eigenvalues and leading vectors of the last evaluation (the accepted point) into `top`. */
function keepTop(top: usize): void {
  memory.copy(top, VALUES, f64s(P));
  memory.copy(top + f64s(P), VECTORS, f64s(P * M));
}

function finish(result: usize, value: f64, iterations: i32, converged: bool): void {
  st(result, 0, value);
  st(result, 1, <f64>iterations);
  st(result, 2, converged ? 1 : 0);
}

/** d = −H·g restricted to the free coordinates (two-loop recursion), as the reference's lbfgsDirection. */
function lbfgsDirection(n: i32, g: usize, free: usize, sList: usize, yList: usize, k: i32, d: usize, q: usize, alpha: usize, rho: usize): void {
  for (let i = 0; i < n; i++) st(q, i, ld(free, i) != 0 ? ld(g, i) : 0);
  for (let j = 0; j < k; j++) {
    st(alpha, j, 0);
    st(rho, j, 0);
  }
  for (let j = k - 1; j >= 0; j--) {
    const s = sList + f64s(j * n);
    const y = yList + f64s(j * n);
    const ys = maskedDot(n, y, s, free);
    if (!(ys > 0)) continue;
    st(rho, j, 1 / ys);
    st(alpha, j, ld(rho, j) * maskedDot(n, s, q, free));
    for (let i = 0; i < n; i++) if (ld(free, i) != 0) st(q, i, ld(q, i) - ld(alpha, j) * ld(y, i));
  }
  if (k > 0) {
    const s = sList + f64s((k - 1) * n);
    const y = yList + f64s((k - 1) * n);
    const gamma = maskedDot(n, s, y, free) / maskedDot(n, y, y, free);
    if (isFinite(gamma) && gamma > 0) for (let i = 0; i < n; i++) st(q, i, ld(q, i) * gamma);
  }
  for (let j = 0; j < k; j++) {
    const s = sList + f64s(j * n);
    const y = yList + f64s(j * n);
    if (ld(rho, j) == 0) continue;
    const beta = ld(rho, j) * maskedDot(n, y, q, free);
    for (let i = 0; i < n; i++) if (ld(free, i) != 0) st(q, i, ld(q, i) + (ld(alpha, j) - beta) * ld(s, i));
  }
  for (let i = 0; i < n; i++) st(d, i, ld(free, i) != 0 && isFinite(ld(q, i)) ? -ld(q, i) : 0);
}
