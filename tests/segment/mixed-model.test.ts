import { describe, expect, it } from 'vitest';
import type { Column, Dataset } from '../../core/data/dataset';
import { drainSteps } from '../../core/jobs/run-steps';
import { createRng, permutation, type Rng } from '../../core/random/rng';
import { adjustedRandIndex } from '../../core/segment/adjusted-rand';
import { buildLcaData } from '../../core/segment/lca/lca-data';
import { lcaModel } from '../../core/segment/lca/lca-model';
import { lcaParameterCount } from '../../core/segment/lca/lca-params';
import { lpaParameterCount } from '../../core/segment/lpa/covariance-models';
import { lpaDataFromMatrix } from '../../core/segment/lpa/lpa-data';
import { lpaModel } from '../../core/segment/lpa/lpa-model';
import { fitMixtureRange, isFailedFit } from '../../core/segment/multistart';
import { buildMixedData } from '../../core/segment/mixed/mixed-data';
import { mixedModel } from '../../core/segment/mixed/mixed-model';
import { mixedSummary } from '../../core/segment/mixed/mixed-params';

const column = (name: string, values: Float64Array): Column => ({ name, label: name, measurement: 'nominal', valueLabels: [], missing: { codes: [], range: null, strings: [] }, values, text: null, reversed: false });

/**
 * N respondents from K classes: J categorical items with C categories (class-specific
 * probabilities) and D continuous variables (class means 0, 2.5, 5... shifted per variable,
 * class-specific SDs), with a share `missing` of each indicator missing completely at random.
 */
function simulate(rng: Rng, N: number, K: number, J: number, C: number, D: number, missing: number): { dataset: Dataset; truth: Int32Array } {
  const theta = Array.from({ length: K }, () => Array.from({ length: J }, () => {
    const w = Array.from({ length: C }, () => Math.exp(1.5 * rng.normal()));
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / s);
  }));
  const items = Array.from({ length: J }, () => new Float64Array(N));
  const cont = Array.from({ length: D }, () => new Float64Array(N));
  const weights = new Float64Array(N);
  const truth = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const k = rng.int(K);
    truth[i] = k;
    weights[i] = 1 + rng.int(3);
    for (let j = 0; j < J; j++) {
      if (rng.uniform() < missing) { items[j]![i] = NaN; continue; }
      let u = rng.uniform(), c = 0;
      while (c < C - 1 && u >= theta[k]![j]![c]!) { u -= theta[k]![j]![c]!; c++; }
      items[j]![i] = c + 1;
    }
    for (let v = 0; v < D; v++) cont[v]![i] = rng.uniform() < missing ? NaN : 2.5 * ((k + v) % K) + (0.6 + 0.3 * k) * rng.normal();
  }
  const columns = [...items.map((v, j) => column(`q${j + 1}`, v)), ...cont.map((v, j) => column(`x${j + 1}`, v)), column('w', weights)];
  return { dataset: { source: { file: 'sim.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, rows: N, columns, weight: null, id: null, notices: [] }, truth };
}

const SIM = simulate(createRng(7), 600, 3, 6, 3, 3, 0.05);
const ITEMS = Array.from({ length: 6 }, (_, j) => `q${j + 1}`);
const VARS = ['x1', 'x2', 'x3'];
const EM = { maxIterations: 5000, tolerance: 1e-11 };

/** A partition near the truth (20% relabelled at random), the same for both models. */
function noisyLabels(truth: Int32Array, K: number): Int32Array {
  const rng = createRng(3);
  return Int32Array.from(truth, (t) => (rng.uniform() < 0.2 ? rng.int(K) : t));
}

describe('mixed-indicator latent class model', () => {
  it('reproduces lcaModel on nominal items only (log-likelihood and item probabilities)', () => {
    const lca = buildLcaData(SIM.dataset, ITEMS, { indicators: 'nominal', weights: 'w' });
    const mixed = buildMixedData(SIM.dataset, { nominal: ITEMS, weights: 'w' });
    expect(mixed.n).toBe(lca.n);
    const labels = noisyLabels(Int32Array.from(lca.rowIndex, (r) => SIM.truth[r]!), 3);
    const a = drainSteps(lcaModel.runEm(lca, lcaModel.partitionStart(lca, 3, labels), { ...EM, accelerate: false }));
    const b = drainSteps(mixedModel.runEm(mixed, mixedModel.partitionStart(mixed, 3, labels), EM));
    expect(a.failure).toBeNull();
    expect(b.failure).toBeNull();
    expect(Math.abs(a.logLik - b.logLik)).toBeLessThan(1e-6);
    let maxTheta = 0;
    for (let t = 0; t < a.params.theta.length; t++) maxTheta = Math.max(maxTheta, Math.abs(a.params.theta[t]! - b.params.theta[t]!));
    expect(maxTheta).toBeLessThan(1e-6);
    for (let k = 0; k < 3; k++) expect(Math.abs(a.params.shares[k]! - b.params.shares[k]!)).toBeLessThan(1e-6);
  });

  it('reproduces lcaModel on ordinal items only (adjacent-category logit)', () => {
    const lca = buildLcaData(SIM.dataset, ITEMS, { indicators: 'ordinal' });
    const mixed = buildMixedData(SIM.dataset, { ordinal: ITEMS });
    const labels = noisyLabels(Int32Array.from(lca.rowIndex, (r) => SIM.truth[r]!), 3);
    const a = drainSteps(lcaModel.runEm(lca, lcaModel.partitionStart(lca, 3, labels), { ...EM, accelerate: false }));
    const b = drainSteps(mixedModel.runEm(mixed, mixedModel.partitionStart(mixed, 3, labels), EM));
    expect(a.failure).toBeNull();
    expect(b.failure).toBeNull();
    expect(Math.abs(a.logLik - b.logLik)).toBeLessThan(1e-6);
  });

  it("reproduces lpaModel('VVI') on continuous variables only", () => {
    const mixed = buildMixedData(SIM.dataset, { continuous: VARS });
    // Complete rows only, so the LPA fit sees exactly the same matrix (its FIML path is tested elsewhere).
    const complete: number[] = [];
    for (let i = 0; i < mixed.n; i++) if (VARS.every((_, v) => !Number.isNaN(mixed.x[i * 3 + v]!))) complete.push(i);
    const x = new Float64Array(complete.length * 3);
    complete.forEach((i, r) => x.set(mixed.x.subarray(i * 3, i * 3 + 3), r * 3));
    const lpa = lpaDataFromMatrix(x, complete.length, 3, VARS);
    const columns = VARS.map((name, v) => column(name, Float64Array.from(complete, (i) => mixed.x[i * 3 + v]!)));
    const onlyComplete = buildMixedData({ ...SIM.dataset, rows: complete.length, columns }, { continuous: VARS });
    const labels = noisyLabels(Int32Array.from(complete, (i) => SIM.truth[mixed.rowIndex[i]!]!), 3);
    const model = lpaModel('VVI');
    const a = drainSteps(model.runEm(lpa, model.partitionStart(lpa, 3, labels), EM));
    const b = drainSteps(mixedModel.runEm(onlyComplete, mixedModel.partitionStart(onlyComplete, 3, labels), EM));
    expect(a.failure).toBeNull();
    expect(b.failure).toBeNull();
    expect(Math.abs(a.logLik - b.logLik)).toBeLessThan(1e-6);
    expect(mixedModel.parameterCount(onlyComplete, 3)).toBe(model.parameterCount(lpa, 3));
  });

  it('recovers 3 simulated classes from 6 nominal items and 3 continuous variables; EM never decreases the log-likelihood', () => {
    const data = buildMixedData(SIM.dataset, { nominal: ITEMS, continuous: VARS, weights: 'w' });
    const result = drainSteps(fitMixtureRange(mixedModel, data, { classes: [3, 3], starts: 4, kmeansStart: true, maxIterations: 1000, tolerance: 1e-8, seed: 11, screening: null }));
    const fit = result.fits[0]!;
    if (isFailedFit(fit)) throw new Error(fit.message);
    const modal = new Int32Array(data.n);
    for (let i = 0; i < data.n; i++) {
      let best = 0;
      for (let k = 1; k < 3; k++) if (fit.posteriors[i * 3 + k]! > fit.posteriors[i * 3 + best]!) best = k;
      modal[i] = best;
    }
    const ari = adjustedRandIndex(modal, Int32Array.from(data.rowIndex, (r) => SIM.truth[r]!));
    expect(ari).toBeGreaterThan(0.9);
    const summary = mixedSummary(data, fit.params);
    expect(summary.itemProbs.q1!.length).toBe(3);
    expect(summary.means.x1!.length).toBe(3);
    expect(summary.sizes.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);

    // Monotonicity, nominal + ordinal + continuous, from several random starts.
    const both = buildMixedData(SIM.dataset, { nominal: ITEMS.slice(0, 3), ordinal: ITEMS.slice(3), continuous: VARS, weights: 'w' });
    for (const [d, seed] of [[data, 1], [data, 2], [both, 3], [both, 4]] as const) {
      const gen = mixedModel.runEm(d, mixedModel.randomStart(d, 3, createRng(seed)), { maxIterations: 300, tolerance: 1e-9 });
      const trace: number[] = [];
      for (let step = gen.next(); ; step = gen.next()) {
        if (step.done === true) { expect(step.value.failure).toBeNull(); trace.push(step.value.logLik); break; }
        trace.push(Number(step.value.detail!.logLik));
      }
      for (let t = 1; t < trace.length; t++) expect(trace[t]! - trace[t - 1]!).toBeGreaterThan(-1e-9 * Math.abs(trace[t]!));
    }
  });

  it('SQUAREM reaches plain EM’s maximum in fewer passes over the data (nominal + ordinal + continuous)', () => {
    // One class more than the data have: a flat likelihood where plain EM crawls. From a given start
    // the two may end on different local maxima (both legitimate); where they agree, count passes.
    const both = buildMixedData(SIM.dataset, { nominal: ITEMS.slice(0, 3), ordinal: ITEMS.slice(3), continuous: VARS, weights: 'w' });
    let plainPasses = 0;
    let fastPasses = 0;
    let agreed = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const start = mixedModel.randomStart(both, 4, createRng(seed));
      const plain = drainSteps(mixedModel.runEm(both, start, { ...EM, accelerate: false }));
      const fast = drainSteps(mixedModel.runEm(both, start, EM));
      expect(plain.failure).toBeNull();
      expect(fast.failure).toBeNull();
      expect(fast.converged).toBe(true);
      if (Math.abs(fast.logLik - plain.logLik) > 1e-8 * Math.abs(plain.logLik)) continue;
      agreed++;
      plainPasses += plain.iterations;
      fastPasses += fast.iterations;
    }
    console.log(`mixed EM, K = 4, ${agreed} of 8 starts to the same maximum: passes plain ${plainPasses}, SQUAREM ${fastPasses}`);
    expect(agreed).toBeGreaterThanOrEqual(4);
    expect(fastPasses).toBeLessThan(0.8 * plainPasses);
  });

  it('gives the same solution in any row order (random starts pick respondents by content, not position)', () => {
    const fit = (dataset: Dataset) => {
      const data = buildMixedData(dataset, { nominal: ITEMS.slice(0, 3), ordinal: ITEMS.slice(3), continuous: VARS, weights: 'w' });
      const result = drainSteps(fitMixtureRange(mixedModel, data, { classes: [2, 3], starts: 4, kmeansStart: false, maxIterations: 1000, tolerance: 1e-9, seed: 5, screening: null }));
      return result.fits.map((f) => {
        if (isFailedFit(f)) throw new Error(f.message);
        const K = f.k;
        const modal = new Int32Array(dataset.rows).fill(-1); // by source row
        for (let i = 0; i < data.n; i++) {
          let best = 0;
          for (let k = 1; k < K; k++) if (f.posteriors[i * K + k]! > f.posteriors[i * K + best]!) best = k;
          modal[data.rowIndex[i]!] = best;
        }
        return { logLik: f.logLik, modal };
      });
    };
    const order = permutation(SIM.dataset.rows, createRng(99));
    const shuffled: Dataset = { ...SIM.dataset, columns: SIM.dataset.columns.map((c) => ({ ...c, values: Float64Array.from(order, (r) => c.values![r]!) })) };
    const a = fit(SIM.dataset);
    const b = fit(shuffled);
    for (let m = 0; m < a.length; m++) {
      expect(Math.abs(a[m]!.logLik - b[m]!.logLik)).toBeLessThan(1e-6);
      // Shuffled row r is original row order[r].
      const back = new Int32Array(SIM.dataset.rows);
      order.forEach((src, r) => { back[src] = b[m]!.modal[r]!; });
      expect(Array.from(back)).toEqual(Array.from(a[m]!.modal));
    }
  });

  it('counts parameters as the sum of its parts with the class shares counted once', () => {
    const data = buildMixedData(SIM.dataset, { nominal: ITEMS.slice(0, 4), ordinal: ITEMS.slice(4), continuous: VARS });
    const nom = buildLcaData(SIM.dataset, ITEMS.slice(0, 4), { indicators: 'nominal' });
    const ord = buildLcaData(SIM.dataset, ITEMS.slice(4), { indicators: 'ordinal' });
    for (const K of [1, 2, 4]) {
      expect(mixedModel.parameterCount(data, K)).toBe(lcaParameterCount(nom, K) + lcaParameterCount(ord, K) + lpaParameterCount('VVI', K, 3) - 2 * (K - 1));
    }
  });

  it('reports a failed start instead of throwing on zero variance or an empty class, and refuses a constant variable', () => {
    const data = buildMixedData(SIM.dataset, { continuous: VARS });
    const empty = drainSteps(mixedModel.runEm(data, mixedModel.partitionStart(data, 3, new Int32Array(data.n)), EM)); // classes 2 and 3 empty (hard partition)
    expect(empty.failure).toMatch(/is empty in the start/);
    // 50 respondents share the value 0 exactly; a start with a very tight class there collapses it.
    const N = 200;
    const x = Float64Array.from({ length: N }, (_, i) => (i < 50 ? 0 : 5 + Math.sin(i)));
    const collapsing = buildMixedData({ ...SIM.dataset, rows: N, columns: [column('x', x)] }, { continuous: ['x'] });
    const start = { ...mixedModel.randomStart(collapsing, 2, createRng(1)), shares: Float64Array.of(0.5, 0.5), means: Float64Array.of(0, 5), variances: Float64Array.of(1e-6, 1) };
    const collapsed = drainSteps(mixedModel.runEm(collapsing, start, EM));
    expect(collapsed.failure).toMatch(/zero variance on 'x'/);
    const constant = { ...SIM.dataset, columns: [...SIM.dataset.columns, column('c', new Float64Array(SIM.dataset.rows).fill(2))] };
    expect(() => buildMixedData(constant, { nominal: ITEMS, continuous: ['c'] })).toThrow(/same value/);
  });
});
