/**
 * The contract every segmentation estimator keeps (STYLE §18): same seed → same result; a
 * pre-aborted signal throws CancellationError before any progress; progress never decreases and
 * ends at its total; the result deep-equals its structuredClone. Run for every MixtureModel through
 * the multi-start driver (latent profile models, latent class nominal and ordinal) and for k-means.
 */
import { describe, expect, test } from 'vitest';
import { CancellationError } from '../../core/errors';
import { drainSteps, runSteps, type Progress } from '../../core/jobs/run-steps';
import { loadDataset } from '../../core/node/data/load-dataset';
import { buildLpaData } from '../../core/segment/lpa/lpa-data';
import { lpaModel } from '../../core/segment/lpa/lpa-model';
import { buildLcaData } from '../../core/segment/lca/lca-data';
import { lcaModelForDriver } from '../../core/segment/model-registry';
import { fitMixtureRange, type MultistartOptions } from '../../core/segment/multistart';
import { kmeansRange } from '../../core/segment/kmeans';
import type { MixtureModel } from '../../core/segment/mixture-model';
import { oraclePath } from '../oracle/oracle-files';

type Case = { name: string; steps: () => Generator<Progress, unknown, void> };

const options: MultistartOptions = { classes: [1, 3], starts: 4, kmeansStart: true, maxIterations: 500, tolerance: 1e-6, seed: 77, screening: { iterations: 10, keep: 2 } };

async function cases(): Promise<Case[]> {
  const banknote = await loadDataset(oraclePath('data', 'banknote.csv'));
  const lpaData = buildLpaData(banknote, ['Length', 'Left', 'Right', 'Bottom', 'Top', 'Diagonal']).data;
  const values = await loadDataset(oraclePath('data', 'values.csv'));
  const cheating = await loadDataset(oraclePath('data', 'cheating.csv'));
  const nominal = buildLcaData(values, ['A', 'B', 'C', 'D'], { indicators: 'nominal' });
  const ordinal = buildLcaData(cheating, ['LIEEXAM', 'LIEPAPER', 'FRAUD', 'COPYEXAM'], { indicators: 'ordinal', covariates: ['GPA'] });
  const mixture = <D, P>(name: string, model: MixtureModel<D, P>, data: D): Case => ({ name, steps: () => fitMixtureRange(model, data, options) });
  return [
    mixture('lpa EII', lpaModel('EII'), lpaData),
    mixture('lpa VVI', lpaModel('VVI'), lpaData),
    mixture('lpa EEE', lpaModel('EEE'), lpaData),
    mixture('lpa VVV', lpaModel('VVV'), lpaData),
    mixture('lca nominal', lcaModelForDriver(), nominal),
    mixture('lca ordinal with covariate', lcaModelForDriver(), ordinal),
    { name: 'kmeans', steps: () => kmeansRange({ n: lpaData.n, d: lpaData.d, values: lpaData.x }, { classes: [2, 4], starts: 3, maxIterations: 100, seed: 77 }) },
  ];
}

const all = await cases();

describe.each(all)('$name keeps the estimator contract', ({ steps }) => {
  test('same seed, same result; the result survives structuredClone', () => {
    const first = drainSteps(steps());
    const second = drainSteps(steps());
    expect(second).toEqual(first);
    expect(structuredClone(first)).toEqual(first);
  });

  test('a pre-aborted signal throws CancellationError before any progress', async () => {
    const controller = new AbortController();
    controller.abort();
    const seen: Progress[] = [];
    await expect(runSteps(steps(), { signal: controller.signal, onProgress: (p) => seen.push(p) })).rejects.toBeInstanceOf(CancellationError);
    expect(seen).toHaveLength(0);
  });

  test('progress never decreases and ends at its total', async () => {
    const seen: Progress[] = [];
    await runSteps(steps(), { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.current).toBeGreaterThanOrEqual(seen[i - 1]!.current);
    const last = seen[seen.length - 1]!;
    expect(last.current).toBe(last.total);
  });
});
