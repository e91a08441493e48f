/**
 * The mixed-indicator latent class model (nominal, ordinal and continuous indicators under local
 * independence) behind the MixtureModel contract, so fitMixtureRange, the fit statistics and the
 * worker pool serve it unchanged. Formulas: mixed-params.ts; EM: mixed-em.ts.
 *
 * Starts:
 * - randomStart: shares equal; nominal items as poLCA (C_j iid U(0,1) per item and class,
 *   normalised); ordinal items as lca-model.ts (locations from the item's marginal + 0.5 per
 *   category, class slopes iid N(0, (2/(C_j−1))²), centred); continuous variables: class means at
 *   K distinct respondents chosen by the smallest seeded hash of their continuous values
 *   (row-order-free.ts: row-order free, as lpa-model.ts; a missing value takes the overall mean),
 *   variances = the total variance.
 * - partitionStart: one M-step from memberships τ_ik = (1 − s)·[label_i = k] + s/K with s = 0.1
 *   when there are categorical items (lca-model.ts's softening, so no category starts at an
 *   absorbing zero) and s = 0 for continuous-only data (mclust / lpa-model.ts's hard start).
 *   A partition whose M-step fails (empty class) gives zero shares, so the start fails at once.
 * - numericView (for the driver's k-means start): one-hot nominal categories, ordinal codes scaled
 *   to 0..1, continuous variables z-scored; NaN = missing.
 */
import type { MixtureModel } from '../mixture-model';
import type { Rng } from '../../random/rng';
import { sampleRowsByContent } from '../row-order-free';
import { MISSING_CODE, type MixedData } from './mixed-data';
import { mixedEStep, mixedMStep, mixedWorkspace, runMixedEm } from './mixed-em';
import { mixedParameterCount, permuteMixedParams, type MixedParams } from './mixed-params';
import { LOG_FLOOR } from '../lca/lca-em';
import { createOrdinalScratch, ordinalLogTheta, ordinalMStep } from '../lca/lca-ordinal';

const PARTITION_SOFTENING = 0.1;

function emptyParams(data: MixedData, K: number): MixedParams {
  const ord = data.ordinalFrame;
  return {
    kind: 'mixed-params', classes: K, shares: new Float64Array(K).fill(1 / K), theta: new Float64Array(data.totalCategories * K),
    alpha: ord === null ? null : new Float64Array(ord.totalCategories), slope: ord === null ? null : new Float64Array(ord.items.length * K),
    means: new Float64Array(K * data.d), variances: new Float64Array(K * data.d),
  };
}

/** Ordinal locations from the item marginals (log(count + 0.5) relative to category 0). */
function marginalAlpha(data: MixedData, alpha: Float64Array): void {
  const ord = data.ordinalFrame!;
  const J = data.items.length;
  const counts = new Float64Array(ord.totalCategories);
  const first = data.nominalCount;
  for (let i = 0; i < data.n; i++) {
    const w = data.weights === null ? 1 : data.weights[i]!;
    for (let j = first; j < J; j++) {
      const c = data.codes[i * J + j]!;
      if (c !== MISSING_CODE) counts[ord.offsets[j - first]! + c]! += w;
    }
  }
  for (let j = 0; j < ord.items.length; j++) {
    const base = ord.offsets[j]!;
    const ref = Math.log(counts[base]! + 0.5);
    for (let c = 0; c < ord.categoryCounts[j]!; c++) alpha[base + c] = Math.log(counts[base + c]! + 0.5) - ref;
  }
}

function ordinalThetaInto(data: MixedData, params: MixedParams): void {
  const ord = data.ordinalFrame;
  if (ord === null) return;
  const K = params.classes;
  const logTheta = new Float64Array(ord.totalCategories * K);
  ordinalLogTheta(ord, K, params.alpha!, params.slope!, logTheta, LOG_FLOOR);
  const start = data.offsets[data.nominalCount]! * K;
  for (let t = 0; t < logTheta.length; t++) params.theta[start + t] = Math.exp(logTheta[t]!);
}

function overallMoments(data: MixedData): { mean: Float64Array; variance: Float64Array } {
  const { n, d } = data;
  const mean = new Float64Array(d), variance = new Float64Array(d);
  for (let v = 0; v < d; v++) {
    let s = 0, sx = 0, sxx = 0;
    for (let i = 0; i < n; i++) {
      const x = data.x[i * d + v]!;
      if (Number.isNaN(x)) continue;
      const w = data.weights === null ? 1 : data.weights[i]!;
      s += w; sx += w * x; sxx += w * x * x;
    }
    mean[v] = sx / s;
    variance[v] = Math.max(sxx / s - mean[v]! * mean[v]!, 0);
  }
  return { mean, variance };
}

function randomStart(data: MixedData, K: number, rng: Rng): MixedParams {
  const p = emptyParams(data, K);
  for (let j = 0; j < data.nominalCount; j++) {
    const base = data.offsets[j]!, C = data.categoryCounts[j]!;
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let c = 0; c < C; c++) { const u = rng.uniform(); p.theta[(base + c) * K + k] = u; sum += u; }
      for (let c = 0; c < C; c++) p.theta[(base + c) * K + k]! /= sum;
    }
  }
  const ord = data.ordinalFrame;
  if (ord !== null) {
    marginalAlpha(data, p.alpha!);
    for (let j = 0; j < ord.items.length; j++) {
      const sd = 2 / (ord.categoryCounts[j]! - 1);
      let mean = 0;
      for (let k = 0; k < K; k++) { p.slope![j * K + k] = sd * rng.normal(); mean += p.slope![j * K + k]!; }
      for (let k = 0; k < K; k++) p.slope![j * K + k]! -= mean / K;
    }
    ordinalThetaInto(data, p);
  }
  if (data.d > 0) {
    const { mean, variance } = overallMoments(data);
    // Rows chosen by a seeded hash of their content (row-order-free.ts), never by position, so a
    // shuffled file gives the same starts; fewer than K respondents repeat the chosen rows.
    const rows = sampleRowsByContent(data.x, data.n, data.d, K, rng);
    for (let k = 0; k < K; k++) {
      const r = rows[k % rows.length]!;
      for (let v = 0; v < data.d; v++) {
        const x = data.x[r * data.d + v]!;
        p.means[k * data.d + v] = Number.isNaN(x) ? mean[v]! : x;
        p.variances[k * data.d + v] = variance[v]!;
      }
    }
  }
  return p;
}

function partitionStart(data: MixedData, K: number, labels: Int32Array): MixedParams {
  if (labels.length !== data.n) throw new RangeError(`partitionStart: ${labels.length} labels for ${data.n} respondents`);
  const s = data.items.length > 0 ? PARTITION_SOFTENING : 0;
  const ws = mixedWorkspace(data, K);
  for (let i = 0; i < data.n; i++) {
    const label = labels[i]!;
    if (!(label >= 0 && label < K)) throw new RangeError(`partitionStart: label ${label} of respondent ${i} is outside 0..${K - 1}`);
    for (let k = 0; k < K; k++) ws.post[i * K + k] = (k === label ? 1 - s : 0) + s / K;
  }
  const p = emptyParams(data, K);
  if (data.ordinalFrame !== null) marginalAlpha(data, p.alpha!);
  // The ordinal M-step of the start runs to (near) convergence, as lca-model.ts's partition start.
  const failure = mixedMStep(data, p, ws);
  if (failure !== null) { p.shares.fill(0); return p; }
  if (data.ordinalFrame !== null) {
    const ord = data.ordinalFrame;
    const oc = new Float64Array(ord.totalCategories * K);
    const start = data.offsets[data.nominalCount]! * K;
    for (let t = 0; t < oc.length; t++) oc[t] = ws.counts[start + t]!;
    ordinalMStep(ord, K, oc, p.alpha!, p.slope!, 25, createOrdinalScratch(K));
    ordinalThetaInto(data, p);
  }
  return p;
}

/** Posterior class probabilities (n×K) and the weighted log-likelihood. */
export function mixedPosteriors(data: MixedData, params: MixedParams): { posteriors: Float64Array; logLik: number } {
  const ws = mixedWorkspace(data, params.classes);
  const logLik = mixedEStep(data, params, ws);
  return { posteriors: ws.post, logLik };
}

/** Features for the driver's k-means start; see the header. */
export function mixedNumericView(data: MixedData): { n: number; d: number; values: Float64Array } {
  const { n } = data;
  const J = data.items.length;
  let width = 0;
  const column = new Int32Array(J);
  for (let j = 0; j < J; j++) { column[j] = width; width += j < data.nominalCount ? data.categoryCounts[j]! : 1; }
  const D = width + data.d;
  const values = new Float64Array(n * D);
  const { mean, variance } = overallMoments(data);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < J; j++) {
      const c = data.codes[i * J + j]!;
      const at = i * D + column[j]!;
      if (j < data.nominalCount) {
        for (let e = 0; e < data.categoryCounts[j]!; e++) values[at + e] = c === MISSING_CODE ? NaN : e === c ? 1 : 0;
      } else {
        values[at] = c === MISSING_CODE ? NaN : c / (data.categoryCounts[j]! - 1);
      }
    }
    for (let v = 0; v < data.d; v++) {
      const sd = Math.sqrt(variance[v]!);
      values[i * D + width + v] = (data.x[i * data.d + v]! - mean[v]!) / (sd > 0 ? sd : 1);
    }
  }
  return { n, d: D, values };
}

export const mixedModel: MixtureModel<MixedData, MixedParams> = {
  kind: 'mixed',
  randomStart,
  partitionStart,
  runEm: runMixedEm,
  posteriors: mixedPosteriors,
  parameterCount: mixedParameterCount,
  classShares: (params) => params.shares.slice(),
  permuteClasses: permuteMixedParams,
  sampleSize: (data) => ({ n: data.n, weightSum: data.weights === null ? data.n : data.weights.reduce((a, b) => a + b, 0) }),
  numericView: mixedNumericView,
};
