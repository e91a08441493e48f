/**
 * Opt-in bootstrap of a model comparison (core/segment/bootstrap-suite.ts): on two well-separated
 * simulated profiles, the BLRT rejects 1 class against 2 with the smallest attainable p-value
 * 1/(B + 1), does not reject 2 against 3, and the 2-class solution is stable (ARI near 1).
 */
import { expect, test } from 'vitest';
import { drainSteps } from '../../core/jobs/run-steps';
import { createRng } from '../../core/random/rng';
import { inProcessExecutor } from '../../core/segment/executor';
import { lpaDataFromMatrix } from '../../core/segment/lpa/lpa-data';
import { lpaModel } from '../../core/segment/lpa/lpa-model';
import { fitMixtureRange, isFailedFit, MULTISTART_DEFAULTS } from '../../core/segment/multistart';
import { runBootstrapSuite } from '../../core/segment/bootstrap-suite';

test('BLRT and stability on two simulated profiles (n = 300, B = 19)', async () => {
  const rng = createRng(17);
  const n = 300;
  const x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const shift = i < 180 ? 0 : 4;
    x[i * 2] = shift + rng.normal();
    x[i * 2 + 1] = shift + rng.normal();
  }
  const data = lpaDataFromMatrix(x, n, 2);
  const model = lpaModel('EEI');
  const range = drainSteps(fitMixtureRange(model, data, { ...MULTISTART_DEFAULTS, starts: 5, classes: [1, 3], seed: 2, tolerance: 1e-6 }));
  const fits = range.fits.map((f) => (isFailedFit(f) ? null : f));
  const report = await runBootstrapSuite(model, { kind: 'lpa', covariance: 'EEI' }, data, fits, 19, 2, inProcessExecutor(data));
  const blrt2 = report.blrt.find((b) => b.k === 2)!;
  const blrt3 = report.blrt.find((b) => b.k === 3)!;
  expect(blrt2.failed).toBe(0);
  expect(blrt2.pValue).toBeCloseTo(1 / 20, 12);
  expect(blrt3.pValue).toBeGreaterThan(0.05);
  const stability2 = report.stability.find((s) => s.k === 2)!;
  expect(stability2.replicates).toBe(19);
  expect(stability2.meanAri).toBeGreaterThan(0.9);
});
