/**
 * The few distribution functions the profile tables need: the normal upper tail (for column-
 * proportion z-tests) and the chi-square upper tail (for the test of independence of a
 * demographic and the segments), both from core/math, plus Student's t via the regularised
 * incomplete beta (series and Lentz continued fraction to 1e-15) for mean comparisons.
 */
import { pnorm } from '../math/normal';
import { chiSquareUpperTail as upperTail, lnGamma } from '../math/regularized-gamma';

/** P(X > x) for X ~ chi-square with df degrees of freedom; 1 for a table with no degrees of freedom. */
export function chiSquareUpperTail(x: number, df: number): number {
  return df <= 0 ? 1 : upperTail(x, df);
}

/** P(Z > z) for a standard normal Z (R's pnorm(z, lower.tail = FALSE), Cody's algorithm). */
export function normalUpperTail(z: number): number {
  return pnorm(-z);
}

/** Two-sided p-value of a z statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

/** Regularised incomplete beta I_x(a, b). */
export function betaRegularized(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - betaRegularized(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return (front * h) / a;
}

/** Two-sided p-value of Student's t with df degrees of freedom. */
export function studentTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return betaRegularized(df / (df + t * t), df / 2, 0.5);
}
