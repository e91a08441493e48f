/**
 * A shuffled file gives the same segmentation: starts are drawn from parameters and from row
 * content (hashes, lexicographic order), never from row positions, and classes are ordered by size.
 * Checked for latent profile models, latent class models and k-means: log-likelihood to 1e-6,
 * parameters to 1e-4 (EM stops at |Δℓ| < tolerance, and sums in another order round differently),
 * modal classes identical.
 */
import { describe, expect, test } from 'vitest';
import { drainSteps } from '../../core/jobs/run-steps';
import { createRng, permutation } from '../../core/random/rng';
import { loadDataset } from '../../core/node/data/load-dataset';
import { lpaDataFromMatrix, buildLpaData } from '../../core/segment/lpa/lpa-data';
import { lpaModel } from '../../core/segment/lpa/lpa-model';
import { buildLcaData, type LcaData } from '../../core/segment/lca/lca-data';
import { lcaModelForDriver } from '../../core/segment/model-registry';
import { resampleLca } from '../../core/segment/lca/lca-resample';
import { fitMixtureRange, isFailedFit, MULTISTART_DEFAULTS, type MixtureFit } from '../../core/segment/multistart';
import { kmeansRange } from '../../core/segment/kmeans';
import { modalClasses } from '../../core/segment/mixture-report';
import { oraclePath } from '../oracle/oracle-files';

function fitted<P>(fit: MixtureFit<P> | { failed: true }): MixtureFit<P> {
  if ('failed' in fit) throw new Error('fit failed');
  return fit;
}

describe('a shuffled row order gives the same solution', () => {
  test('latent profile models (EEE and VVI, K = 2..4)', async () => {
    const dataset = await loadDataset(oraclePath('data', 'banknote.csv'));
    const data = buildLpaData(dataset, ['Length', 'Left', 'Right', 'Bottom', 'Top', 'Diagonal']).data;
    const order = permutation(data.n, createRng(123));
    const x = new Float64Array(data.x.length);
    order.forEach((row, i) => x.set(data.x.subarray(row * data.d, (row + 1) * data.d), i * data.d));
    const shuffled = lpaDataFromMatrix(x, data.n, data.d, data.variables);
    for (const covariance of ['EEE', 'VVI'] as const) {
      const options = { ...MULTISTART_DEFAULTS, starts: 8, classes: [2, 4] as [number, number], seed: 3, tolerance: 1e-8 };
      const a = drainSteps(fitMixtureRange(lpaModel(covariance), data, options)).fits.map(fitted);
      const b = drainSteps(fitMixtureRange(lpaModel(covariance), shuffled, options)).fits.map(fitted);
      a.forEach((fa, index) => {
        const fb = b[index]!;
        expect(fb.logLik).toBeCloseTo(fa.logLik, 6);
        for (let c = 0; c < fa.k; c++) expect(fb.params.proportions[c]!).toBeCloseTo(fa.params.proportions[c]!, 4);
        fa.params.means.forEach((m, e) => expect(fb.params.means[e]!).toBeCloseTo(m, 4));
        const modalA = modalClasses(fa.posteriors, fa.k);
        const modalB = modalClasses(fb.posteriors, fb.k);
        order.forEach((row, i) => expect(modalB[i]).toBe(modalA[row]));
      });
    }
  });

  test('latent class model (nominal, K = 2..3)', async () => {
    const dataset = await loadDataset(oraclePath('data', 'carcinoma.csv'));
    const data: LcaData = buildLcaData(dataset, ['A', 'B', 'C', 'D', 'E', 'F', 'G'], { indicators: 'nominal' });
    const order = permutation(data.n, createRng(321));
    const shuffled = resampleLca(data, order);
    const options = { ...MULTISTART_DEFAULTS, starts: 8, classes: [2, 3] as [number, number], seed: 4, tolerance: 1e-10 };
    const a = drainSteps(fitMixtureRange(lcaModelForDriver(), data, options)).fits.map(fitted);
    const b = drainSteps(fitMixtureRange(lcaModelForDriver(), shuffled, options)).fits.map(fitted);
    a.forEach((fa, index) => {
      const fb = b[index]!;
      expect(fb.logLik).toBeCloseTo(fa.logLik, 6);
      fa.params.theta.forEach((t, e) => expect(fb.params.theta[e]!).toBeCloseTo(t, 5));
      const modalA = modalClasses(fa.posteriors, fa.k);
      const modalB = modalClasses(fb.posteriors, fb.k);
      order.forEach((row, i) => expect(modalB[i]).toBe(modalA[row]));
    });
  });

  test('k-means (K = 2..5)', async () => {
    const dataset = await loadDataset(oraclePath('data', 'banknote.csv'));
    const data = buildLpaData(dataset, ['Length', 'Left', 'Right', 'Bottom', 'Top', 'Diagonal']).data;
    const order = permutation(data.n, createRng(99));
    const x = new Float64Array(data.x.length);
    order.forEach((row, i) => x.set(data.x.subarray(row * data.d, (row + 1) * data.d), i * data.d));
    const options = { classes: [2, 5] as [number, number], starts: 5, maxIterations: 100, seed: 8 };
    const a = drainSteps(kmeansRange({ n: data.n, d: data.d, values: data.x }, options));
    const b = drainSteps(kmeansRange({ n: data.n, d: data.d, values: x }, options));
    a.forEach((sa, index) => {
      const sb = b[index]!;
      expect(sb.withinSS).toBeCloseTo(sa.withinSS, 8);
      order.forEach((row, i) => expect(sb.labels[i]).toBe(sa.labels[row]));
    });
  });
});
