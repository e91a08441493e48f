import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { drainSteps } from '../../jobs/run-steps';
import { createRng } from '../../random/rng';
import { loadDataset } from '../../node/data/load-dataset';
import { oraclePath, REPO_ROOT } from '../../../tests/oracle/oracle-files';
import { buildLpaData, lpaDataFromMatrix } from './lpa-data';
import { COVARIANCE_MODELS, lpaParameterCount, type CovarianceModel } from './covariance-models';
import { lpaModel, totalMoments } from './lpa-model';

type MeFit = { model: CovarianceModel; loglik: number; iterations: number; pro: number[]; mean: number[]; sigma: number[] };
const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'tests', 'segment', 'fixtures', 'mclust-banknote-me.json'), 'utf8')) as { labels: number[]; fits: MeFit[] };
const dataset = await loadDataset(oraclePath('data', 'banknote.csv'));
const data = buildLpaData(dataset, ['Length', 'Left', 'Right', 'Bottom', 'Top', 'Diagonal']).data;

describe('lpaModel(model).runEm', () => {
  test.each(COVARIANCE_MODELS)('%s from a fixed partition reaches mclust me()\'s fixed point on banknote (ℓ to 1e-6, parameters to 1e-5)', (name) => {
    const model = lpaModel(name);
    const reference = fixture.fits.find((f) => f.model === name)!;
    const start = model.partitionStart(data, 3, Int32Array.from(fixture.labels));
    const outcome = drainSteps(model.runEm(data, start, { maxIterations: 5000, tolerance: 1e-11 }));
    expect(outcome.failure).toBeNull();
    expect(outcome.converged).toBe(true);
    expect(outcome.logLik).toBeCloseTo(reference.loglik, 6);
    reference.pro.forEach((p, c) => expect(outcome.params.proportions[c]!).toBeCloseTo(p, 5));
    reference.mean.forEach((m, e) => expect(outcome.params.means[e]!).toBeCloseTo(m, 5));
    reference.sigma.forEach((s, e) => expect(outcome.params.covariances[e]!).toBeCloseTo(s, 5));
  });

  test.each(COVARIANCE_MODELS)('%s: the log-likelihood never decreases between iterations', (name) => {
    const model = lpaModel(name);
    const steps = model.runEm(data, model.randomStart(data, 4, createRng(11)), { maxIterations: 200, tolerance: 0 });
    let previous = -Infinity;
    for (;;) {
      const step = steps.next();
      if (step.done) break;
      const logLik = step.value.detail!['logLik'] as number;
      expect(logLik).toBeGreaterThanOrEqual(previous - 1e-9 * Math.abs(logLik));
      previous = logLik;
    }
  });

  test('case weights: VVI from a fixed partition matches mclust me.weighted() (parameters to 1e-5; ℓ on its max-1 weight scale)', () => {
    const reference = JSON.parse(readFileSync(join(REPO_ROOT, 'tests', 'segment', 'fixtures', 'mclust-banknote-weighted.json'), 'utf8')) as { weights: number[]; loglik: number; pro: number[]; mean: number[]; sigma: number[] };
    const raw = Float64Array.from(reference.weights);
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
    const weighted = { ...data, weights: raw.map((w) => w / mean) };
    const model = lpaModel('VVI');
    const outcome = drainSteps(model.runEm(weighted, model.partitionStart(weighted, 3, Int32Array.from(fixture.labels)), { maxIterations: 5000, tolerance: 1e-11 }));
    expect(outcome.logLik * (mean / Math.max(...raw))).toBeCloseTo(reference.loglik, 6);
    reference.pro.forEach((p, c) => expect(outcome.params.proportions[c]!).toBeCloseTo(p, 5));
    reference.mean.forEach((m, e) => expect(outcome.params.means[e]!).toBeCloseTo(m, 5));
    reference.sigma.forEach((s, e) => expect(outcome.params.covariances[e]!).toBeCloseTo(s, 5));
  });

  test('parameter counts are mclust\'s nMclustParams (d = 6, K = 3)', () => {
    const expected: Record<CovarianceModel, number> = { EII: 21, VII: 23, EEI: 26, VVI: 38, EEE: 41, VVV: 83 };
    for (const name of COVARIANCE_MODELS) expect(lpaParameterCount(name, 3, 6)).toBe(expected[name]);
  });

  test('a collapsing class ends the start as failed, never as an error', () => {
    const model = lpaModel('VVV');
    const tiny = lpaDataFromMatrix(Float64Array.from([0, 0, 1, 1, 2, 2, 3, 3.1, 4, 4, 5, 5.2, 6, 6, 7, 7]), 8, 2);
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 1]);
    const outcome = drainSteps(model.runEm(tiny, model.partitionStart(tiny, 2, labels), { maxIterations: 100, tolerance: 1e-8 }));
    expect(outcome.failure).not.toBeNull();
  });

  test('simulate draws from the fitted mixture (moments of 20,000 draws within sampling error)', () => {
    const model = lpaModel('VVV');
    const params = model.partitionStart(data, 2, Int32Array.from(fixture.labels, (l) => (l === 0 ? 0 : 1)));
    const big = { ...data, n: 20000, x: new Float64Array(20000 * 6), rowIndex: new Int32Array(20000), weights: null };
    const simulated = model.simulate(big, params, createRng(5));
    const { mean } = totalMoments(simulated);
    for (let j = 0; j < 6; j++) {
      const expected = params.proportions[0]! * params.means[j]! + params.proportions[1]! * params.means[6 + j]!;
      expect(Math.abs(mean[j]! - expected)).toBeLessThan(0.05);
    }
  });
});
