/**
 * EM for the latent class model, with optional SQUAREM acceleration (Varadhan & Roland 2008,
 * Scand. J. Stat. 35:335–353, scheme S3).
 *
 * The EM map F works on one unconstrained vector u:
 *   nominal items: log θ (floored at LOG_FLOOR; renormalised per item and class on decoding);
 *   ordinal items: α and the effect-coded slopes (see lca-params.ts);
 *   class model:   log π (renormalised on decoding), or the covariate coefficients β.
 * F(u) = decode u → log θ, log π_ik; one fused E+M pass over the codes (lca-kernels.generated.ts)
 * gives ℓ(u), the posteriors and the expected counts; the M-step encodes the next u:
 *   θ_jkc = Σ_i w_i τ_ik [y_ij = c] / Σ_{i: y_ij observed} w_i τ_ik   (poLCA's update, no smoothing),
 *   π_k = Σ_i w_i τ_ik / Σ_i w_i, or a Newton step for β (lca-covariates.ts), or Newton steps for
 *   the ordinal parameters (lca-ordinal.ts).
 * Convergence: ℓ(F(u)) − ℓ(u) < tolerance between two consecutive plain EM evaluations — poLCA's
 * rule (tol 1e-10): a change below the tolerance, or a decrease, which in exact arithmetic EM
 * cannot make and in floating point means ℓ has stopped moving beyond its rounding noise (with
 * N = 20,000 respondents the sum ℓ carries ~1e-9 of rounding, more than poLCA's tolerance).
 * `iterations` counts evaluations of F (passes over the data), with or without acceleration, so
 * the two are directly comparable. Measured passes to 1e-10 (10 random starts, plain → SQUAREM):
 * values K=3 37,746 → 11,820; carcinoma K=4 7,758 → 2,057; cheating K=3 20,690 → 5,686;
 * cheating ~GPA K=2 1,479 → 443; bfi 15 items K=4 1,773 → 567 (4 starts).
 * SQUAREM: from u0, u1 = F(u0), u2 = F(u1): r = u1 − u0, v = u2 − 2u1 + u0, step a = −‖r‖/‖v‖
 * clamped to [−stepMax, −1]; u' = u0 − 2a·r + a²·v is accepted (u0 ← F(u')) when ℓ(u') ≥ ℓ(u0),
 * else the cycle ends with the plain EM point u0 ← u2 (a = −1 is plain EM, no extra pass). stepMax
 * starts at 1 and is multiplied by 4 after an accepted step at the bound, divided by 4 after a
 * rejected one (Varadhan's step.max/mstep rule). The ℓ of successive u0 therefore never decreases.
 *
 * Few items: the pass runs over distinct response patterns with summed weights (lca-patterns.ts).
 * Memory: the pass buffers are allocated once per (data, K) and shared by every run on this
 * thread; each run allocates its five vectors once. Nothing is allocated per iteration. A run is
 * atomic between two yields, so interleaved runs (screening) can share the buffers.
 */
import type { EmOptions, EmOutcome } from '../mixture-model';
import type { Progress } from '../../jobs/run-steps';
import type { LcaData } from './lca-data';
import type { LcaParams } from './lca-params';
import { selectEmPass, type EmPass } from './lca-kernels.generated';
import { compressPatterns, type PatternTable } from './lca-patterns';
import { createOrdinalScratch, ordinalLogTheta, ordinalMStep, type OrdinalScratch } from './lca-ordinal';
import { covariateLogPriors, covariateNewtonStep, createCovariateScratch, type CovariateScratch } from './lca-covariates';

/** Floor of every log-probability: exp(−700) ≈ 1e-304, so exact zeros never make −Infinity or NaN. */
export const LOG_FLOOR = -700;
/** A class whose weighted size falls below this share of the sample makes the start fail. */
export const EMPTY_CLASS_SHARE = 1e-8;
/** Newton steps per M-step for ordinal items. */
const ORDINAL_NEWTON_STEPS = 2;

export type LcaEmOptions = EmOptions & { accelerate?: boolean };

type Workspace = {
  K: number; U: number; thetaLength: number; weightSum: number;
  /** Rows the kernel streams: respondents, or distinct patterns (patternOf maps respondents to them). */
  rows: number; codes: Uint8Array; patternOf: Int32Array | null;
  pass: EmPass; weights: Float64Array; logTheta: Float64Array; counts: Float64Array; classTotals: Float64Array;
  post: Float64Array; logPrior: Float64Array; priorStride: number;
  ordinal: OrdinalScratch | null; covariate: CovariateScratch | null;
};

const workspaces = new WeakMap<LcaData, Map<number, Workspace>>();
const patternTables = new WeakMap<LcaData, PatternTable | null>();

function patternsFor(data: LcaData): PatternTable | null {
  if (!patternTables.has(data)) patternTables.set(data, compressPatterns(data));
  return patternTables.get(data)!;
}

export function workspaceFor(data: LcaData, K: number): Workspace {
  let byK = workspaces.get(data);
  if (byK === undefined) { byK = new Map(); workspaces.set(data, byK); }
  const cached = byK.get(K);
  if (cached !== undefined) return cached;
  const { n, totalCategories: T, design } = data;
  const J = data.items.length;
  const thetaLength = data.indicators === 'nominal' ? T * K : T + J * K;
  const priorLength = design === null ? K : (K - 1) * design.cols;
  const patterns = patternsFor(data);
  const weights = patterns?.weights ?? data.weights ?? new Float64Array(n).fill(1);
  const rows = patterns?.m ?? n;
  const ws: Workspace = {
    K, U: thetaLength + priorLength, thetaLength, weightSum: weights.reduce((a, b) => a + b, 0),
    rows, codes: patterns?.codes ?? data.codes, patternOf: patterns?.patternOf ?? null,
    pass: selectEmPass(K), weights, logTheta: new Float64Array(T * K), counts: new Float64Array(T * K),
    classTotals: new Float64Array(K), post: new Float64Array(rows * K),
    logPrior: new Float64Array(design === null ? K : n * K), priorStride: design === null ? 0 : K,
    ordinal: data.indicators === 'ordinal' ? createOrdinalScratch(K) : null,
    covariate: design === null ? null : createCovariateScratch(n, K, design.cols),
  };
  byK.set(K, ws);
  return ws;
}

/** Writes params into the unconstrained vector u. */
export function encodeParams(data: LcaData, ws: Workspace, params: LcaParams, u: Float64Array): void {
  const { K, thetaLength } = ws;
  if (data.indicators === 'nominal') {
    for (let t = 0; t < thetaLength; t++) u[t] = params.theta[t]! > 0 ? Math.max(LOG_FLOOR, Math.log(params.theta[t]!)) : LOG_FLOOR;
  } else {
    u.set(params.alpha!, 0);
    u.set(params.slope!, data.totalCategories);
  }
  if (data.design === null) {
    for (let k = 0; k < K; k++) u[thetaLength + k] = params.shares[k]! > 0 ? Math.max(LOG_FLOOR, Math.log(params.shares[k]!)) : LOG_FLOOR;
  } else {
    u.set(params.beta!, thetaLength);
  }
}

/** Fills ws.logTheta and ws.logPrior from u (normalising as described in the header). */
export function decodeVector(data: LcaData, ws: Workspace, vector: RunVector): void {
  const { K, thetaLength, logTheta, logPrior } = ws;
  const u = vector.all;
  const J = data.items.length;
  if (data.indicators === 'nominal') {
    for (let j = 0; j < J; j++) {
      const base = data.offsets[j]!, C = data.categoryCounts[j]!;
      for (let k = 0; k < K; k++) {
        let m = -Infinity;
        for (let c = 0; c < C; c++) m = Math.max(m, u[(base + c) * K + k]!);
        let z = 0;
        for (let c = 0; c < C; c++) z += Math.exp(u[(base + c) * K + k]! - m);
        const logZ = m + Math.log(z);
        for (let c = 0; c < C; c++) logTheta[(base + c) * K + k] = Math.max(LOG_FLOOR, u[(base + c) * K + k]! - logZ);
      }
    }
  } else {
    ordinalLogTheta(data, K, vector.items, vector.slope, logTheta, LOG_FLOOR);
  }
  if (data.design === null) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, u[thetaLength + k]!);
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp(u[thetaLength + k]! - m);
    for (let k = 0; k < K; k++) logPrior[k] = Math.max(LOG_FLOOR, u[thetaLength + k]! - m - Math.log(z));
  } else {
    covariateLogPriors(data.design, vector.prior, K, logPrior);
  }
}

/** One pass with the parameters already decoded into ws: ℓ, posteriors (ws.post, per ws row) and counts. */
export function passDecoded(data: LcaData, ws: Workspace): number {
  ws.counts.fill(0);
  return ws.pass(ws.codes, ws.rows, data.items.length, data.offsets, ws.logTheta, ws.logPrior, ws.priorStride, ws.weights, ws.counts, ws.classTotals, ws.post);
}

/** Views into one run vector, created once per run so the M-step allocates nothing. */
export type RunVector = { all: Float64Array; items: Float64Array; slope: Float64Array; prior: Float64Array };

export function runVector(data: LcaData, ws: Workspace): RunVector {
  const all = new Float64Array(ws.U);
  const T = data.totalCategories;
  return { all, items: all.subarray(0, ws.thetaLength), slope: all.subarray(T, ws.thetaLength), prior: all.subarray(ws.thetaLength) };
}

/** The EM map: uOut = F(uIn); returns ℓ(uIn) (NaN when the pass broke down). */
function emMap(data: LcaData, ws: Workspace, uIn: RunVector, uOut: RunVector): number {
  decodeVector(data, ws, uIn);
  const ll = passDecoded(data, ws);
  const { K, counts, classTotals } = ws;
  const J = data.items.length;
  if (data.indicators === 'nominal') {
    for (let j = 0; j < J; j++) {
      const base = data.offsets[j]!, C = data.categoryCounts[j]!;
      for (let k = 0; k < K; k++) {
        let denom = 0;
        for (let c = 0; c < C; c++) denom += counts[(base + c) * K + k]!;
        for (let c = 0; c < C; c++) {
          const t = (base + c) * K + k;
          uOut.items[t] = denom > 0 ? (counts[t]! > 0 ? Math.max(LOG_FLOOR, Math.log(counts[t]! / denom)) : LOG_FLOOR) : uIn.items[t]!;
        }
      }
    }
  } else {
    uOut.items.set(uIn.items);
    ordinalMStep(data, K, counts, uOut.items, uOut.slope, ORDINAL_NEWTON_STEPS, ws.ordinal!);
  }
  if (data.design === null) {
    for (let k = 0; k < K; k++) uOut.prior[k] = classTotals[k]! > 0 ? Math.max(LOG_FLOOR, Math.log(classTotals[k]! / ws.weightSum)) : LOG_FLOOR;
  } else {
    uOut.prior.set(uIn.prior);
    covariateNewtonStep(data.design, ws.weights, ws.post, ws.logPrior, uOut.prior, K, ws.covariate!);
  }
  return ll;
}

function failureOf(ws: Workspace, ll: number): string | null {
  if (!Number.isFinite(ll)) return `the log-likelihood became ${ll}`;
  for (let k = 0; k < ws.K; k++) {
    if (!(ws.classTotals[k]! >= EMPTY_CLASS_SHARE * ws.weightSum)) return `class ${k + 1} emptied (weighted size ${ws.classTotals[k]!.toExponential(2)})`;
  }
  return null;
}

/** Decodes a run vector into LcaParams (θ, shares, and the raw β / ordinal parameters). */
export function decodeParams(data: LcaData, ws: Workspace, u: RunVector): LcaParams {
  decodeVector(data, ws, u);
  const { K, logTheta, logPrior } = ws;
  const theta = logTheta.map((v) => (v <= LOG_FLOOR ? 0 : Math.exp(v)));
  const shares = new Float64Array(K);
  if (data.design === null) {
    for (let k = 0; k < K; k++) shares[k] = Math.exp(logPrior[k]!);
  } else {
    for (let i = 0; i < data.n; i++) for (let k = 0; k < K; k++) shares[k]! += ws.weights[i]! * Math.exp(logPrior[i * K + k]!);
    for (let k = 0; k < K; k++) shares[k]! /= ws.weightSum;
  }
  const ordinal = data.indicators === 'ordinal';
  return {
    kind: 'lca-params', indicators: data.indicators, classes: K, theta, shares,
    beta: data.design === null ? null : u.prior.slice(),
    alpha: ordinal ? u.items.subarray(0, data.totalCategories).slice() : null,
    slope: ordinal ? u.slope.slice() : null,
  };
}

function done(data: LcaData, ws: Workspace, u: RunVector, ll: number, iterations: number, converged: boolean): EmOutcome<LcaParams> {
  return { params: decodeParams(data, ws, u), logLik: ll, iterations, converged, failure: null };
}

function failed(start: LcaParams, ll: number, iterations: number, reason: string): EmOutcome<LcaParams> {
  return { params: start, logLik: ll, iterations, converged: false, failure: reason };
}

/** SQUAREM's step a = −‖r‖/‖v‖ with r = u1 − u0, v = u2 − 2u1 + u0 (−1 when v = 0). */
export function squaremStepLength(u0: Float64Array, u1: Float64Array, u2: Float64Array): number {
  let rr = 0, vv = 0;
  for (let t = 0; t < u0.length; t++) {
    const r = u1[t]! - u0[t]!;
    const v = u2[t]! - 2 * u1[t]! + u0[t]!;
    rr += r * r;
    vv += v * v;
  }
  return vv > 0 ? -Math.sqrt(rr / vv) : -1;
}

/** out = u0 − 2a·r + a²·v. */
export function extrapolate(u0: Float64Array, u1: Float64Array, u2: Float64Array, a: number, out: Float64Array): void {
  for (let t = 0; t < u0.length; t++) {
    const r = u1[t]! - u0[t]!;
    const v = u2[t]! - 2 * u1[t]! + u0[t]!;
    out[t] = u0[t]! - 2 * a * r + a * a * v;
  }
}

/** EM (SQUAREM-accelerated unless options.accelerate === false) from `start`; see the header. */
export function* runLcaEm(data: LcaData, start: LcaParams, options: LcaEmOptions): Generator<Progress, EmOutcome<LcaParams>, void> {
  const K = start.classes;
  const ws = workspaceFor(data, K);
  const { maxIterations, tolerance } = options;
  let x0 = runVector(data, ws), x1 = runVector(data, ws), x2 = runVector(data, ws);
  const xp = runVector(data, ws);
  let x3 = runVector(data, ws);
  encodeParams(data, ws, start, x0.all);
  const progress = (iteration: number, logLik: number): Progress => ({ stage: 'em', current: Math.min(iteration, maxIterations), total: maxIterations, detail: { k: K, iteration, logLik } });
  let iterations = 0;
  let llLast = NaN;
  let stepMax = 1;
  while (iterations < maxIterations) {
    const ll0 = emMap(data, ws, x0, x1);
    iterations++;
    const f0 = failureOf(ws, ll0);
    if (f0 !== null) return failed(start, ll0, iterations, f0);
    if (ll0 - llLast < tolerance) return done(data, ws, x0, ll0, iterations, true);
    if (options.accelerate === false) {
      llLast = ll0;
      [x0, x1] = [x1, x0];
      yield progress(iterations, ll0);
      continue;
    }
    if (iterations >= maxIterations) { [x0, x1] = [x1, x0]; llLast = ll0; break; }
    const ll1 = emMap(data, ws, x1, x2);
    iterations++;
    const f1 = failureOf(ws, ll1);
    if (f1 !== null) return failed(start, ll1, iterations, f1);
    if (ll1 - ll0 < tolerance) return done(data, ws, x1, ll1, iterations, true);
    const a = Math.max(-stepMax, Math.min(-1, squaremStepLength(x0.all, x1.all, x2.all)));
    let next = x2, llNext = ll1;
    if (a < -1 && iterations < maxIterations) {
      extrapolate(x0.all, x1.all, x2.all, a, xp.all);
      const llp = emMap(data, ws, xp, x3);
      iterations++;
      if (Number.isFinite(llp) && llp >= ll0 && failureOf(ws, llp) === null) {
        next = x3; llNext = llp;
        if (a === -stepMax) stepMax *= 4;
      } else if (a === -stepMax) {
        stepMax = Math.max(1, stepMax / 4);
      }
    } else if (a === -stepMax) {
      stepMax *= 4; // the plain EM point u2 is always accepted
    }
    llLast = llNext;
    if (next === x3) { [x0, x3] = [x3, x0]; } else { [x0, x2] = [x2, x0]; }
    yield progress(iterations, llNext);
  }
  decodeVector(data, ws, x0);
  const llFinal = passDecoded(data, ws);
  return done(data, ws, x0, llFinal, iterations, llFinal - llLast < tolerance);
}
