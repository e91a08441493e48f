/**
 * The whole EFA pipeline from raw data (efaSteps) against psych::fa on every listed oracle case:
 * bfi (25 items, N = 2800) × {minres, pa, ml} × {none, varimax, promax, oblimin} × {pairwise,
 * listwise}, and attitude (N = 30) × {minres, ml} × {varimax, oblimin}.
 * Tolerances (issue 3 §3): loadings, Phi and communalities 0.002 after matching factor order and
 * sign (0.01 for oblique rotations); eigenvalues to the oracle's 6 significant digits; fit indices
 * within 0.005 (relative for the χ²-scale statistics χ², BIC); regression scores of the first 10
 * respondents within 0.002 (0.01 oblique), null exactly where psych has NA.
 */
import { describe, expect, it } from 'vitest';
import { efaSteps } from '../../core/factor/efa';
import { itemColumnsOf } from '../../core/factor/item-columns';
import { respondentScores } from '../../core/factor/factor-scores';
import type { EfaResult } from '../../core/factor/efa';
import { isOblique } from '../../core/factor/options';
import { resolveEfaParams } from '../../core/factor/params';
import { drainSteps } from '../../core/jobs/run-steps';
import type { OracleMatrix, OracleVector } from './oracle-files';
import { readOracleJson } from './oracle-files';
import { alignFactors, alignPhi, applyAlignment, maxAbsDiff, oracleToMatrix, readOracleCsv } from './efa-oracle-helpers';

type FitOracle = { rms: number; crms: number; TLI: number; RMSEA: OracleVector; BIC: number; STATISTIC_chisq: number; dof: number; objective: number; null_chisq: number; chi_empirical: number; nh: number };
type FaOracle = {
  n_obs: number;
  loadings: OracleMatrix;
  structure?: OracleMatrix;
  Phi?: OracleMatrix;
  communality_h2: OracleVector;
  uniquenesses_u2: OracleVector;
  eigenvalues_correlation: number[];
  eigenvalues_reduced: number[];
  variance_accounted: OracleMatrix;
  fit_stats: FitOracle;
  scores_first_rows: OracleMatrix;
  complexity: OracleVector;
};

type Case = { file: string; data: string; items: number; m: number; method: 'minres' | 'pa' | 'ml'; rotation: 'none' | 'varimax' | 'promax' | 'oblimin'; missing: 'pairwise' | 'listwise' };
const cases: Case[] = [];
for (const missing of ['pairwise', 'listwise'] as const) {
  for (const method of ['minres', 'pa', 'ml'] as const) {
    for (const rotation of ['none', 'varimax', 'promax', 'oblimin'] as const) {
      cases.push({ file: `bfi_fa_${method}_${rotation}_${missing}.json`, data: 'bfi.csv', items: 25, m: 5, method, rotation, missing });
    }
  }
}
for (const method of ['minres', 'ml'] as const) {
  for (const rotation of ['varimax', 'oblimin'] as const) cases.push({ file: `attitude_fa_${method}_${rotation}.json`, data: 'attitude.csv', items: 7, m: 2, method, rotation, missing: 'pairwise' });
}

function run(c: Case): EfaResult {
  const table = readOracleCsv(c.data);
  const items = table.names.slice(0, c.items);
  const p = items.length;
  const data = new Float64Array(table.rows.length * p);
  table.rows.forEach((row, r) => items.forEach((_, j) => (data[r * p + j] = row[j]!)));
  const params = resolveEfaParams({ nFactors: c.m, method: c.method, rotation: c.rotation, missing: c.missing, seed: 20240601, parallelIterations: 4 });
  return drainSteps(efaSteps({ data: itemColumnsOf({ rows: table.rows.length, cols: p, data }), items, weights: null }, params));
}

function relClose(ours: number | null, theirs: number | null | undefined, tol: number): void {
  expect(ours).not.toBeNull();
  expect(theirs).not.toBeNull();
  expect(Math.abs(ours! - theirs!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(theirs!)));
}

describe('efaSteps(raw data) matches psych::fa', () => {
  for (const c of cases) {
    it(c.file, () => {
      const oracle = readOracleJson<FaOracle>(c.file);
      const result = run(c);
      const tol = isOblique(c.rotation) ? 0.01 : 0.002;
      expect(result.n).toBe(oracle.n_obs);
      const reference = oracleToMatrix(oracle.loadings);
      const alignment = alignFactors(result.loadings, reference);
      expect(maxAbsDiff(applyAlignment(result.loadings, alignment).data, reference.data)).toBeLessThan(tol);
      if (oracle.structure !== undefined) expect(maxAbsDiff(applyAlignment(result.structure, alignment).data, oracleToMatrix(oracle.structure).data)).toBeLessThan(tol);
      if (oracle.Phi !== undefined) expect(maxAbsDiff(alignPhi(result.phi!, alignment).data, oracleToMatrix(oracle.Phi).data)).toBeLessThan(tol);
      else expect(result.phi).toBeNull();
      expect(maxAbsDiff(result.communalities, oracle.communality_h2.values)).toBeLessThan(0.002);
      expect(maxAbsDiff(result.uniquenesses, oracle.uniquenesses_u2.values)).toBeLessThan(0.002);
      oracle.eigenvalues_correlation.forEach((v, k) => expect(Math.abs(result.eigenvalues[k]! - v)).toBeLessThanOrEqual(6e-6 * Math.abs(v)));
      expect(maxAbsDiff(result.eigenvaluesReduced!, oracle.eigenvalues_reduced)).toBeLessThan(0.002);
      const vx = oracleToMatrix(oracle.variance_accounted);
      const ss = applyAlignment({ rows: 1, cols: c.m, data: result.varianceExplained.ssLoadings }, { order: alignment.order, signs: alignment.signs.map(() => 1) });
      expect(maxAbsDiff(ss.data, vx.data.subarray(0, c.m))).toBeLessThan(tol * c.items);

      const f = oracle.fit_stats;
      expect(result.fit.df).toBe(f.dof);
      expect(Math.abs(result.fit.rmsr - f.rms)).toBeLessThan(0.005);
      expect(Math.abs(result.fit.crms! - f.crms)).toBeLessThan(0.005);
      expect(Math.abs(result.fit.tli - f.TLI)).toBeLessThan(0.005);
      expect(Math.abs(result.fit.rmsea! - f.RMSEA.values[0]!)).toBeLessThan(0.005);
      expect(Math.abs(result.fit.rmseaLower! - f.RMSEA.values[1]!)).toBeLessThan(0.005);
      expect(Math.abs(result.fit.rmseaUpper! - f.RMSEA.values[2]!)).toBeLessThan(0.005);
      expect(Math.abs(result.fit.objective - f.objective)).toBeLessThan(0.005);
      relClose(result.fit.chiSquare, f.STATISTIC_chisq, 0.005);
      relClose(result.fit.bic, f.BIC, 0.005);
      relClose(result.fit.nullChiSquare, f.null_chisq, 0.005);
      relClose(result.fit.chiSquareEmpirical, f.chi_empirical, 0.005);
      relClose(result.fit.nHarmonic, f.nh, 0.0001);

      const shown = oracle.scores_first_rows;
      const scoreRef = oracleToMatrix(shown);
      shown.rows.forEach((rowName, i) => {
        const ours = respondentScores(result.scores, Number(rowName) - 1);
        const theirs = shown.values[i]!;
        if (theirs.every((v) => v === null)) {
          expect(ours).toBeNull();
          return;
        }
        expect(ours).not.toBeNull();
        const aligned = applyAlignment({ rows: 1, cols: c.m, data: ours! }, alignment);
        expect(maxAbsDiff(aligned.data, scoreRef.data.subarray(i * c.m, (i + 1) * c.m))).toBeLessThan(tol);
      });
    });
  }
});

describe('efaSteps with polychoric correlations matches psych::fa(polychoric(bfi)$rho, 5)', () => {
  it('bfi_fa_polychoric_minres_oblimin.json', () => {
    const oracle = readOracleJson<FaOracle>('bfi_fa_polychoric_minres_oblimin.json');
    const table = readOracleCsv('bfi.csv');
    const items = table.names.slice(0, 25);
    const data = new Float64Array(table.rows.length * 25);
    table.rows.forEach((row, r) => items.forEach((_, j) => (data[r * 25 + j] = row[j]!)));
    const params = resolveEfaParams({ nFactors: 5, correlation: 'polychoric', seed: 7, parallelIterations: 4 });
    const result = drainSteps(efaSteps({ data: itemColumnsOf({ rows: table.rows.length, cols: 25, data }), items, weights: null }, params));
    const reference = oracleToMatrix(oracle.loadings);
    const alignment = alignFactors(result.loadings, reference);
    expect(maxAbsDiff(applyAlignment(result.loadings, alignment).data, reference.data)).toBeLessThan(0.01);
    expect(maxAbsDiff(alignPhi(result.phi!, alignment).data, oracleToMatrix(oracle.Phi!).data)).toBeLessThan(0.01);
    expect(maxAbsDiff(result.communalities, oracle.communality_h2.values)).toBeLessThan(0.002);
    oracle.eigenvalues_correlation.forEach((v, k) => expect(Math.abs(result.eigenvalues[k]! - v)).toBeLessThanOrEqual(1e-4 * Math.abs(v)));
    const f = oracle.fit_stats;
    expect(Math.abs(result.fit.rmsr - f.rms)).toBeLessThan(0.005);
    expect(Math.abs(result.fit.tli - f.TLI)).toBeLessThan(0.005);
    expect(Math.abs(result.fit.rmsea! - f.RMSEA.values[0]!)).toBeLessThan(0.005);
    relClose(result.fit.chiSquare, f.STATISTIC_chisq, 0.005);
    relClose(result.fit.bic, f.BIC, 0.005);
  });
});
