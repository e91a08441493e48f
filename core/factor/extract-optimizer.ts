/**
 * Box-constrained limited-memory quasi-Newton minimiser (projected L-BFGS), the optimiser behind
 * minres and ML extraction. psych::fa calls R's optim(method = "L-BFGS-B") with bounds
 * [0.005, 1] on the uniquenesses; we solve the same bounded problem, but to a tighter tolerance
 * (projected gradient ≤ 1e-9 instead of optim's factr = 1e7 relative reduction), so our optimum
 * is the exact one and psych's lies within its own stopping error (≈1e-5 on ψ) of it.
 *
 * Each iteration: free set = coordinates not held at a bound by the gradient; direction from the
 * L-BFGS two-loop recursion on the free coordinates (steepest descent when that is not a descent
 * direction); projected backtracking line search with the Armijo condition. Cost per iteration:
 * one or a few objective evaluations plus O(memory · n). The minres fit runs a WebAssembly build of
 * this loop together with its objective (core/kernels/assembly/minres.ts, the same iterates).
 */

/** Returns f(x) and writes ∇f(x) into `gradient`. */
export type BoxObjective = (x: Float64Array, gradient: Float64Array) => number;

export type BoxMinimizeOptions = {
  lower: number;
  upper: number;
  maxIterations: number;
  /** Stop when every projected-gradient component is below this. */
  gradientTolerance?: number;
  memory?: number;
  /**
   * Give up an iteration's line search once a trial point moves no coordinate by more than this
   * (default 0: all 60 halvings). Near a tight gradient tolerance the objective's rounding noise
   * (~1e-15·|f|) exceeds any decrease a step can make, and the search otherwise spends 60
   * evaluations on points indistinguishable from x before failing (see oneFactorReducedEigenvalues).
   */
  stepTolerance?: number;
};

export type BoxMinimum = { x: Float64Array; value: number; iterations: number; converged: boolean };

/** The defaults of minimizeBox's gradient tolerance and L-BFGS memory (pairs kept). */
export const BOX_DEFAULTS = { gradientTolerance: 1e-9, memory: 7, stepTolerance: 0 } as const;

export function minimizeBox(objective: BoxObjective, start: Float64Array, options: BoxMinimizeOptions): BoxMinimum {
  const { lower, upper, maxIterations } = options;
  const tol = options.gradientTolerance ?? BOX_DEFAULTS.gradientTolerance;
  const memory = options.memory ?? BOX_DEFAULTS.memory;
  const stepTolerance = options.stepTolerance ?? 0;
  const n = start.length;
  const x = start.map((v) => clamp(v, lower, upper));
  const g = new Float64Array(n);
  let f = objective(x, g);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const d = new Float64Array(n);
  const free = new Uint8Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let pgMax = 0;
    for (let i = 0; i < n; i++) {
      const held = (x[i]! <= lower && g[i]! > 0) || (x[i]! >= upper && g[i]! < 0);
      free[i] = held ? 0 : 1;
      if (!held) pgMax = Math.max(pgMax, Math.abs(g[i]!));
    }
    if (pgMax < tol) return { x, value: f, iterations: iteration - 1, converged: true };
    lbfgsDirection(g, free, sList, yList, d);
    let slope = dot(d, g);
    if (!(slope < 0)) {
      sList.length = 0;
      yList.length = 0;
      for (let i = 0; i < n; i++) d[i] = free[i] ? -g[i]! : 0;
      slope = dot(d, g);
    }
    let step = 1;
    if (sList.length === 0) {
      let dMax = 0;
      for (const v of d) dMax = Math.max(dMax, Math.abs(v));
      step = Math.min(1, 0.1 / dMax);
    }
    let accepted = false;
    let fNew = f;
    for (let trial = 0; trial < 60; trial++) {
      let decrease = 0;
      let moved = 0;
      for (let i = 0; i < n; i++) {
        xNew[i] = clamp(x[i]! + step * d[i]!, lower, upper);
        decrease += g[i]! * (xNew[i]! - x[i]!);
        moved = Math.max(moved, Math.abs(xNew[i]! - x[i]!));
      }
      if (moved < stepTolerance) break;
      fNew = objective(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) return { x, value: f, iterations: iteration, converged: pgMax < 1e-5 };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    if (dot(s, y) > 1e-14 * Math.sqrt(dot(s, s) * dot(y, y))) {
      sList.push(s);
      yList.push(y);
      if (sList.length > memory) {
        sList.shift();
        yList.shift();
      }
    }
    const reduction = f - fNew;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (reduction <= 1e-16 * Math.max(1, Math.abs(f)) && pgMax < 1e-6) {
      return { x, value: f, iterations: iteration, converged: true };
    }
  }
  return { x, value: f, iterations: maxIterations, converged: false };
}

/** d = −H·g restricted to the free coordinates (two-loop recursion). */
function lbfgsDirection(g: Float64Array, free: Uint8Array, sList: Float64Array[], yList: Float64Array[], d: Float64Array): void {
  const n = g.length;
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) q[i] = free[i] ? g[i]! : 0;
  const k = sList.length;
  const alpha = new Float64Array(k);
  const rho = new Float64Array(k);
  for (let j = k - 1; j >= 0; j--) {
    const s = sList[j]!;
    const y = yList[j]!;
    const ys = maskedDot(y, s, free);
    if (!(ys > 0)) continue; // pair uninformative on the current free set: skip it
    rho[j] = 1 / ys;
    alpha[j] = rho[j]! * maskedDot(s, q, free);
    for (let i = 0; i < n; i++) if (free[i]) q[i]! -= alpha[j]! * y[i]!;
  }
  if (k > 0) {
    const s = sList[k - 1]!;
    const y = yList[k - 1]!;
    const gamma = maskedDot(s, y, free) / maskedDot(y, y, free);
    if (Number.isFinite(gamma) && gamma > 0) for (let i = 0; i < n; i++) q[i]! *= gamma;
  }
  for (let j = 0; j < k; j++) {
    const s = sList[j]!;
    const y = yList[j]!;
    if (rho[j] === 0) continue;
    const beta = rho[j]! * maskedDot(y, q, free);
    for (let i = 0; i < n; i++) if (free[i]) q[i]! += (alpha[j]! - beta) * s[i]!;
  }
  for (let i = 0; i < n; i++) d[i] = free[i] && Number.isFinite(q[i]!) ? -q[i]! : 0;
}

function maskedDot(a: Float64Array, b: Float64Array, free: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (free[i]) s += a[i]! * b[i]!;
  return s;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
