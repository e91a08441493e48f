/**
 * Chi-square distribution functions for the fit statistics: central lower/upper tails through the
 * regularised incomplete gamma functions P and Q of core/math/regularized-gamma.ts (series for
 * x < a + 1, Lentz continued fraction otherwise; ln Γ by Lanczos), the non-central CDF as a
 * Poisson mixture of central ones (summed outward from the Poisson mode until terms fall below
 * 1e-17), and the root finder used for RMSEA's confidence bounds.
 */
import { wasmNoncentralChiSquareSeries } from '../kernels/model';
import { gammaP, gammaQ, lnGamma } from '../math/regularized-gamma';

/** P(χ²_df ≤ x). */
export function chiSquareCdf(x: number, df: number): number {
  if (x <= 0) return 0;
  return Math.min(1, Math.max(0, gammaP(df / 2, x / 2)));
}

/** P(χ²_df > x), accurate for tiny tail probabilities. */
export function chiSquareUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  return Math.min(1, Math.max(0, gammaQ(df / 2, x / 2)));
}

/**
 * P(χ'²_{df}(ncp) ≤ x) = Σ_j Pois(j; ncp/2) · P(χ²_{df+2j} ≤ x), summed outward from the Poisson
 * mode. The central CDFs are stepped with P(a+1, y) = P(a, y) − D(a), D(a) = yᵃe^{−y}/Γ(a+1), and
 * the weights and densities by their ratios, w_j = w_{j−1}·μ/j and D(a+1) = D(a)·y/(a+1): a few
 * multiplications per term, no log or exp, so a fit statistic at n = 100,000 (ncp ~ 10⁵, ~4000
 * terms per evaluation) stays fast. When the density at the mode underflows (x far below the
 * mean), the same recurrences run on logarithms, where the terms stay representable. The
 * ratio loops run in WebAssembly where they can (core/kernels/assembly/chi-square.ts, the same bits).
 */
export function noncentralChiSquareCdf(x: number, df: number, ncp: number): number {
  if (ncp <= 0) return chiSquareCdf(x, df);
  if (x <= 0) return 0;
  const mu = ncp / 2;
  const y = x / 2;
  const mode = Math.floor(mu);
  const a0 = df / 2 + mode;
  const p0 = chiSquareCdf(x, 2 * a0);
  const logY = Math.log(y);
  const logMu = Math.log(mu);
  const logW0 = -mu + mode * logMu - lnGamma(mode + 1);
  const logDensity0 = a0 * logY - y - lnGamma(a0 + 1); // ln D(a0)
  const w0 = Math.exp(logW0);
  const d0 = Math.exp(logDensity0);
  if (!(w0 > 0 && d0 > 0)) return Math.min(1, seriesOnLogs(mode, mu, df, logY, logMu, p0, logW0, logDensity0));
  const compiled = wasmNoncentralChiSquareSeries(mode, mu, y, df, p0, w0, d0);
  if (compiled !== null) return Math.min(1, compiled);
  let sum = w0 * p0;
  let w = w0;
  let d = d0;
  let p = p0;
  for (let j = mode + 1; ; j++) {
    p = Math.max(0, p - d); // P_j = P_{j−1} − D_{j−1}
    d *= y / (df / 2 + j); // D_j = D_{j−1} · y / a_j
    w *= mu / j;
    sum += w * p;
    if (j > mu && (w < 1e-17 || p === 0)) break;
  }
  w = w0;
  d = d0;
  p = p0;
  for (let j = mode - 1; j >= 0; j--) {
    d *= (df / 2 + j + 1) / y; // D(a) = D(a+1)·(a+1)/y
    p = Math.min(1, p + d); // P(a) = P(a+1) + D(a)
    w *= (j + 1) / mu;
    sum += w * p;
    if (w < 1e-17) break;
  }
  return Math.min(1, sum);
}

/** The same series with the weights and densities kept as logarithms (one log and exp per term). */
function seriesOnLogs(mode: number, mu: number, df: number, logY: number, logMu: number, p0: number, logW0: number, logDensity0: number): number {
  let sum = Math.exp(logW0) * p0;
  let logW = logW0;
  let logDensity = logDensity0;
  let p = p0;
  for (let j = mode + 1; ; j++) {
    p = Math.max(0, p - Math.exp(logDensity));
    logDensity += logY - Math.log(df / 2 + j);
    logW += logMu - Math.log(j);
    const w = Math.exp(logW);
    sum += w * p;
    if (j > mu && (w < 1e-17 || p === 0)) break;
  }
  logW = logW0;
  logDensity = logDensity0;
  p = p0;
  for (let j = mode - 1; j >= 0; j--) {
    logDensity += Math.log(df / 2 + j + 1) - logY;
    p = Math.min(1, p + Math.exp(logDensity));
    logW -= logMu - Math.log(j + 1);
    const w = Math.exp(logW);
    sum += w * p;
    if (w < 1e-17) break;
  }
  return sum;
}

/**
 * Root of a decreasing function on [lo, hi] (f(lo) ≥ 0 ≥ f(hi)) by the Illinois variant of
 * regula falsi, which keeps the bracket and converges superlinearly; stops when the bracket is
 * narrower than tol or f vanishes. Null when the interval does not bracket a root.
 */
export function findRootDecreasing(f: (x: number) => number, lo: number, hi: number, tol: number): number | null {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (!(fa >= 0 && fb <= 0)) return null;
  if (fa === 0) return a;
  if (fb === 0) return b;
  let side = 0;
  for (let i = 0; i < 200 && b - a > tol; i++) {
    let x = (a * fb - b * fa) / (fb - fa);
    if (!(x > a && x < b)) x = (a + b) / 2;
    const fx = f(x);
    if (fx === 0) return x;
    if (fx > 0) {
      a = x;
      fa = fx;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = x;
      fb = fx;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return (a * fb - b * fa) / (fb - fa);
}

/**
 * The same root as findRootDecreasing(f, lo, hi, tol), searched from a guess: a bracket is grown
 * around `guess` (half-width `width`, doubling each step, clipped to [lo, hi]) until f changes
 * sign, and only that bracket is then narrowed. For RMSEA's bounds f is a CDF in the
 * non-centrality that falls from ~1 to ~0 within a few SDs of the root, and [0, hi] is a hundred
 * times wider than that at n = 10⁵: regula falsi then spends most of its evaluations (each a long
 * Poisson series) cutting down the empty part. Null when f does not change sign on [lo, hi].
 */
export function findRootDecreasingNear(f: (x: number) => number, guess: number, width: number, lo: number, hi: number, tol: number): number | null {
  let w = Math.max(width, tol);
  let a = Math.min(Math.max(guess - w, lo), hi);
  let b = Math.min(Math.max(guess + w, lo), hi);
  while (a > lo && !(f(a) >= 0)) {
    b = a;
    w *= 2;
    a = Math.max(lo, a - w);
  }
  while (b < hi && !(f(b) <= 0)) {
    a = b;
    w *= 2;
    b = Math.min(hi, b + w);
  }
  return findRootDecreasing(f, a, b, tol);
}
