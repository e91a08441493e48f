/**
 * One-dimensional minimisation on an interval with the exact semantics of R's `optimize()`
 * (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 5: golden-section search
 * combined with successive parabolic interpolation; R's C routine Brent_fmin).
 *
 * Why exact semantics matter: psych::polychoric and polycor::polychor stop at R's default
 * tolerance tol = ε^¼ ≈ 1.22e-4, so their reported ρ carries ~1e-5 optimiser error. Reproducing
 * the same sequence of trial points reproduces their numbers to ~1e-8 instead of "within 1e-4".
 *
 * Algorithm (written from Brent's description): keep the bracket [a, b], the best point x, the
 * second best w and the previous w (v). Each step tries the parabola through (v, w, x); it is
 * accepted only if its minimum falls inside the bracket and the step is less than half the step
 * before last, otherwise a golden-section step into the larger part of the bracket is taken.
 * Steps are never smaller than tol1 = √ε·|x| + tol/3. Stop when |x − m| ≤ 2·tol1 − (b − a)/2,
 * m the bracket midpoint. The first point is a + (3 − √5)/2·(b − a), so f is never evaluated at
 * the interval ends.
 */

export type BrentResult = { minimum: number; objective: number; evaluations: number };

/** R's default `optimize` tolerance, .Machine$double.eps^0.25. */
export const R_OPTIMIZE_TOL = Math.pow(2.220446049250313e-16, 0.25);

export function brentMinimize(f: (x: number) => number, lower: number, upper: number, tol: number = R_OPTIMIZE_TOL): BrentResult {
  const golden = (3 - Math.sqrt(5)) * 0.5;
  const eps = Math.sqrt(2.220446049250313e-16);
  let a = lower;
  let b = upper;
  let v = a + golden * (b - a);
  let w = v;
  let x = v;
  let d = 0;
  let e = 0;
  let fx = f(x);
  let evaluations = 1;
  let fv = fx;
  let fw = fx;
  const tol3 = tol / 3;

  for (;;) {
    const xm = (a + b) * 0.5;
    const tol1 = eps * Math.abs(x) + tol3;
    const t2 = tol1 * 2;
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) break;

    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol1) {
      // Fit a parabola through (v, fv), (w, fw), (x, fx).
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    let u: number;
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      // Golden-section step.
      e = x < xm ? b - x : a - x;
      d = golden * e;
    } else {
      // Parabolic step; not too close to the bracket ends.
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

    const fu = f(u);
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
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { minimum: x, objective: fx, evaluations };
}
