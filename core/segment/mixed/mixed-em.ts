/**
 * EM for the mixed-indicator latent class model (formulas in mixed-params.ts).
 *
 * E-step, respondent i, class k (w_i the case weight, FIML: sums run over observed indicators only):
 *   l_ik = ln π_k + Σ_j ln θ_{j,y_ij,k} + Σ_v [−½ ln(2π σ²_kv) − (x_iv − μ_kv)² / (2σ²_kv)],
 *   τ_ik = exp(l_ik − m_i) / Σ_k' exp(l_ik' − m_i) with m_i = max_k l_ik,
 *   ℓ = Σ_i w_i (m_i + ln Σ_k exp(l_ik − m_i)).
 * ln θ is floored at LOG_FLOOR (−700) as in the LCA kernel, so a zero probability stays finite.
 *
 * M-step (weighted: every sufficient statistic is multiplied by w_i):
 *   π_k = Σ_i w_i τ_ik / Σ_i w_i;
 *   nominal θ_{jck} = Σ_{i: y_ij = c} w_i τ_ik / Σ_{i: y_ij observed} w_i τ_ik (poLCA);
 *   ordinal items: two safeguarded Newton steps on the adjacent-category logit (lca-ordinal.ts,
 *     generalised EM, as the LCA kernel) from the same expected counts;
 *   μ_kv = Σ_{i: x_iv observed} w_i τ_ik x_iv / Σ_{i: x_iv observed} w_i τ_ik,
 *   σ²_kv = Σ_{i: x_iv observed} w_i τ_ik (x_iv − μ_kv)² / Σ_{i: x_iv observed} w_i τ_ik (two passes).
 * With a diagonal covariance the observed-data likelihood factorises over variables within a class,
 * so these are the exact M-step of the observed-data likelihood under FIML.
 *
 * Failures end the start (never throw): a class share below EMPTY_CLASS_SHARE, a class with no
 * observed value of a continuous variable, a variance below VARIANCE_FLOOR × the variable's total
 * variance (a degenerate, infinite-likelihood solution), or a non-finite log-likelihood.
 *
 * Workspace buffers are allocated once per runEm; the E- and M-step loops allocate nothing.
 * runMixedEm accelerates EM with SQUAREM (below), as the LCA and LPA engines do.
 */
import type { EmOptions, EmOutcome } from '../mixture-model';
import type { Progress } from '../../jobs/run-steps';
import { EMPTY_CLASS_SHARE, extrapolate, LOG_FLOOR, squaremStepLength } from '../lca/lca-em';
import { createOrdinalScratch, ordinalLogTheta, ordinalMStep, type OrdinalScratch } from '../lca/lca-ordinal';
import { MISSING_CODE, type MixedData } from './mixed-data';
import { cloneMixedParams, type MixedParams } from './mixed-params';

const LN_2PI = Math.log(2 * Math.PI);
/** Relative variance below which a class variance counts as zero. */
export const VARIANCE_FLOOR = 1e-10;
const ORDINAL_NEWTON_STEPS = 2;

export type MixedWorkspace = {
  K: number;
  logTheta: Float64Array;
  logShares: Float64Array;
  /** d×K: −½ ln(2π σ²_kv) and 1/(2σ²_kv). */
  logNorm: Float64Array;
  halfPrecision: Float64Array;
  post: Float64Array;
  row: Float64Array;
  counts: Float64Array;
  classTotals: Float64Array;
  sw: Float64Array;
  sx: Float64Array;
  ordinalCounts: Float64Array | null;
  ordinalLogTheta: Float64Array | null;
  ordinalScratch: OrdinalScratch | null;
  /** Total (weighted) variance of each continuous variable over its observed values. */
  totalVariance: Float64Array;
  weightSum: number;
};

export function mixedWorkspace(data: MixedData, K: number): MixedWorkspace {
  const { n, d } = data;
  const T = data.totalCategories;
  const ord = data.ordinalFrame;
  const ordT = ord === null ? 0 : ord.totalCategories;
  const totalVariance = new Float64Array(d);
  for (let v = 0; v < d; v++) {
    let s = 0, sx = 0;
    for (let i = 0; i < n; i++) {
      const x = data.x[i * d + v]!;
      if (Number.isNaN(x)) continue;
      const w = data.weights === null ? 1 : data.weights[i]!;
      s += w; sx += w * x;
    }
    const mean = sx / s;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const x = data.x[i * d + v]!;
      if (Number.isNaN(x)) continue;
      ss += (data.weights === null ? 1 : data.weights[i]!) * (x - mean) * (x - mean);
    }
    totalVariance[v] = ss / s;
  }
  let weightSum = n;
  if (data.weights !== null) { weightSum = 0; for (let i = 0; i < n; i++) weightSum += data.weights[i]!; }
  return {
    K, logTheta: new Float64Array(T * K), logShares: new Float64Array(K), logNorm: new Float64Array(d * K), halfPrecision: new Float64Array(d * K),
    post: new Float64Array(n * K), row: new Float64Array(K), counts: new Float64Array(T * K), classTotals: new Float64Array(K),
    sw: new Float64Array(d * K), sx: new Float64Array(d * K),
    ordinalCounts: ord === null ? null : new Float64Array(ordT * K), ordinalLogTheta: ord === null ? null : new Float64Array(ordT * K),
    ordinalScratch: ord === null ? null : createOrdinalScratch(K), totalVariance, weightSum,
  };
}

/**
 * Posteriors into ws.post and the weighted log-likelihood of `params`; NaN for invalid params.
 * With `accumulate`, the same pass also sums the M-step's first-pass statistics (counts, class
 * totals, Σ w τ and Σ w τ x per variable), so an EM iteration streams the data twice, not three times.
 */
export function mixedEStep(data: MixedData, params: MixedParams, ws: MixedWorkspace, accumulate = false): number {
  const { n, d, codes, offsets, x, weights } = data;
  const J = data.items.length;
  const K = ws.K;
  const { logTheta, logShares, logNorm, halfPrecision, post, row } = ws;
  for (let t = 0; t < logTheta.length; t++) logTheta[t] = Math.max(LOG_FLOOR, Math.log(params.theta[t]!));
  for (let k = 0; k < K; k++) logShares[k] = Math.log(params.shares[k]!);
  for (let v = 0; v < d; v++) {
    for (let k = 0; k < K; k++) {
      const s2 = params.variances[k * d + v]!;
      if (!(s2 > 0)) return NaN;
      logNorm[v * K + k] = -0.5 * (LN_2PI + Math.log(s2));
      halfPrecision[v * K + k] = 0.5 / s2;
    }
  }
  const means = params.means;
  const { counts, classTotals, sw, sx } = ws;
  if (accumulate) { counts.fill(0); classTotals.fill(0); sw.fill(0); sx.fill(0); }
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) row[k] = logShares[k]!;
    const ci = i * J;
    for (let j = 0; j < J; j++) {
      const c = codes[ci + j]!;
      if (c === MISSING_CODE) continue;
      const t = (offsets[j]! + c) * K;
      for (let k = 0; k < K; k++) row[k]! += logTheta[t + k]!;
    }
    const xi = i * d;
    for (let v = 0; v < d; v++) {
      const value = x[xi + v]!;
      if (value !== value) continue; // NaN: missing
      const b = v * K;
      for (let k = 0; k < K; k++) {
        const e = value - means[k * d + v]!;
        row[k]! += logNorm[b + k]! - e * e * halfPrecision[b + k]!;
      }
    }
    let m = -Infinity;
    for (let k = 0; k < K; k++) if (row[k]! > m) m = row[k]!;
    let sum = 0;
    const pi = i * K;
    for (let k = 0; k < K; k++) { const e = Math.exp(row[k]! - m); post[pi + k] = e; sum += e; }
    const w = weights === null ? 1 : weights[i]!;
    for (let k = 0; k < K; k++) post[pi + k]! /= sum;
    logLik += w * (m + Math.log(sum));
    if (!accumulate) continue;
    for (let k = 0; k < K; k++) { const t = w * post[pi + k]!; row[k] = t; classTotals[k]! += t; }
    for (let j = 0; j < J; j++) {
      const c = codes[ci + j]!;
      if (c === MISSING_CODE) continue;
      const t = (offsets[j]! + c) * K;
      for (let k = 0; k < K; k++) counts[t + k]! += row[k]!;
    }
    for (let v = 0; v < d; v++) {
      const value = x[xi + v]!;
      if (value !== value) continue;
      const b = v * K;
      for (let k = 0; k < K; k++) { sw[b + k]! += row[k]!; sx[b + k]! += row[k]! * value; }
    }
  }
  return logLik;
}

/**
 * M-step in place on `params` from the weights in ws.post; returns a failure message or null.
 * `accumulated`: the first-pass statistics were already summed by mixedEStep(…, true) from the same ws.post.
 */
export function mixedMStep(data: MixedData, params: MixedParams, ws: MixedWorkspace, accumulated = false): string | null {
  const { n, d, codes, offsets, x, weights } = data;
  const J = data.items.length;
  const K = ws.K;
  const { counts, classTotals, sw, sx, post, row } = ws;
  if (!accumulated) {
    counts.fill(0); classTotals.fill(0); sw.fill(0); sx.fill(0);
  }
  const firstPassRows = accumulated ? 0 : n;
  for (let i = 0; i < firstPassRows; i++) {
    const w = weights === null ? 1 : weights[i]!;
    const pi = i * K;
    for (let k = 0; k < K; k++) { const t = w * post[pi + k]!; row[k] = t; classTotals[k]! += t; }
    const ci = i * J;
    for (let j = 0; j < J; j++) {
      const c = codes[ci + j]!;
      if (c === MISSING_CODE) continue;
      const t = (offsets[j]! + c) * K;
      for (let k = 0; k < K; k++) counts[t + k]! += row[k]!;
    }
    const xi = i * d;
    for (let v = 0; v < d; v++) {
      const value = x[xi + v]!;
      if (value !== value) continue;
      const b = v * K;
      for (let k = 0; k < K; k++) { sw[b + k]! += row[k]!; sx[b + k]! += row[k]! * value; }
    }
  }
  for (let k = 0; k < K; k++) {
    if (!(classTotals[k]! >= EMPTY_CLASS_SHARE * ws.weightSum)) return `class ${k + 1} emptied (weighted size ${classTotals[k]!.toExponential(2)})`;
    params.shares[k] = classTotals[k]! / ws.weightSum;
  }
  for (let j = 0; j < data.nominalCount; j++) {
    const base = offsets[j]!, C = data.categoryCounts[j]!;
    for (let k = 0; k < K; k++) {
      let denom = 0;
      for (let c = 0; c < C; c++) denom += counts[(base + c) * K + k]!;
      for (let c = 0; c < C; c++) params.theta[(base + c) * K + k] = denom > 0 ? counts[(base + c) * K + k]! / denom : 1 / C;
    }
  }
  const ord = data.ordinalFrame;
  if (ord !== null && params.alpha !== null && params.slope !== null) {
    const oc = ws.ordinalCounts!, olt = ws.ordinalLogTheta!;
    const start = offsets[data.nominalCount]! * K;
    for (let t = 0; t < oc.length; t++) oc[t] = counts[start + t]!;
    ordinalMStep(ord, K, oc, params.alpha, params.slope, ORDINAL_NEWTON_STEPS, ws.ordinalScratch!);
    ordinalLogTheta(ord, K, params.alpha, params.slope, olt, LOG_FLOOR);
    for (let t = 0; t < olt.length; t++) params.theta[start + t] = Math.exp(olt[t]!);
  }
  if (d > 0) {
    for (let b = 0; b < d * K; b++) {
      const v = (b / K) | 0, k = b - v * K;
      if (!(sw[b]! > 0)) return `class ${k + 1} has no observed value of '${data.variables[v]}'`;
      params.means[k * d + v] = sx[b]! / sw[b]!;
    }
    sx.fill(0); // reused for the weighted squared deviations
    const means = params.means;
    for (let i = 0; i < n; i++) {
      const w = weights === null ? 1 : weights[i]!;
      const pi = i * K, xi = i * d;
      for (let v = 0; v < d; v++) {
        const value = x[xi + v]!;
        if (value !== value) continue;
        const b = v * K;
        for (let k = 0; k < K; k++) { const e = value - means[k * d + v]!; sx[b + k]! += w * post[pi + k]! * e * e; }
      }
    }
    for (let b = 0; b < d * K; b++) {
      const v = (b / K) | 0, k = b - v * K;
      const s2 = sx[b]! / sw[b]!;
      if (!(s2 > VARIANCE_FLOOR * ws.totalVariance[v]!)) return `class ${k + 1} has zero variance on '${data.variables[v]}'`;
      params.variances[k * d + v] = s2;
    }
  }
  return null;
}

/** Why a start cannot be evaluated (a zero share or variance, e.g. from an empty class in a partition), or null. */
function startFailure(data: MixedData, p: MixedParams): string | null {
  for (let k = 0; k < p.classes; k++) {
    if (!(p.shares[k]! > 0)) return `class ${k + 1} is empty in the start`;
    for (let v = 0; v < data.d; v++) if (!(p.variances[k * data.d + v]! > 0)) return `class ${k + 1} has zero variance on '${data.variables[v]}' in the start`;
  }
  return null;
}

/**
 * The EM map on one unconstrained vector u (SQUAREM extrapolates in it, as lca-em.ts does):
 *   [ln π_k (K) | ln θ of the nominal items (floored) | ordinal α | ordinal slopes | μ (K·d) | ln σ² (K·d)].
 * Decoding renormalises π and each nominal item's θ within a class, and derives the ordinal θ
 * from α and the slopes, so every decoded point is a valid model.
 */
type Layout = { K: number; nominalTheta: number; alpha: number; slope: number; means: number; logVar: number; length: number };

function layoutOf(data: MixedData, p: MixedParams): Layout {
  const K = p.classes;
  // Nominal items come first; their categories end where the first ordinal item's begin (or at the end).
  const nominalTheta = (data.nominalCount === data.items.length ? data.totalCategories : data.offsets[data.nominalCount]!) * K;
  const alpha = p.alpha === null ? 0 : p.alpha.length;
  const slope = p.slope === null ? 0 : p.slope.length;
  const kd = K * data.d;
  return { K, nominalTheta, alpha, slope, means: kd, logVar: kd, length: K + nominalTheta + alpha + slope + 2 * kd };
}

function encode(p: MixedParams, lay: Layout, u: Float64Array): void {
  let o = 0;
  for (let k = 0; k < lay.K; k++) u[o++] = Math.log(p.shares[k]!);
  for (let t = 0; t < lay.nominalTheta; t++) u[o++] = Math.max(LOG_FLOOR, Math.log(p.theta[t]!));
  for (let t = 0; t < lay.alpha; t++) u[o++] = p.alpha![t]!;
  for (let t = 0; t < lay.slope; t++) u[o++] = p.slope![t]!;
  for (let t = 0; t < lay.means; t++) u[o++] = p.means[t]!;
  for (let t = 0; t < lay.logVar; t++) u[o++] = Math.log(p.variances[t]!);
}

function decode(data: MixedData, u: Float64Array, lay: Layout, p: MixedParams, ws: MixedWorkspace): void {
  const K = lay.K;
  let o = 0;
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, u[k]!);
  let total = 0;
  for (let k = 0; k < K; k++) total += (p.shares[k] = Math.exp(u[k]! - max));
  for (let k = 0; k < K; k++) p.shares[k]! /= total;
  o = K;
  for (let t = 0; t < lay.nominalTheta; t++) p.theta[t] = Math.exp(u[o + t]!);
  for (let j = 0; j < data.nominalCount; j++) {
    const base = data.offsets[j]!, C = data.categoryCounts[j]!;
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let c = 0; c < C; c++) sum += p.theta[(base + c) * K + k]!;
      for (let c = 0; c < C; c++) p.theta[(base + c) * K + k]! /= sum;
    }
  }
  o += lay.nominalTheta;
  for (let t = 0; t < lay.alpha; t++) p.alpha![t] = u[o++]!;
  for (let t = 0; t < lay.slope; t++) p.slope![t] = u[o++]!;
  const ord = data.ordinalFrame;
  if (ord !== null && p.alpha !== null && p.slope !== null) {
    const olt = ws.ordinalLogTheta!;
    ordinalLogTheta(ord, K, p.alpha, p.slope, olt, LOG_FLOOR);
    const start = data.offsets[data.nominalCount]! * K;
    for (let t = 0; t < olt.length; t++) p.theta[start + t] = Math.exp(olt[t]!);
  }
  for (let t = 0; t < lay.means; t++) p.means[t] = u[o++]!;
  for (let t = 0; t < lay.logVar; t++) p.variances[t] = Math.exp(u[o++]!);
}

/** F: decode u, one E+M step, encode into out. Returns ℓ(u) and a failure (or null). */
function emMap(data: MixedData, lay: Layout, u: Float64Array, out: Float64Array, p: MixedParams, ws: MixedWorkspace): { ll: number; failure: string | null } {
  decode(data, u, lay, p, ws);
  const ll = mixedEStep(data, p, ws, true);
  if (!Number.isFinite(ll)) return { ll, failure: 'non-finite log-likelihood' };
  const failure = mixedMStep(data, p, ws, true);
  if (failure !== null) return { ll, failure };
  encode(p, lay, out);
  return { ll, failure: null };
}

/**
 * EM from `start`, SQUAREM-accelerated unless options.accelerate === false (Varadhan & Roland's
 * S3 scheme with lca-em.ts's step-length rule: from u0, u1 = F(u0), u2 = F(u1), step
 * a = −‖u1 − u0‖/‖u2 − 2u1 + u0‖ clamped to [−stepMax, −1]; the extrapolated point is kept when
 * its ℓ is at least ℓ(u0), else the plain EM point u2). ℓ never decreases from cycle to cycle;
 * convergence is poLCA's rule on two consecutive plain EM evaluations. `iterations` counts passes.
 */
export function* runMixedEm(data: MixedData, start: MixedParams, options: EmOptions): Generator<Progress, EmOutcome<MixedParams>, void> {
  const K = start.classes;
  const ws = mixedWorkspace(data, K);
  const { maxIterations, tolerance } = options;
  const invalid = startFailure(data, start);
  if (invalid !== null) return { params: start, logLik: NaN, iterations: 0, converged: false, failure: invalid };
  const params = cloneMixedParams(start);
  const lay = layoutOf(data, params);
  let x0 = new Float64Array(lay.length), x1 = new Float64Array(lay.length), x2 = new Float64Array(lay.length), x3 = new Float64Array(lay.length);
  const xp = new Float64Array(lay.length);
  encode(start, lay, x0);
  const result = (u: Float64Array, ll: number, iterations: number, converged: boolean): EmOutcome<MixedParams> => {
    decode(data, u, lay, params, ws);
    return { params: cloneMixedParams(params), logLik: ll, iterations, converged, failure: null };
  };
  const accelerate = options.accelerate !== false;
  let llLast = NaN;
  let iterations = 0;
  let stepMax = 1;
  while (iterations < maxIterations) {
    const e0 = emMap(data, lay, x0, x1, params, ws);
    iterations++;
    if (e0.failure !== null) return { params: start, logLik: e0.ll, iterations, converged: false, failure: e0.failure };
    if (e0.ll - llLast < tolerance) return result(x0, e0.ll, iterations, true);
    if (!accelerate || iterations >= maxIterations) {
      llLast = e0.ll;
      [x0, x1] = [x1, x0];
      yield { stage: 'em', current: iterations, total: maxIterations, detail: { k: K, iteration: iterations, logLik: e0.ll } };
      continue;
    }
    const e1 = emMap(data, lay, x1, x2, params, ws);
    iterations++;
    if (e1.failure !== null) return { params: start, logLik: e1.ll, iterations, converged: false, failure: e1.failure };
    if (e1.ll - e0.ll < tolerance) return result(x1, e1.ll, iterations, true);
    const a = Math.max(-stepMax, Math.min(-1, squaremStepLength(x0, x1, x2)));
    let next = x2, llNext = e1.ll;
    if (a < -1 && iterations < maxIterations) {
      extrapolate(x0, x1, x2, a, xp);
      const ep = emMap(data, lay, xp, x3, params, ws);
      iterations++;
      if (ep.failure === null && ep.ll >= e0.ll) {
        next = x3; llNext = ep.ll;
        if (a === -stepMax) stepMax *= 4;
      } else if (a === -stepMax) stepMax = Math.max(1, stepMax / 4);
    } else if (a === -stepMax) stepMax *= 4;
    llLast = llNext;
    if (next === x3) [x0, x3] = [x3, x0];
    else [x0, x2] = [x2, x0];
    yield { stage: 'em', current: iterations, total: maxIterations, detail: { k: K, iteration: iterations, logLik: llNext } };
  }
  decode(data, x0, lay, params, ws);
  const ll = mixedEStep(data, params, ws);
  if (!Number.isFinite(ll)) return { params: start, logLik: ll, iterations, converged: false, failure: 'non-finite log-likelihood' };
  return { params: cloneMixedParams(params), logLik: ll, iterations, converged: ll - llLast < tolerance, failure: null };
}
