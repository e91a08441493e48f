/**
 * The ordinal (adjacent-category logit) latent class model against a direct numerical maximisation
 * of the same log-likelihood in R (no package implements it openly; Latent GOLD is closed). The R
 * reference, run once on R 4.2.2 and pasted below (6 decimals):
 *
 *   d <- read.csv('synth_a.csv')[1:600, 2:7]   # items item01..item06, 5 categories
 *   log P(y_j = c | k) = η_jkc − log Σ_d exp(η_jkd),  η_jkc = α_jc + (c − 1)·s_jk,  α_j1 = 0, Σ_k s_jk = 0
 *   ℓ = Σ_i log Σ_k π_k Π_j P(y_ij | k), π by a softmax of class logits;
 *   optim(method = 'BFGS', reltol = 1e-15) twice from each of 8 random starts (set.seed(1)), best kept.
 * Expected: the EM reaches the same ℓ (to 1e-5) and the same class shares and probabilities (1e-4).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../core/node/data/load-dataset';
import type { Dataset } from '../../core/data/dataset';
import { drainSteps } from '../../core/jobs/run-steps';
import { createRng, deriveSeed } from '../../core/random/rng';
import { buildLcaData } from '../../core/segment/lca/lca-data';
import { lcaModel } from '../../core/segment/lca/lca-model';
import type { LcaParams } from '../../core/segment/lca/lca-params';
import { lcaItemProbs } from '../../core/segment/lca/lca-output';
import { oraclePath } from '../oracle/oracle-files';

const R_REFERENCE = {
  2: {
    logLik: -4824.40914204, npar: 31, shares: [0.608327, 0.391673],
    theta: [
      [[0.003743, 0.043906, 0.180836, 0.402784, 0.368731], [0.30482, 0.425417, 0.208489, 0.055255, 0.006019]],
      [[0.009905, 0.044149, 0.10837, 0.375786, 0.461789], [0.222911, 0.288871, 0.206147, 0.207824, 0.074248]],
      [[0.002437, 0.031359, 0.142422, 0.32655, 0.497232], [0.447273, 0.402352, 0.127727, 0.02047, 0.002179]],
      [[0.022712, 0.044234, 0.069788, 0.305816, 0.55745], [0.420037, 0.241932, 0.112882, 0.146288, 0.078861]],
      [[0.011624, 0.060266, 0.191962, 0.417833, 0.318315], [0.501088, 0.327668, 0.131635, 0.036137, 0.003472]],
      [[0.010172, 0.052681, 0.17109, 0.389431, 0.376626], [0.20122, 0.296896, 0.274688, 0.178121, 0.049075]],
    ],
  },
  3: {
    logLik: -4673.14250843, npar: 38, shares: [0.298047, 0.605069, 0.096884],
    theta: [
      [[0.270915, 0.43138, 0.230118, 0.061047, 0.006539], [0.002916, 0.039567, 0.179854, 0.406558, 0.371105], [0.404161, 0.421336, 0.147152, 0.025558, 0.001792]],
      [[0.305775, 0.39598, 0.201438, 0.085085, 0.011723], [0.003357, 0.033002, 0.127453, 0.408699, 0.427489], [0.001724, 0.020755, 0.098164, 0.385511, 0.493846]],
      [[0.438937, 0.402996, 0.133568, 0.022107, 0.002391], [0.002316, 0.029996, 0.140275, 0.327584, 0.499829], [0.45871, 0.396402, 0.123662, 0.019265, 0.001961]],
      [[0.582464, 0.317093, 0.072097, 0.024697, 0.003648], [0.007041, 0.03995, 0.09467, 0.33799, 0.520349], [0.004866, 0.030816, 0.081503, 0.324768, 0.558047]],
      [[0.426407, 0.365195, 0.15977, 0.044325, 0.004303], [0.008432, 0.056561, 0.193797, 0.421072, 0.320138], [0.7343, 0.226369, 0.035648, 0.00356, 0.000124]],
      [[0.276545, 0.400948, 0.248131, 0.066933, 0.007444], [0.0037, 0.041297, 0.196737, 0.408529, 0.349737], [0.003487, 0.039682, 0.192729, 0.408006, 0.356095]],
    ],
  },
} as const;

const ITEMS = ['item01', 'item02', 'item03', 'item04', 'item05', 'item06'];

function bestFit(dataset: Dataset, K: number): { params: LcaParams; logLik: number } {
  const data = buildLcaData(dataset, ITEMS, { indicators: 'ordinal' });
  let best: { params: LcaParams; logLik: number } | null = null;
  for (let s = 0; s < 6; s++) {
    const out = drainSteps(lcaModel.runEm(data, lcaModel.randomStart(data, K, createRng(deriveSeed(42, K, s))), { maxIterations: 5000, tolerance: 1e-11 }));
    if (out.failure === null && (best === null || out.logLik > best.logLik)) best = out;
  }
  return best!;
}

describe('ordinal latent class model matches a direct maximisation of its likelihood in R', () => {
  let dataset: Dataset;
  beforeAll(async () => {
    const full = await loadDataset(oraclePath('data', 'synth_a.csv'));
    dataset = { ...full, rows: 600, columns: full.columns.map((c) => ({ ...c, values: c.values === null ? null : c.values.slice(0, 600) })) };
  });
  for (const K of [2, 3] as const) {
    it(`K=${K}: ℓ to 1e-5, npar, shares and item probabilities to 1e-4`, () => {
      const reference = R_REFERENCE[K];
      const data = buildLcaData(dataset, ITEMS, { indicators: 'ordinal' });
      expect(lcaModel.parameterCount(data, K)).toBe(reference.npar);
      const fit = bestFit(dataset, K);
      expect(Math.abs(fit.logLik - reference.logLik)).toBeLessThan(1e-5);
      // Match classes by share (distinct in both solutions).
      const order = Array.from(reference.shares, (share) => Array.from(fit.params.shares).reduce((b, s, k, all) => (Math.abs(s - share) < Math.abs(all[b]! - share) ? k : b), 0));
      const matched = lcaModel.permuteClasses(fit.params, order);
      matched.shares.forEach((s, k) => expect(Math.abs(s - reference.shares[k]!)).toBeLessThan(1e-4));
      const probs = lcaItemProbs(data, matched);
      ITEMS.forEach((item, j) => probs[item]!.forEach((row, k) => row.forEach((p, c) => expect(Math.abs(p - reference.theta[j]![k]![c]!)).toBeLessThan(1e-4))));
    });
  }
});
