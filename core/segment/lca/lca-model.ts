/**
 * The latent class model (categorical indicators) behind the MixtureModel contract: poLCA's model
 * for nominal items, an adjacent-category logit (Latent GOLD style) for ordinal items, optional
 * covariates in a multinomial-logit class model, FIML for missing answers and survey weights.
 * Estimation is in lca-em.ts; formulas and layouts in lca-params.ts. Oracle:
 * tests/oracle/lca-polca.test.ts (poLCA 1.6.0.2 on values, carcinoma, cheating, synth_a).
 *
 * Starts:
 * - randomStart (poLCA's scheme for nominal items): for each item and class, C_j iid U(0,1) draws
 *   normalised to sum 1; equal shares (β = 0 with covariates). Ordinal items: locations α from
 *   the item's observed marginal (+0.5 per category), class slopes iid N(0, (2/(C_j−1))²), centred.
 * - partitionStart: an M-step from soft memberships τ = 0.9·[label] + 0.1/K (softened so no
 *   category starts at an absorbing zero probability).
 */
import type { MixtureModel } from '../mixture-model';
import type { Rng } from '../../random/rng';
import type { LcaData } from './lca-data';
import { MISSING_CODE } from './lca-data';
import { lcaParameterCount, permuteLcaParams, type LcaParams } from './lca-params';
import { decodeVector, encodeParams, LOG_FLOOR, passDecoded, runLcaEm, runVector, workspaceFor } from './lca-em';
import { createOrdinalScratch, ordinalLogTheta, ordinalMStep } from './lca-ordinal';
import { lcaNumericView, resampleLca, simulateLca } from './lca-resample';

const PARTITION_SOFTENING = 0.1;

function itemMarginalAlpha(data: LcaData): Float64Array {
  const counts = new Float64Array(data.totalCategories);
  const J = data.items.length;
  for (let i = 0; i < data.n; i++) {
    const w = data.weights === null ? 1 : data.weights[i]!;
    for (let j = 0; j < J; j++) {
      const c = data.codes[i * J + j]!;
      if (c !== MISSING_CODE) counts[data.offsets[j]! + c]! += w;
    }
  }
  const alpha = new Float64Array(data.totalCategories);
  for (let j = 0; j < J; j++) {
    const base = data.offsets[j]!;
    const ref = Math.log(counts[base]! + 0.5);
    for (let c = 0; c < data.categoryCounts[j]!; c++) alpha[base + c] = Math.log(counts[base + c]! + 0.5) - ref;
  }
  return alpha;
}

function ordinalTheta(data: LcaData, K: number, alpha: Float64Array, slope: Float64Array): Float64Array {
  const logTheta = new Float64Array(data.totalCategories * K);
  ordinalLogTheta(data, K, alpha, slope, logTheta, LOG_FLOOR);
  return logTheta.map(Math.exp);
}

function interceptOnlyBeta(data: LcaData, shares: Float64Array): Float64Array | null {
  if (data.design === null) return null;
  const K = shares.length, S = data.design.cols;
  const beta = new Float64Array((K - 1) * S);
  for (let k = 1; k < K; k++) beta[(k - 1) * S] = Math.log(shares[k]! / shares[0]!);
  return beta;
}

function randomStart(data: LcaData, K: number, rng: Rng): LcaParams {
  const J = data.items.length;
  const shares = new Float64Array(K).fill(1 / K);
  const beta = interceptOnlyBeta(data, shares);
  if (data.indicators === 'ordinal') {
    const alpha = itemMarginalAlpha(data);
    const slope = new Float64Array(J * K);
    for (let j = 0; j < J; j++) {
      const sd = 2 / (data.categoryCounts[j]! - 1);
      let mean = 0;
      for (let k = 0; k < K; k++) { slope[j * K + k] = sd * rng.normal(); mean += slope[j * K + k]!; }
      for (let k = 0; k < K; k++) slope[j * K + k]! -= mean / K;
    }
    return { kind: 'lca-params', indicators: 'ordinal', classes: K, theta: ordinalTheta(data, K, alpha, slope), shares, beta, alpha, slope };
  }
  const theta = new Float64Array(data.totalCategories * K);
  for (let j = 0; j < J; j++) {
    const base = data.offsets[j]!, C = data.categoryCounts[j]!;
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let c = 0; c < C; c++) { const u = rng.uniform(); theta[(base + c) * K + k] = u; sum += u; }
      for (let c = 0; c < C; c++) theta[(base + c) * K + k]! /= sum;
    }
  }
  return { kind: 'lca-params', indicators: 'nominal', classes: K, theta, shares, beta, alpha: null, slope: null };
}

function partitionStart(data: LcaData, K: number, labels: Int32Array): LcaParams {
  const { n, totalCategories: T } = data;
  const J = data.items.length;
  if (labels.length !== n) throw new RangeError(`partitionStart: ${labels.length} labels for ${n} respondents`);
  const counts = new Float64Array(T * K);
  const totals = new Float64Array(K);
  const tau = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const w = data.weights === null ? 1 : data.weights[i]!;
    const label = labels[i]!;
    if (!(label >= 0 && label < K)) throw new RangeError(`partitionStart: label ${label} of respondent ${i} is outside 0..${K - 1}`);
    for (let k = 0; k < K; k++) { tau[k] = w * ((k === label ? 1 - PARTITION_SOFTENING : 0) + PARTITION_SOFTENING / K); totals[k]! += tau[k]!; }
    for (let j = 0; j < J; j++) {
      const c = data.codes[i * J + j]!;
      if (c === MISSING_CODE) continue;
      const t = (data.offsets[j]! + c) * K;
      for (let k = 0; k < K; k++) counts[t + k]! += tau[k]!;
    }
  }
  const weightSum = totals.reduce((a, b) => a + b, 0);
  const shares = totals.map((v) => v / weightSum);
  const beta = interceptOnlyBeta(data, shares);
  if (data.indicators === 'ordinal') {
    const alpha = itemMarginalAlpha(data);
    const slope = new Float64Array(J * K);
    ordinalMStep(data, K, counts, alpha, slope, 25, createOrdinalScratch(K));
    return { kind: 'lca-params', indicators: 'ordinal', classes: K, theta: ordinalTheta(data, K, alpha, slope), shares, beta, alpha, slope };
  }
  const theta = new Float64Array(T * K);
  for (let j = 0; j < J; j++) {
    const base = data.offsets[j]!, C = data.categoryCounts[j]!;
    for (let k = 0; k < K; k++) {
      let denom = 0;
      for (let c = 0; c < C; c++) denom += counts[(base + c) * K + k]!;
      for (let c = 0; c < C; c++) theta[(base + c) * K + k] = denom > 0 ? counts[(base + c) * K + k]! / denom : 1 / C;
    }
  }
  return { kind: 'lca-params', indicators: 'nominal', classes: K, theta, shares, beta, alpha: null, slope: null };
}

/** Posterior class probabilities (n×K over the analysed respondents) and the weighted ℓ. */
export function lcaPosteriors(data: LcaData, params: LcaParams): { posteriors: Float64Array; logLik: number } {
  const ws = workspaceFor(data, params.classes);
  const u = runVector(data, ws);
  encodeParams(data, ws, params, u.all);
  decodeVector(data, ws, u);
  const logLik = passDecoded(data, ws);
  if (ws.patternOf === null) return { posteriors: ws.post.slice(), logLik };
  const K = params.classes;
  const posteriors = new Float64Array(data.n * K);
  for (let i = 0; i < data.n; i++) posteriors.set(ws.post.subarray(ws.patternOf[i]! * K, ws.patternOf[i]! * K + K), i * K);
  return { posteriors, logLik };
}

export const lcaModel: MixtureModel<LcaData, LcaParams> = {
  kind: 'lca',
  randomStart,
  partitionStart,
  runEm: (data, start, options) => runLcaEm(data, start, options),
  posteriors: lcaPosteriors,
  parameterCount: lcaParameterCount,
  classShares: (params) => params.shares.slice(),
  permuteClasses: permuteLcaParams,
  sampleSize: (data) => ({ n: data.n, weightSum: data.weights === null ? data.n : data.weights.reduce((a, b) => a + b, 0) }),
  simulate: simulateLca,
  resample: resampleLca,
  numericView: lcaNumericView,
};
