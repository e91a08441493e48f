/**
 * Latent profile analysis: finite Gaussian mixtures f(x) = Σ_k π_k N(x; μ_k, Σ_k) with mclust's
 * covariance parameterisations (covariance-models.ts), estimated by EM and implementing the
 * MixtureModel contract so the multi-start driver, worker pool and bootstrap serve it.
 *
 * E-step: ln π_k + ln N(x_i; μ_k, Σ_k) via the Cholesky factor of Σ_k, posteriors by log-sum-exp
 * (max-shifted), ℓ = Σ_i w_i ln Σ_k π_k N(x_i; μ_k, Σ_k). M-step: closed form (covariance-models.ts),
 * with case weights multiplying every sufficient statistic (pseudo-ML, as mclust's me.weighted).
 * A class whose weight falls below max(√ε, 1e-10·N), or a covariance that is singular by mclust's
 * reciprocal-condition proxy, ends the start as failed (mclust returns NA there; nothing is
 * regularised silently).
 *
 * Starts: mclust initialises from model-based hierarchical clustering (we run that start too, in
 * lpa-analysis.ts via hierarchical-start.ts); the driver adds random starts (means
 * at K respondents chosen by k-means++ D² seeding on z-scored variables, drawn through a seeded hash
 * of their values so the choice is independent of row order; covariance = total covariance / K
 * under the model's constraint; equal proportions) and the driver's k-means start (partitionStart). Cost per iteration O(N·K·d²). Oracle: tests/oracle/lpa-mclust.test.ts.
 */
import type { EmOptions, EmOutcome, MixtureModel } from '../mixture-model';
import type { Progress } from '../../jobs/run-steps';
import type { Rng } from '../../random/rng';
import { sampleRowsByContent, seedRowsDSquared } from '../row-order-free';
import { lloydPartition } from '../kmeans';
import { choleskyLogDet, constrainCovariances, lpaParameterCount, SQRT_EPS, type CovarianceModel } from './covariance-models';
import type { LpaData } from './lpa-data';
import { detectPatterns, gaussianEStepMissing, gaussianMStepMissing } from './gaussian-missing';

/** Axis order: classes first; means K×d row-major, covariances K×d×d row-major. */
export type LpaParams = {
  model: CovarianceModel;
  k: number;
  d: number;
  proportions: Float64Array;
  means: Float64Array;
  covariances: Float64Array;
};

const LN_2PI = Math.log(2 * Math.PI);

/**
 * Posteriors (written to z, N×K) and the weighted log-likelihood of `params`; NaN when a
 * covariance is singular. Hot kernel: no allocation per row.
 */
export function gaussianEStep(data: LpaData, params: LpaParams, z: Float64Array): number {
  const { n, d, x, weights } = data;
  const { k, proportions, means, covariances } = params;
  const dd = d * d;
  const chol = new Float64Array(k * dd);
  const constant = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const logDet = choleskyLogDet(covariances, chol, c * dd, d);
    if (Number.isNaN(logDet) || !(proportions[c]! > 0)) return NaN;
    constant[c] = Math.log(proportions[c]!) - 0.5 * (d * LN_2PI + logDet);
  }
  const v = new Float64Array(d);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const row = i * d;
    const zRow = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      const base = c * dd;
      const mean = c * d;
      let maha = 0;
      for (let j = 0; j < d; j++) {
        let s = x[row + j]! - means[mean + j]!;
        const lRow = base + j * d;
        for (let m = 0; m < j; m++) s -= chol[lRow + m]! * v[m]!;
        const t = s / chol[lRow + j]!;
        v[j] = t;
        maha += t * t;
      }
      const lp = constant[c]! - 0.5 * maha;
      z[zRow + c] = lp;
      if (lp > max) max = lp;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[zRow + c]! - max);
      z[zRow + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) z[zRow + c] = z[zRow + c]! / sum;
    const li = max + Math.log(sum);
    logLik += weights === null ? li : weights[i]! * li;
  }
  return logLik;
}

/** Closed-form M-step from posteriors z (N×K); a failure message when a class is (nearly) empty. */
export function gaussianMStep(data: LpaData, z: Float64Array, k: number, model: CovarianceModel): LpaParams | string {
  const { n, d, x, weights } = data;
  const dd = d * d;
  const nk = new Float64Array(k);
  const means = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const w = weights === null ? 1 : weights[i]!;
    for (let c = 0; c < k; c++) {
      const wz = w * z[i * k + c]!;
      nk[c]! += wz;
      for (let j = 0; j < d; j++) means[c * d + j]! += wz * x[i * d + j]!;
    }
  }
  const floor = Math.max(SQRT_EPS, 1e-10 * n);
  let total = 0;
  for (let c = 0; c < k; c++) {
    if (!(nk[c]! > floor)) return `class ${c + 1} became empty`;
    total += nk[c]!;
    for (let j = 0; j < d; j++) means[c * d + j] = means[c * d + j]! / nk[c]!;
  }
  const scatter = new Float64Array(k * dd);
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const w = weights === null ? 1 : weights[i]!;
    for (let c = 0; c < k; c++) {
      const wz = w * z[i * k + c]!;
      if (wz === 0) continue;
      for (let j = 0; j < d; j++) diff[j] = x[i * d + j]! - means[c * d + j]!;
      const base = c * dd;
      for (let a = 0; a < d; a++) {
        const t = wz * diff[a]!;
        for (let b = 0; b <= a; b++) scatter[base + a * d + b]! += t * diff[b]!;
      }
    }
  }
  for (let c = 0; c < k; c++) {
    const base = c * dd;
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) scatter[base + b * d + a] = scatter[base + a * d + b]!;
  }
  const covariances = new Float64Array(k * dd);
  constrainCovariances(model, scatter, nk, k, d, covariances);
  const proportions = Float64Array.from(nk, (v) => v / total);
  return { model, k, d, proportions, means, covariances };
}

/** The E-step for these data: complete-data kernel, or FIML over observed values (gaussian-missing.ts). */
function eStep(data: LpaData, params: LpaParams, z: Float64Array): number {
  return data.patterns === null ? gaussianEStep(data, params, z) : gaussianEStepMissing(data, params, data.patterns, z);
}

function* gaussianEm(data: LpaData, start: LpaParams, options: EmOptions): Generator<Progress, EmOutcome<LpaParams>, void> {
  const z = new Float64Array(data.n * start.k);
  let params = start;
  let previous = NaN;
  for (let iteration = 0; ; iteration++) {
    const logLik = eStep(data, params, z);
    if (!Number.isFinite(logLik)) {
      return { params, logLik: NaN, iterations: iteration, converged: false, failure: 'singular covariance matrix' };
    }
    if (iteration > 0 && Math.abs(logLik - previous) < options.tolerance) {
      return { params, logLik, iterations: iteration, converged: true, failure: null };
    }
    if (iteration >= options.maxIterations) return { params, logLik, iterations: iteration, converged: false, failure: null };
    const next = data.patterns === null ? gaussianMStep(data, z, params.k, params.model) : gaussianMStepMissing(data, z, params, data.patterns, params.model);
    if (typeof next === 'string') return { params, logLik: NaN, iterations: iteration, converged: false, failure: next };
    params = next;
    previous = logLik;
    yield { stage: 'em', current: iteration + 1, total: options.maxIterations, detail: { iteration: iteration + 1, logLik } };
  }
}

/**
 * Weighted mean and covariance (divisor Σw) of all respondents. With missing values: means and
 * variances over the observed values of each variable, covariances 0 (used only to scale starts).
 */
export function totalMoments(data: LpaData): { mean: Float64Array; covariance: Float64Array } {
  if (data.patterns === null) {
    const z = new Float64Array(data.n).fill(1);
    const one = gaussianMStep(data, z, 1, 'VVV');
    if (typeof one === 'string') throw new Error(one);
    return { mean: one.means, covariance: one.covariances };
  }
  const { n, d, x, weights } = data;
  const mean = new Float64Array(d);
  const covariance = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let sw = 0;
    let sx = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * d + j]!;
      if (Number.isNaN(v)) continue;
      const w = weights === null ? 1 : weights[i]!;
      sw += w;
      sx += w * v;
      sxx += w * v * v;
    }
    mean[j] = sx / sw;
    covariance[j * d + j] = Math.max(sxx / sw - mean[j]! * mean[j]!, 0);
  }
  return { mean, covariance };
}

function randomStart(model: CovarianceModel, data: LpaData, k: number, rng: Rng): LpaParams {
  const { d, n } = data;
  const { mean, covariance } = totalMoments(data);
  const scaled = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data.x[i * d + j]!;
      scaled[i * d + j] = Number.isNaN(v) ? 0 : (v - mean[j]!) / Math.sqrt(covariance[j * d + j]!);
    }
  }
  const kind = rng.uniform() < 0.5 ? 'uniform' : 'lloyd';
  const rows = kind === 'uniform' ? sampleRowsByContent(scaled, n, d, k, rng) : seedRowsDSquared(scaled, n, d, k, rng);
  if (kind === 'lloyd') {
    const labels = lloydPartition(scaled, n, d, rows, LLOYD_START_ITERATIONS);
    return partitionStart(model, data, k, labels);
  }
  const means = new Float64Array(k * d);
  rows.forEach((row, c) => {
    for (let j = 0; j < d; j++) {
      const v = data.x[row * d + j]!;
      means[c * d + j] = Number.isNaN(v) ? mean[j]! : v;
    }
  });
  const dd = d * d;
  const scatter = new Float64Array(k * dd);
  const nk = new Float64Array(k).fill(1 / k);
  for (let c = 0; c < k; c++) for (let e = 0; e < dd; e++) scatter[c * dd + e] = covariance[e]! / k;
  const covariances = new Float64Array(k * dd);
  constrainCovariances(model, scatter, nk, k, d, covariances);
  return { model, k, d, proportions: new Float64Array(k).fill(1 / k), means, covariances };
}

const LLOYD_START_ITERATIONS = 10;

function partitionStart(model: CovarianceModel, data: LpaData, k: number, labels: Int32Array): LpaParams {
  const z = new Float64Array(data.n * k);
  for (let i = 0; i < data.n; i++) z[i * k + labels[i]!] = 1;
  let params: LpaParams | string;
  if (data.patterns === null) {
    params = gaussianMStep(data, z, k, model);
  } else {
    // Missing values are first imputed from the overall means (and variances) of the observed ones.
    const { mean, covariance } = totalMoments(data);
    const dd = data.d * data.d;
    const overall: LpaParams = { model, k, d: data.d, proportions: new Float64Array(k).fill(1 / k), means: new Float64Array(k * data.d), covariances: new Float64Array(k * dd) };
    for (let c = 0; c < k; c++) {
      overall.means.set(mean, c * data.d);
      overall.covariances.set(covariance, c * dd);
    }
    params = gaussianMStepMissing(data, z, overall, data.patterns, model);
  }
  if (typeof params === 'string') {
    // An empty class in the partition: the start fails at its first E-step (zero proportion).
    return { model, k, d: data.d, proportions: new Float64Array(k), means: new Float64Array(k * data.d), covariances: new Float64Array(k * data.d * data.d) };
  }
  return params;
}

function permute(params: LpaParams, order: readonly number[]): LpaParams {
  const { k, d } = params;
  const dd = d * d;
  const proportions = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * dd);
  order.forEach((old, c) => {
    proportions[c] = params.proportions[old]!;
    means.set(params.means.subarray(old * d, old * d + d), c * d);
    covariances.set(params.covariances.subarray(old * dd, old * dd + dd), c * dd);
  });
  return { ...params, proportions, means, covariances };
}

/** N respondents drawn from the fitted mixture (class by π, then μ_k + L_k e with e ~ N(0, I)). */
function simulate(data: LpaData, params: LpaParams, rng: Rng): LpaData {
  const { n, d } = data;
  const { k } = params;
  const dd = d * d;
  const chol = new Float64Array(k * dd);
  for (let c = 0; c < k; c++) choleskyLogDet(params.covariances, chol, c * dd, d);
  const x = new Float64Array(n * d);
  const e = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    let u = rng.uniform();
    let c = 0;
    while (c < k - 1 && u >= params.proportions[c]!) u -= params.proportions[c++]!;
    for (let j = 0; j < d; j++) e[j] = rng.normal();
    for (let j = 0; j < d; j++) {
      let s = params.means[c * d + j]!;
      for (let m = 0; m <= j; m++) s += chol[c * dd + j * d + m]! * e[m]!;
      x[i * d + j] = s;
    }
  }
  // The simulated respondents keep the observed respondents' missingness pattern.
  for (let e = 0; e < n * d; e++) if (Number.isNaN(data.x[e]!)) x[e] = NaN;
  const rowIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) rowIndex[i] = i;
  return { n, d, x, patterns: data.patterns, weights: null, variables: data.variables, rowIndex, totalRows: n };
}

function resample(data: LpaData, rows: Int32Array): LpaData {
  const { d } = data;
  const n = rows.length;
  const x = new Float64Array(n * d);
  rows.forEach((row, i) => x.set(data.x.subarray(row * d, row * d + d), i * d));
  let weights: Float64Array | null = null;
  if (data.weights !== null) {
    const source = data.weights;
    let sum = 0;
    for (const row of rows) sum += source[row]!;
    weights = Float64Array.from(rows, (row) => (source[row]! * n) / sum);
  }
  return { n, d, x, patterns: detectPatterns(x, n, d), weights, variables: data.variables, rowIndex: Int32Array.from(rows, (r) => data.rowIndex[r]!), totalRows: data.totalRows };
}

export type LpaModel = MixtureModel<LpaData, LpaParams> & {
  readonly covariance: CovarianceModel;
  simulate(data: LpaData, params: LpaParams, rng: Rng): LpaData;
  resample(data: LpaData, rows: Int32Array): LpaData;
};

const cache = new Map<CovarianceModel, LpaModel>();

/** The latent profile model with one covariance parameterisation. */
export function lpaModel(covariance: CovarianceModel): LpaModel {
  const existing = cache.get(covariance);
  if (existing !== undefined) return existing;
  const model: LpaModel = {
    kind: 'lpa',
    covariance,
    randomStart: (data, k, rng) => randomStart(covariance, data, k, rng),
    partitionStart: (data, k, labels) => partitionStart(covariance, data, k, labels),
    runEm: gaussianEm,
    posteriors(data, params) {
      const posteriors = new Float64Array(data.n * params.k);
      const logLik = eStep(data, params, posteriors);
      return { posteriors, logLik };
    },
    parameterCount: (data, k) => lpaParameterCount(covariance, k, data.d),
    classShares: (params) => Float64Array.from(params.proportions),
    permuteClasses: permute,
    sampleSize: (data) => ({ n: data.n, weightSum: data.n }),
    simulate,
    resample,
    numericView: (data) => ({ n: data.n, d: data.d, values: data.x }),
  };
  cache.set(covariance, model);
  return model;
}
