import { describe, expect, test } from 'vitest';
import { drainSteps } from '../../jobs/run-steps';
import { createRng } from '../../random/rng';
import { COVARIANCE_MODELS } from './covariance-models';
import { lpaDataFromMatrix } from './lpa-data';
import { lpaModel } from './lpa-model';

function sample(n: number, seed: number, missingShare: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const shift = i % 3 === 0 ? 3 : 0;
    const a = rng.normal();
    x[i * 3] = shift + a;
    x[i * 3 + 1] = shift + 0.6 * a + 0.8 * rng.normal();
    x[i * 3 + 2] = -shift + rng.normal();
    for (let j = 1; j < 3; j++) if (rng.uniform() < missingShare) x[i * 3 + j] = NaN;
  }
  return x;
}

describe('FIML for latent profile models', () => {
  test.each(COVARIANCE_MODELS)('%s: with every value observed, the FIML path gives the complete-data estimate', (name) => {
    const x = sample(300, 1, 0);
    const complete = lpaDataFromMatrix(x, 300, 3);
    expect(complete.patterns).toBeNull();
    const forced = { ...complete, patterns: { masks: [Uint8Array.from([1, 1, 1])], patternOf: new Int32Array(300) } };
    const model = lpaModel(name);
    const start = model.randomStart(complete, 2, createRng(4));
    const a = drainSteps(model.runEm(complete, start, { maxIterations: 300, tolerance: 1e-10 }));
    const b = drainSteps(model.runEm(forced, start, { maxIterations: 300, tolerance: 1e-10 }));
    expect(b.logLik).toBeCloseTo(a.logLik, 8);
    a.params.covariances.forEach((v, e) => expect(b.params.covariances[e]!).toBeCloseTo(v, 8));
  });

  test('one class, monotone missingness: EM reaches the closed-form ML estimate (Anderson 1957)', () => {
    const rng = createRng(9);
    const n = 400;
    const x = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const a = rng.normal();
      x[i * 2] = 1 + a;
      x[i * 2 + 1] = i % 4 === 0 ? NaN : 2 + 0.5 * a + rng.normal();
    }
    const data = lpaDataFromMatrix(x, n, 2);
    const model = lpaModel('VVV');
    const fit = drainSteps(model.runEm(data, model.partitionStart(data, 1, new Int32Array(n)), { maxIterations: 10000, tolerance: 1e-13 }));
    // Closed form: x1 from all rows; regression of x2 on x1 from the complete rows.
    let m1 = 0;
    for (let i = 0; i < n; i++) m1 += x[i * 2]!;
    m1 /= n;
    let s11 = 0;
    for (let i = 0; i < n; i++) s11 += (x[i * 2]! - m1) ** 2;
    s11 /= n;
    const rows = Array.from({ length: n }, (_, i) => i).filter((i) => !Number.isNaN(x[i * 2 + 1]!));
    const c1 = rows.reduce((s, i) => s + x[i * 2]!, 0) / rows.length;
    const c2 = rows.reduce((s, i) => s + x[i * 2 + 1]!, 0) / rows.length;
    const sxy = rows.reduce((s, i) => s + (x[i * 2]! - c1) * (x[i * 2 + 1]! - c2), 0) / rows.length;
    const sxx = rows.reduce((s, i) => s + (x[i * 2]! - c1) ** 2, 0) / rows.length;
    const syy = rows.reduce((s, i) => s + (x[i * 2 + 1]! - c2) ** 2, 0) / rows.length;
    const beta = sxy / sxx;
    const residual = syy - beta * sxy;
    const m2 = c2 + beta * (m1 - c1);
    expect(fit.params.means[0]!).toBeCloseTo(m1, 8);
    expect(fit.params.means[1]!).toBeCloseTo(m2, 6);
    expect(fit.params.covariances[0]!).toBeCloseTo(s11, 8);
    expect(fit.params.covariances[1]!).toBeCloseTo(beta * s11, 6);
    expect(fit.params.covariances[3]!).toBeCloseTo(residual + beta * beta * s11, 6);
  });

  test.each(COVARIANCE_MODELS)('%s with 20%% missing values: the log-likelihood never decreases', (name) => {
    const data = lpaDataFromMatrix(sample(300, 2, 0.2), 300, 3);
    expect(data.patterns).not.toBeNull();
    const model = lpaModel(name);
    const steps = model.runEm(data, model.randomStart(data, 3, createRng(6)), { maxIterations: 150, tolerance: 0 });
    let previous = -Infinity;
    for (;;) {
      const step = steps.next();
      if (step.done) {
        expect(step.value.failure).toBeNull();
        break;
      }
      const logLik = step.value.detail!['logLik'] as number;
      expect(logLik).toBeGreaterThanOrEqual(previous - 1e-9 * Math.abs(logLik));
      previous = logLik;
    }
  });
});
