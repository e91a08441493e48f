// AssemblyScript source of the non-central chi-square series (see eigen.ts for how it is built):
// the two loops of noncentralChiSquareCdf in core/factor/fit-indices-chi-square.ts, outward from
// the Poisson mode by the ratio recurrences, operation for operation. The caller computes the
// start at the mode (weight w0, density d0, central CDF p0) and clamps the sum to 1.

export function noncentralChiSquareSeries(mode: f64, mu: f64, y: f64, df: f64, p0: f64, w0: f64, d0: f64): f64 {
  let sum = w0 * p0;
  let w = w0;
  let d = d0;
  let p = p0;
  for (let j = mode + 1; ; j++) {
    p = Math.max(0, p - d);
    d *= y / (df / 2 + j);
    w *= mu / j;
    sum += w * p;
    if (j > mu && (w < 1e-17 || p == 0)) break;
  }
  w = w0;
  d = d0;
  p = p0;
  for (let j = mode - 1; j >= 0; j--) {
    d *= (df / 2 + j + 1) / y;
    p = Math.min(1, p + d);
    w *= (j + 1) / mu;
    sum += w * p;
    if (w < 1e-17) break;
  }
  return sum;
}
