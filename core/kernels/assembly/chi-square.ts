// AssemblyScript source of the non-central chi-square series (see eigen.ts for how it is built):
// the two loops of noncentralChiSquareCdf in core/factor/fit-indices-chi-square.ts, outward from
// the Poisson mode, operation for operation with JavaScript's own exp and log (js-math.ts). The
// caller computes the O(1) start (the central CDF and the log weight and density at the mode).
import { exp, log } from './js-math';

/** Σ_j Pois(j; μ)·P(χ²_{df+2j} ≤ x) from the terms at the mode (the caller clamps it to 1). */
export function noncentralChiSquareSeries(mode: f64, mu: f64, logY: f64, logMu: f64, df: f64, p0: f64, logW0: f64, logDensity0: f64): f64 {
  let sum = exp(logW0) * p0;
  let logW = logW0;
  let p = p0;
  let logDensity = logDensity0;
  for (let j = mode + 1; ; j++) {
    p = Math.max(0, p - exp(logDensity));
    logDensity += logY - log(df / 2 + j);
    logW += logMu - log(j);
    const w = exp(logW);
    sum += w * p;
    if (j > mu && (w < 1e-17 || p == 0)) break;
  }
  logW = logW0;
  p = p0;
  logDensity = logDensity0;
  for (let j = mode - 1; j >= 0; j--) {
    const a = df / 2 + j;
    logDensity += log(a + 1) - logY;
    p = Math.min(1, p + exp(logDensity));
    logW -= logMu - log(j + 1);
    const w = exp(logW);
    sum += w * p;
    if (w < 1e-17) break;
  }
  return sum;
}
