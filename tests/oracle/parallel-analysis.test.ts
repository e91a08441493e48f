/**
 * Parallel analysis against psych::fa.parallel(bfi[, 1:25], fm = "minres", fa = "both",
 * n.iter = 20). R's random draws cannot be reproduced, so: the observed eigenvalues exactly
 * (PC to 6 significant digits; FA, which come from a one-factor minres fit, within 5e-6 absolute —
 * psych's own L-BFGS-B stop leaves ~1e-6 in the communalities), the suggested counts (6 and 6) for
 * several seeds, and the simulated thresholds within Monte-Carlo error of psych's.
 */
import { describe, expect, it } from 'vitest';
import { correlate } from '../../core/factor/correlation';
import { suggestFactorCount } from '../../core/factor/factor-count';
import { readOracleJson } from './oracle-files';
import { agreesToSixDigits, BFI_ITEMS, readOracleCsvColumns } from './oracle-csv-matrix';

type ParallelOracle = { nfact: number; ncomp: number; fa_values: number[]; pc_values: number[]; fa_sim_mean: number[]; pc_sim_mean: number[] };

describe('suggestFactorCount(bfi) parallel analysis', () => {
  const oracle = readOracleJson<ParallelOracle>('bfi_fa_parallel.json');
  const data = readOracleCsvColumns('bfi.csv', BFI_ITEMS);
  const R = correlate(data, { method: 'pearson', missing: 'pairwise' }).matrix;
  const runs = [1, 42, 20240611].map((seed) => suggestFactorCount(data, R, data.rows, { seed }));

  it('suggests 6 factors and 6 components like psych, whatever the seed', () => {
    for (const run of runs) {
      expect(run.parallel).toEqual({ nFactors: oracle.nfact, nComponents: oracle.ncomp });
      expect(run.suggested).toBe(6);
    }
  });

  it('reproduces the observed eigenvalues', () => {
    const run = runs[0]!;
    oracle.pc_values.forEach((v, k) => expect(agreesToSixDigits(run.parallelDetails.pcValues[k]!, v)).toBe(true));
    oracle.fa_values.forEach((v, k) => expect(Math.abs(run.parallelDetails.faValues[k]! - v), `fa value ${k + 1}`).toBeLessThan(5e-6));
  });

  it('simulates eigenvalues whose means agree with psych within Monte-Carlo error', () => {
    // Our mean over 100 replications vs psych's over 20: |Δ| < 4 standard errors of the difference,
    // SE = sd_k · sqrt(1/20 + 1/100), with sd_k the spread of the k-th simulated eigenvalue.
    const long = suggestFactorCount(data, R, data.rows, { seed: 7, iterations: 100 }).parallelDetails;
    const check = (ours: Float64Array, sd: Float64Array, psych: number[]): void =>
      psych.forEach((v, k) => expect(Math.abs(ours[k]! - v), `position ${k + 1}`).toBeLessThan(4 * sd[k]! * Math.sqrt(1 / 20 + 1 / 100)));
    check(long.pcSimulatedMean, long.pcSimulatedSd, oracle.pc_sim_mean);
    check(long.faSimulatedMean, long.faSimulatedSd, oracle.fa_sim_mean);
  });

  it("gives Velicer's MAP values of psych::VSS", () => {
    // R 4.2.2, psych 2.2.9: signif(psych::VSS(bfi[, 1:25], n = 8, plot = FALSE)$map, 6)
    const psychMap = [0.0241586, 0.0180976, 0.0168834, 0.0154994, 0.014801, 0.0158816, 0.0192908, 0.0221464];
    psychMap.forEach((v, k) => expect(agreesToSixDigits(runs[0]!.mapDetails.values[k]!, v), `MAP ${k + 1}`).toBe(true));
    expect(runs[0]!.map).toBe(5);
  });

  it('is reproducible from its seed and records it', () => {
    const again = suggestFactorCount(data, R, data.rows, { seed: 42 });
    expect(Array.from(again.parallelDetails.faThreshold)).toEqual(Array.from(runs[1]!.parallelDetails.faThreshold));
    expect(again.seed).toBe(42);
    expect(again.kaiser).toBe(6);
    expect(again.map).toBe(5);
  });
});
