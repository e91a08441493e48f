import { describe, expect, it } from 'vitest';
import type { Column, Dataset } from '../../core/data/dataset';
import { drainSteps, runSteps } from '../../core/jobs/run-steps';
import { CancellationError } from '../../core/errors';
import { createRng, deriveSeed, permutation, type Rng } from '../../core/random/rng';
import { buildLcaData, type LcaData } from '../../core/segment/lca/lca-data';
import { lcaModel } from '../../core/segment/lca/lca-model';
import type { LcaParams } from '../../core/segment/lca/lca-params';
import { bivariateResiduals, lcaCoefficients, lcaItemProbs } from '../../core/segment/lca/lca-output';
import { compressPatterns } from '../../core/segment/lca/lca-patterns';

/** N respondents from a K-class model on J items with C categories (MAR missing share `missing`), plus a covariate that shifts class odds. */
function simulateDataset(rng: Rng, N: number, J: number, C: number, K: number, missing: number): Dataset {
  const theta = Array.from({ length: K }, () => Array.from({ length: J }, () => {
    const w = Array.from({ length: C }, () => Math.exp(1.5 * rng.normal()));
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / s);
  }));
  const cols = Array.from({ length: J }, () => new Float64Array(N));
  const x = new Float64Array(N), wt = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x[i] = rng.normal();
    wt[i] = 1 + rng.int(3);
    const odds = Array.from({ length: K }, (_, k) => Math.exp(0.8 * k * x[i]!));
    let u = rng.uniform() * odds.reduce((a, b) => a + b, 0), k = 0;
    while (k < K - 1 && u >= odds[k]!) { u -= odds[k]!; k++; }
    for (let j = 0; j < J; j++) {
      if (rng.uniform() < missing) { cols[j]![i] = NaN; continue; }
      let v = rng.uniform(), c = 0;
      while (c < C - 1 && v >= theta[k]![j]![c]!) { v -= theta[k]![j]![c]!; c++; }
      cols[j]![i] = c + 1;
    }
  }
  const column = (name: string, values: Float64Array): Column => ({ name, label: name, measurement: 'nominal', valueLabels: [], missing: { codes: [], range: null, strings: [] }, values, text: null, reversed: false });
  const columns = [...cols.map((v, j) => column(`q${j + 1}`, v)), column('x', x), column('w', wt)];
  return { source: { file: 'sim.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, rows: N, columns, weight: null, id: null, notices: [] };
}

const ITEMS = Array.from({ length: 8 }, (_, j) => `q${j + 1}`);
const DS = simulateDataset(createRng(5), 1500, 8, 4, 3, 0.05);

function fit(data: LcaData, K: number, starts = 4, accelerate = true): { params: LcaParams; logLik: number; passes: number } {
  let best: { params: LcaParams; logLik: number } | null = null;
  let passes = 0;
  for (let s = 0; s < starts; s++) {
    const out = drainSteps(lcaModel.runEm(data, lcaModel.randomStart(data, K, createRng(deriveSeed(11, K, s))), { maxIterations: 3000, tolerance: 1e-9, accelerate }));
    passes += out.iterations;
    if (out.failure === null && (best === null || out.logLik > best.logLik)) best = out;
  }
  return { ...best!, passes };
}

describe('lcaModel.runEm', () => {
  const data = buildLcaData(DS, ITEMS, { indicators: 'nominal' });

  it('plain EM never decreases the log-likelihood (FIML with 5% missing)', () => {
    const steps = lcaModel.runEm(data, lcaModel.randomStart(data, 3, createRng(1)), { maxIterations: 200, tolerance: 1e-10, accelerate: false });
    const lls: number[] = [];
    let r = steps.next();
    while (!r.done) { lls.push(r.value.detail!['logLik'] as number); r = steps.next(); }
    for (let t = 1; t < lls.length; t++) expect(lls[t]!).toBeGreaterThanOrEqual(lls[t - 1]! - 1e-9 * Math.abs(lls[t - 1]!));
    expect(r.value.logLik).toBeGreaterThanOrEqual(lls[lls.length - 1]!);
  });

  it('SQUAREM reaches the same maximum as plain EM in fewer passes', () => {
    const plain = fit(data, 3, 4, false);
    const fast = fit(data, 3, 4, true);
    expect(Math.abs(fast.logLik - plain.logLik)).toBeLessThan(1e-5);
    expect(fast.passes).toBeLessThan(plain.passes);
  });

  it('yields after every cycle of at most 3 passes, so a cancel stops a run between two yields', async () => {
    const controller = new AbortController();
    let yields = 0;
    const run = runSteps(lcaModel.runEm(data, lcaModel.randomStart(data, 3, createRng(6)), { maxIterations: 5000, tolerance: 0 }), {
      signal: controller.signal,
      onProgress: (p) => { yields++; expect(p.detail!['iteration'] as number).toBeLessThanOrEqual(3 * yields); if (yields === 5) controller.abort(); },
    });
    await expect(run).rejects.toBeInstanceOf(CancellationError);
    expect(yields).toBe(5);
  });

  it('the returned logLik is the log-likelihood of the returned parameters', () => {
    const best = fit(data, 3);
    expect(lcaModel.posteriors(data, best.params).logLik).toBeCloseTo(best.logLik, 6);
  });

  it('a start with an empty class returns a failure instead of throwing', () => {
    const start = lcaModel.randomStart(data, 3, createRng(2));
    start.shares.set([0.5, 0.5, 0]);
    const out = drainSteps(lcaModel.runEm(data, start, { maxIterations: 100, tolerance: 1e-9 }));
    expect(out.failure).toMatch(/class 3 emptied/);
  });

  it('a shuffled row order gives the same solution', () => {
    const order = permutation(DS.rows, createRng(3));
    const shuffled: Dataset = { ...DS, columns: DS.columns.map((c) => ({ ...c, values: Float64Array.from(order, (i) => c.values![i]!) })) };
    const a = fit(data, 3), b = fit(buildLcaData(shuffled, ITEMS, { indicators: 'nominal' }), 3);
    expect(Math.abs(a.logLik - b.logLik)).toBeLessThan(1e-6);
    const sa = Array.from(a.params.shares).sort(), sb = Array.from(b.params.shares).sort();
    sa.forEach((s, k) => expect(s).toBeCloseTo(sb[k]!, 5));
  });

  for (const covariates of [[], ['x']]) {
    it(`integer weights equal duplicated rows${covariates.length > 0 ? ' (with a covariate: weighted Newton step)' : ''}; weights rescale to mean 1, so ℓ scales by Σw/n`, () => {
      const weighted = buildLcaData(DS, ITEMS, { indicators: 'nominal', weights: 'w', covariates });
      const w = DS.columns.find((c) => c.name === 'w')!.values!;
      const rows = Array.from({ length: DS.rows }, (_, i) => Array<number>(w[i]!).fill(i)).flat();
      const dup: Dataset = { ...DS, rows: rows.length, columns: DS.columns.map((c) => ({ ...c, values: Float64Array.from(rows, (i) => c.values![i]!) })) };
      const duplicated = buildLcaData(dup, ITEMS, { indicators: 'nominal', covariates });
      const a = fit(weighted, 2, 2), b = fit(duplicated, 2, 2);
      const sumW = w.reduce((s, v) => s + v, 0);
      expect(a.logLik * (sumW / DS.rows)).toBeCloseTo(b.logLik, 4);
      const order = a.params.shares[0]! > a.params.shares[1]! === b.params.shares[0]! > b.params.shares[1]! ? [0, 1] : [1, 0];
      const pa = lcaModel.permuteClasses(a.params, order);
      const probsA = lcaItemProbs(weighted, pa), probsB = lcaItemProbs(duplicated, b.params);
      for (const item of ITEMS) probsA[item]!.forEach((row, k) => row.forEach((p, c) => expect(p).toBeCloseTo(probsB[item]![k]![c]!, 4)));
      if (covariates.length > 0) pa.beta!.forEach((beta, q) => expect(beta).toBeCloseTo(b.params.beta![q]!, 3));
    });
  }

  it('with covariates: ℓ improves on the no-covariate model and permuting classes re-bases β without changing ℓ', () => {
    const withX = buildLcaData(DS, ITEMS, { indicators: 'nominal', covariates: ['x'] });
    const a = fit(withX, 3, 3), b = fit(data, 3, 3);
    expect(a.logLik).toBeGreaterThan(b.logLik + 10);
    const permuted = lcaModel.permuteClasses(a.params, [2, 0, 1]);
    expect(lcaModel.posteriors(withX, permuted).logLik).toBeCloseTo(a.logLik, 8);
    const coef = lcaCoefficients(withX, a.params)!;
    expect(coef.terms).toEqual(['(Intercept)', 'x']);
    expect(coef.rows).toHaveLength(2);
    expect(lcaModel.parameterCount(withX, 3)).toBe(3 * 8 * 3 + 2 * 2);
  });

  it('partitionStart from the modal classes of a fit converges to that fit', () => {
    const best = fit(data, 3);
    const { posteriors } = lcaModel.posteriors(data, best.params);
    const labels = Int32Array.from({ length: data.n }, (_, i) => [0, 1, 2].reduce((m, k) => (posteriors[i * 3 + k]! > posteriors[i * 3 + m]! ? k : m), 0));
    const out = drainSteps(lcaModel.runEm(data, lcaModel.partitionStart(data, 3, labels), { maxIterations: 3000, tolerance: 1e-9 }));
    expect(out.logLik).toBeCloseTo(best.logLik, 4);
  });
});

describe('ordinal indicators (adjacent-category logit)', () => {
  it('with two categories per item the ordinal model is the nominal model', () => {
    const binary: Dataset = { ...DS, columns: DS.columns.map((c) => (c.name.startsWith('q') ? { ...c, values: c.values!.map((v) => (Number.isNaN(v) ? v : v <= 2 ? 1 : 2)) } : c)) };
    const nominal = fit(buildLcaData(binary, ITEMS, { indicators: 'nominal' }), 2, 4);
    const ordinal = fit(buildLcaData(binary, ITEMS, { indicators: 'ordinal' }), 2, 4);
    expect(ordinal.logLik).toBeCloseTo(nominal.logLik, 4);
  });

  it('is nested between the 1-class and the nominal model, with npar Σ(C_j−1) + J(K−1) + (K−1)', () => {
    const data = buildLcaData(DS, ITEMS, { indicators: 'ordinal' });
    const nominal = fit(buildLcaData(DS, ITEMS, { indicators: 'nominal' }), 3);
    const one = fit(data, 1, 1), three = fit(data, 3);
    expect(three.logLik).toBeGreaterThan(one.logLik);
    expect(three.logLik).toBeLessThanOrEqual(nominal.logLik + 1e-6);
    expect(lcaModel.parameterCount(data, 3)).toBe(8 * 3 + 8 * 2 + 2);
    const slopes = three.params.slope!;
    for (let j = 0; j < 8; j++) expect(Math.abs(slopes[j * 3]! + slopes[j * 3 + 1]! + slopes[j * 3 + 2]!)).toBeLessThan(1e-9);
  });
});

describe('bivariateResiduals(data, params)', () => {
  it('observed and expected tables each sum to the pair n; BVR = X²/df', () => {
    const data = buildLcaData(DS, ITEMS, { indicators: 'nominal' });
    const best = fit(data, 3, 2);
    const bvr = bivariateResiduals(data, best.params);
    expect(bvr).toHaveLength((8 * 7) / 2);
    for (const pair of bvr) {
      const sumO = pair.observed.flat().reduce((a, b) => a + b, 0), sumE = pair.expected.flat().reduce((a, b) => a + b, 0);
      expect(sumO).toBeCloseTo(pair.n, 9);
      expect(sumE).toBeCloseTo(pair.n, 6);
      expect(pair.bvr).toBeCloseTo(pair.chiSquare / 9, 12);
    }
    // The data are locally independent given the 3 true classes: no pair stands far out.
    expect(Math.max(...bvr.map((p) => p.bvr))).toBeLessThan(4);
  });
});

describe('lcaModel.posteriors (FIML, pattern compression)', () => {
  it('ℓ and posteriors equal a direct evaluation of Σ_i w_i log Σ_k π_k Π_{j observed} θ_jk(y_ij)', () => {
    // Binary items: at most 3⁸ patterns for 1,500 respondents, so the pass runs over distinct patterns.
    const binary: Dataset = { ...DS, columns: DS.columns.map((c) => (c.name.startsWith('q') ? { ...c, values: c.values!.map((v) => (Number.isNaN(v) ? v : v <= 2 ? 1 : 2)) } : c)) };
    for (const weights of [null, 'w']) {
      const data = buildLcaData(binary, ITEMS, { indicators: 'nominal', weights });
      expect(compressPatterns(data)!.m).toBeLessThan(data.n / 2);
      const params = lcaModel.randomStart(data, 3, createRng(4));
      params.shares.set([0.5, 0.3, 0.2]);
      const { posteriors, logLik } = lcaModel.posteriors(data, params);
      let direct = 0;
      for (let i = 0; i < data.n; i++) {
        const joint = [0, 1, 2].map((k) => ITEMS.reduce((p, _, j) => {
          const c = data.codes[i * 8 + j]!;
          return c === 255 ? p : p * params.theta[(data.offsets[j]! + c) * 3 + k]!;
        }, params.shares[k]!));
        const total = joint[0]! + joint[1]! + joint[2]!;
        direct += (data.weights === null ? 1 : data.weights[i]!) * Math.log(total);
        joint.forEach((p, k) => expect(posteriors[i * 3 + k]).toBeCloseTo(p / total, 12));
      }
      expect(logLik).toBeCloseTo(direct, 8);
    }
  });
});

describe('simulate, resample and numericView (for the bootstrap and the k-means start)', () => {
  const data = buildLcaData(DS, ITEMS, { indicators: 'nominal', weights: 'w', covariates: ['x'] });
  const best = fit(data, 3, 2);

  it('simulate keeps the missing pattern and reproduces the fitted item probabilities in a large draw', () => {
    const sim = lcaModel.simulate!(data, best.params, createRng(21));
    expect(sim.n).toBe(data.n);
    for (let q = 0; q < data.codes.length; q++) expect(sim.codes[q] === 255).toBe(data.codes[q] === 255);
    const refit = drainSteps(lcaModel.runEm(sim, best.params, { maxIterations: 3000, tolerance: 1e-9 }));
    expect(refit.failure).toBeNull();
    // Sampling error only: shares within 0.05 of the generating model.
    refit.params.shares.forEach((s, k) => expect(Math.abs(s - best.params.shares[k]!)).toBeLessThan(0.05));
  });

  it('resample picks rows (codes, design, weights re-scaled to mean 1, row index)', () => {
    const rows = Int32Array.from([5, 5, 0, 7]);
    const r = lcaModel.resample!(data, rows);
    expect(r.n).toBe(4);
    expect(Array.from(r.codes.subarray(0, 8))).toEqual(Array.from(data.codes.subarray(40, 48)));
    expect(Array.from(r.rowIndex)).toEqual([5, 5, 0, 7].map((i) => data.rowIndex[i]!));
    expect(r.design!.data[2]).toBe(data.design!.data[10]);
    expect(r.weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 12);
  });

  it('numericView one-hot codes nominal items (NaN for a missing answer) and keeps ordinal codes', () => {
    const view = lcaModel.numericView!(data);
    expect(view.d).toBe(data.totalCategories);
    const i = Array.from({ length: data.n }, (_, r) => r).find((r) => data.codes[r * 8] === 255)!;
    expect(Number.isNaN(view.values[i * view.d])).toBe(true);
    const ordinal = lcaModel.numericView!(buildLcaData(DS, ITEMS, { indicators: 'ordinal' }));
    expect(ordinal.d).toBe(8);
  });
});
