/**
 * The nominal latent class model against poLCA 1.6.0.2 (oracle: ../shared/oracle/results/polca_*.json,
 * synthetic_a_polca.json). poLCA drops rows with a missing item (na.rm = TRUE), so the data are built
 * listwise. For each K: the best log-likelihood over a few seeded random starts is at least R's best
 * − 0.01, npar equals poLCA's, BIC within 0.1, and — where the model is identified — class shares and
 * item probabilities within 0.01 after matching classes, covariate coefficients within 0.02.
 * Parameters are compared only when the model is (generically, locally) identified: the Jacobian of
 * the response-pattern probabilities with respect to the free parameters has full column rank at a
 * random interior point. Four binary items with K ≥ 3 classes (values and cheating K = 3: a flat
 * ridge of equal-ℓ solutions, poLCA's and ours differ by 0.04 in shares at the same ℓ; values K = 4:
 * more parameters than cells) are not identified, so only ℓ, npar and BIC are compared there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../core/node/data/load-dataset';
import type { Dataset } from '../../core/data/dataset';
import { buildLcaData, type LcaData } from '../../core/segment/lca/lca-data';
import { lcaModel } from '../../core/segment/lca/lca-model';
import type { LcaParams } from '../../core/segment/lca/lca-params';
import { lcaCoefficients, lcaItemProbs } from '../../core/segment/lca/lca-output';
import { drainSteps } from '../../core/jobs/run-steps';
import { adjustedRandIndex } from '../../core/segment/adjusted-rand';
import { createRng, deriveSeed } from '../../core/random/rng';
import { oraclePath, readOracleJson, type OracleMatrix } from './oracle-files';

type PolcaModel = {
  nclass: number; llik: number; npar: number; bic: number; N: number; resid_df: number; P: number[];
  probs: Record<string, OracleMatrix>; coeff?: OracleMatrix;
};
type PolcaFile = { items: string[]; covariate?: string; models: PolcaModel[] };

/** Best of `starts` seeded random starts (the orchestration driver replaces this loop in the app). */
function bestOfStarts(data: LcaData, K: number, starts: number): { params: LcaParams; logLik: number } {
  let best: { params: LcaParams; logLik: number } | null = null;
  for (let s = 0; s < starts; s++) {
    const start = lcaModel.randomStart(data, K, createRng(deriveSeed(20240611, K, s)));
    const out = drainSteps(lcaModel.runEm(data, start, { maxIterations: 5000, tolerance: 1e-10 }));
    if (out.failure === null && (best === null || out.logLik > best.logLik)) best = { params: out.params, logLik: out.logLik };
  }
  if (best === null) throw new Error(`every start failed for K = ${K}`);
  return best;
}

function permutations(K: number): number[][] {
  if (K === 1) return [[0]];
  return permutations(K - 1).flatMap((p) => Array.from({ length: K }, (_, i) => [...p.slice(0, i), K - 1, ...p.slice(i)]));
}

/** Our params reordered so our class c is R's class c (smallest summed |Δ| of shares and probabilities). */
function matchToR(data: LcaData, params: LcaParams, model: PolcaModel): LcaParams {
  const probs = lcaItemProbs(data, params);
  let best: { order: number[]; cost: number } = { order: [], cost: Infinity };
  for (const order of permutations(params.classes)) {
    let cost = 0;
    order.forEach((ours, r) => {
      cost += Math.abs(params.shares[ours]! - model.P[r]!);
      for (const item of data.items) probs[item]![ours]!.forEach((p, c) => (cost += Math.abs(p - model.probs[item]!.values[r]![c]!)));
    });
    if (cost < best.cost) best = { order, cost };
  }
  return lcaModel.permuteClasses(params, best.order);
}

function maxProbDiff(data: LcaData, params: LcaParams, model: PolcaModel): number {
  const probs = lcaItemProbs(data, params);
  let max = 0;
  for (const item of data.items) probs[item]!.forEach((row, k) => row.forEach((p, c) => (max = Math.max(max, Math.abs(p - model.probs[item]!.values[k]![c]!)))));
  return max;
}

/** Rank of an r×c row-major matrix by Gaussian elimination with partial pivoting. */
function rank(m: number[][], tol: number): number {
  const a = m.map((row) => [...row]);
  let r = 0;
  for (let c = 0; c < (a[0]?.length ?? 0) && r < a.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < a.length; i++) if (Math.abs(a[i]![c]!) > Math.abs(a[pivot]![c]!)) pivot = i;
    if (Math.abs(a[pivot]![c]!) <= tol) continue;
    [a[r], a[pivot]] = [a[pivot]!, a[r]!];
    for (let i = r + 1; i < a.length; i++) {
      const f = a[i]![c]! / a[r]![c]!;
      for (let j = c; j < a[i]!.length; j++) a[i]![j]! -= f * a[r]![j]!;
    }
    r++;
  }
  return r;
}

/** Generic local identification (see the header): full-rank pattern-probability Jacobian at a random point. */
function identified(data: LcaData, K: number): boolean {
  const C = Array.from(data.categoryCounts);
  const free: number[] = []; // logits: per item, class, category ≥ 1, then class logits k ≥ 1
  const rng = createRng(99);
  for (const Cj of C) for (let k = 0; k < K; k++) for (let c = 1; c < Cj; c++) free.push(rng.normal());
  for (let k = 1; k < K; k++) free.push(0.5 * rng.normal());
  const patterns: number[][] = [[]];
  for (const Cj of C) patterns.splice(0, patterns.length, ...patterns.flatMap((p) => Array.from({ length: Cj }, (_, c) => [...p, c])));
  const probabilities = (x: number[]): number[] => {
    let at = 0;
    const theta = C.map((Cj) => Array.from({ length: K }, () => {
      const e = [1, ...Array.from({ length: Cj - 1 }, () => Math.exp(x[at++]!))];
      const z = e.reduce((s, v) => s + v, 0);
      return e.map((v) => v / z);
    }));
    const ePi = [1, ...Array.from({ length: K - 1 }, () => Math.exp(x[at++]!))];
    const pi = ePi.map((v) => v / ePi.reduce((s, w) => s + w, 0));
    return patterns.map((p) => pi.reduce((s, pk, k) => s + pk * p.reduce((q, c, j) => q * theta[j]![k]![c]!, 1), 0));
  };
  const h = 1e-5;
  const columns = free.map((_, a) => {
    const up = [...free], down = [...free];
    up[a]! += h; down[a]! -= h;
    const pu = probabilities(up), pd = probabilities(down);
    return pu.map((v, i) => (v - pd[i]!) / (2 * h));
  });
  const jacobian = patterns.map((_, i) => columns.map((col) => col[i]!));
  return rank(jacobian, 1e-7) === free.length;
}

const NOT_IDENTIFIED = new Set(['polca_values.json K=3', 'polca_values.json K=4', 'polca_cheating.json K=3']);

const CASES = [
  { file: 'polca_values.json', csv: 'values.csv', starts: 8 },
  { file: 'polca_carcinoma.json', csv: 'carcinoma.csv', starts: 12 },
  { file: 'polca_cheating.json', csv: 'cheating.csv', starts: 10 },
  { file: 'polca_cheating_covariate_GPA.json', csv: 'cheating.csv', starts: 5 },
] as const;

describe('lcaModel (nominal) reproduces poLCA', () => {
  const datasets = new Map<string, Dataset>();
  beforeAll(async () => {
    for (const c of CASES) if (!datasets.has(c.csv)) datasets.set(c.csv, await loadDataset(oraclePath('data', c.csv)));
  });
  for (const c of CASES) {
    const oracle = readOracleJson<PolcaFile>(c.file);
    for (const model of oracle.models) {
      const K = model.nclass;
      it(`${c.file} K=${K}: ℓ ≥ R − 0.01, npar, BIC ±0.1, shares/probs ±0.01${model.coeff ? ', coefficients ±0.02' : ''}`, () => {
        const data = buildLcaData(datasets.get(c.csv)!, oracle.items, { indicators: 'nominal', missing: 'listwise', covariates: oracle.covariate === undefined ? [] : [oracle.covariate] });
        expect(data.n).toBe(model.N);
        const fit = bestOfStarts(data, K, K === 1 ? 1 : c.starts);
        expect(fit.logLik).toBeGreaterThanOrEqual(model.llik - 0.01);
        const npar = lcaModel.parameterCount(data, K);
        expect(npar).toBe(model.npar);
        expect(Math.abs(-2 * fit.logLik + npar * Math.log(data.n) - model.bic)).toBeLessThan(0.1);
        const isIdentified = identified(data, K);
        expect(isIdentified).toBe(!NOT_IDENTIFIED.has(`${c.file} K=${K}`));
        if (!isIdentified) return; // parameters not unique: ℓ, npar and BIC only (see header)
        const matched = matchToR(data, fit.params, model);
        matched.shares.forEach((s, k) => expect(Math.abs(s - model.P[k]!)).toBeLessThan(0.01));
        expect(maxProbDiff(data, matched, model)).toBeLessThan(0.01);
        if (model.coeff !== undefined) {
          const coefficients = lcaCoefficients(data, matched)!;
          expect(coefficients.terms).toEqual(['(Intercept)', oracle.covariate]);
          coefficients.rows.forEach((row, r) => row.estimates.forEach((b, s) => expect(Math.abs(b - model.coeff!.values[s]![r]!)).toBeLessThan(0.02)));
        }
      });
    }
  }
});

type SyntheticOracle = { llik: number; npar: number; bic: number; adjusted_rand_index: number };

describe('lcaModel on the synthetic 4-class set (synth_a)', () => {
  it('K=4: ℓ ≥ poLCA − 0.01, BIC ±0.1 and adjusted Rand index against the truth ≥ R\'s 0.9924', async () => {
    const oracle = readOracleJson<SyntheticOracle>('synthetic_a_polca.json');
    const dataset = await loadDataset(oraclePath('data', 'synth_a.csv'));
    const truth = (await loadDataset(oraclePath('data', 'synth_a_classes.csv'))).columns.find((c) => c.name === 'class')!.values!;
    const items = Array.from({ length: 12 }, (_, j) => `item${String(j + 1).padStart(2, '0')}`);
    const data = buildLcaData(dataset, items, { indicators: 'nominal', missing: 'listwise' });
    const fit = bestOfStarts(data, 4, 3);
    expect(fit.logLik).toBeGreaterThanOrEqual(oracle.llik - 0.01);
    expect(lcaModel.parameterCount(data, 4)).toBe(oracle.npar);
    expect(Math.abs(-2 * fit.logLik + oracle.npar * Math.log(data.n) - oracle.bic)).toBeLessThan(0.1);
    const { posteriors } = lcaModel.posteriors(data, fit.params);
    const modal = Array.from({ length: data.n }, (_, i) => {
      let best = 0;
      for (let k = 1; k < 4; k++) if (posteriors[i * 4 + k]! > posteriors[i * 4 + best]!) best = k;
      return best;
    });
    const truthAnalysed = Array.from(data.rowIndex, (r) => truth[r]!);
    expect(adjustedRandIndex(modal, truthAnalysed)).toBeGreaterThanOrEqual(0.9924);
  });
});
