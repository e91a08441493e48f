// AssemblyScript source of the polychoric pair fit (see eigen.ts for how it is built): fitPair of
// core/factor/correlation-polychoric.ts — R's optimize() (brentMinimize, core/math/brent-min.ts)
// of −Σ p_ab log π_ab(ρ), with the Φ2 corner grid of bvnCornerGrid
// (core/factor/correlation-polychoric-grid.ts) — operation for operation. exp, log, sin and asin
// are JavaScript's own Math functions, imported, so every value is the reference's to the bit.
// Only the |ρ| < 0.925 branch of the grid is here: a fit whose search reaches |ρ| ≥ 0.925 stops
// and reports so, and the caller runs the reference for that pair (rare in survey data).

import { asin, exp, log, sin } from './js-math';
import { f64s, isFinite, ld, st } from './heap';

// Inputs of the current fit (see polychoricPairFit).
let KR: i32 = 0;
let KC: i32 = 0;
let H: usize = 0;
let KT: usize = 0;
let PH: usize = 0;
let PK: usize = 0;
let PROPORTIONS: usize = 0;
let GL: usize = 0;
let GRID: usize = 0;
let SN: usize = 0;
let SW: usize = 0;
let HIGH = false;

/**
 * Φ2 at every corner of the threshold grid for ρ (bvnCornerGrid's |ρ| < 0.925 branch); sets HIGH
 * and returns at once for |ρ| ≥ 0.925.
 */
function cornerGrid(rho: f64): void {
  const hl = KR - 1;
  const kl = KC - 1;
  const m = kl + 2;
  const last = hl + 1;
  memory.fill(GRID, 0, f64s((hl + 2) * m));
  for (let a = 0; a < hl; a++) st(GRID, (a + 1) * m + m - 1, ld(PH, a));
  for (let b = 0; b < kl; b++) st(GRID, last * m + b + 1, ld(PK, b));
  st(GRID, last * m + m - 1, 1);
  const r = Math.abs(rho);
  if (!(r < 0.925)) {
    HIGH = true;
    return;
  }
  const asr = asin(rho);
  // Gauss–Legendre half-rules packed as [nodes, weights] of 6, 12 and 20 points (3, 6, 10 each).
  const half = r < 0.3 ? 3 : r < 0.75 ? 6 : 10;
  const nodesAt = GL + f64s(r < 0.3 ? 0 : r < 0.75 ? 6 : 18);
  const weightsAt = nodesAt + f64s(half);
  for (let i = 0; i < half; i++) {
    const x = ld(nodesAt, i);
    const s1 = sin((asr * (x + 1)) / 2);
    const s2 = sin((asr * (1 - x)) / 2);
    st(SN, 2 * i, s1);
    st(SN, 2 * i + 1, s2);
    st(SW, 2 * i, 1 / (1 - s1 * s1));
    st(SW, 2 * i + 1, 1 / (1 - s2 * s2));
  }
  const scale = asr / (4 * Math.PI);
  for (let a = 0; a < hl; a++) {
    const ha = ld(H, a);
    if (!isFinite(ha)) {
      for (let b = 0; b < kl; b++) st(GRID, (a + 1) * m + b + 1, ha > 0 ? ld(PK, b) : 0);
      continue;
    }
    for (let b = 0; b < kl; b++) {
      const kb = ld(KT, b);
      if (!isFinite(kb)) {
        st(GRID, (a + 1) * m + b + 1, kb > 0 ? ld(PH, a) : 0);
        continue;
      }
      const hk = ha * kb;
      const hs = (ha * ha + kb * kb) / 2;
      let sum: f64 = 0;
      for (let i = 0; i < half; i++) {
        const w = ld(weightsAt, i);
        sum += w * (exp((ld(SN, 2 * i) * hk - hs) * ld(SW, 2 * i)) + exp((ld(SN, 2 * i + 1) * hk - hs) * ld(SW, 2 * i + 1)));
      }
      const value = sum * scale + ld(PH, a) * ld(PK, b);
      st(GRID, (a + 1) * m + b + 1, value < 0 ? 0 : value > 1 ? 1 : value);
    }
  }
}

/** −Σ p_ab log π_ab(ρ) over cells with π_ab > 0 (fitPair's objective). */
function objective(rho: f64): f64 {
  cornerGrid(rho);
  if (HIGH) return 0;
  const m = KC + 1;
  let sum: f64 = 0;
  for (let a = 0; a < KR; a++) {
    for (let b = 0; b < KC; b++) {
      const cell = ld(GRID, (a + 1) * m + b + 1) - ld(GRID, a * m + b + 1) - ld(GRID, (a + 1) * m + b) + ld(GRID, a * m + b);
      if (cell > 0) sum += ld(PROPORTIONS, a * KC + b) * log(cell);
    }
  }
  return -sum;
}

/** Bytes of scratch polychoricPairFit needs at `work` for a kr × kc table. */
export function polychoricPairScratchBytes(kr: i32, kc: i32): usize {
  return f64s((kr + 1) * (kc + 1) + 40);
}

/**
 * Fits ρ for one kr × kc table of proportions with row thresholds h (kr − 1), column thresholds
 * kt (kc − 1) and their Φ values ph, pk; gl holds the packed Gauss–Legendre rules. Writes
 * [minimum, objective, evaluations, empty cells (1/0), reached |ρ| ≥ 0.925 (1/0)] to `result`.
 */
export function polychoricPairFit(
  kr: i32, kc: i32, h: usize, kt: usize, ph: usize, pk: usize, proportions: usize, tol: f64, gl: usize, result: usize, work: usize,
): void {
  KR = kr;
  KC = kc;
  H = h;
  KT = kt;
  PH = ph;
  PK = pk;
  PROPORTIONS = proportions;
  GL = gl;
  GRID = work;
  SN = GRID + f64s((kr + 1) * (kc + 1));
  SW = SN + f64s(20);
  HIGH = false;
  let emptyCells = false;
  for (let c = 0; c < kr * kc; c++) if (ld(proportions, c) == 0) emptyCells = true;
  brent(-1, 1, tol, result);
  st(result, 3, emptyCells ? 1 : 0);
  st(result, 4, HIGH ? 1 : 0);
}

/** R's optimize() on [lower, upper] (brentMinimize); stops early when the grid reports |ρ| ≥ 0.925. */
function brent(lower: f64, upper: f64, tol: f64, result: usize): void {
  const golden = (3 - Math.sqrt(5)) * 0.5;
  const eps = Math.sqrt(2.220446049250313e-16);
  let a = lower;
  let b = upper;
  let v = a + golden * (b - a);
  let w = v;
  let x = v;
  let d: f64 = 0;
  let e: f64 = 0;
  let fx = objective(x);
  let evaluations = 1;
  let fv = fx;
  let fw = fx;
  const tol3 = tol / 3;
  while (!HIGH) {
    const xm = (a + b) * 0.5;
    const tol1 = eps * Math.abs(x) + tol3;
    const t2 = tol1 * 2;
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) break;
    let p: f64 = 0;
    let q: f64 = 0;
    let r: f64 = 0;
    if (Math.abs(e) > tol1) {
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    let u: f64 = 0;
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x;
      d = golden * e;
    } else {
      d = p / q;
      u = x + d;
      if (u - a < t2 || b - u < t2) {
        d = tol1;
        if (x >= xm) d = -d;
      }
    }
    if (Math.abs(d) >= tol1) u = x + d;
    else if (d > 0) u = x + tol1;
    else u = x - tol1;
    const fu = objective(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w == x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u;
        fv = fu;
      }
    }
  }
  st(result, 0, x);
  st(result, 1, fx);
  st(result, 2, <f64>evaluations);
}
