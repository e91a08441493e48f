/**
 * scoreMissing 'available' on bfi (25 items, N = 2800, 364 respondents with a gap), minres + oblimin
 * and varimax, pairwise:
 *  - respondents who answered everything: exactly the 'none' scores, and psych's regression scores
 *    of the oracle's first rows within 0.002 (0.01 oblique) after matching factor order and sign;
 *  - respondents with gaps, regression: E[F | z_o] = S_oᵀR_oo⁻¹z_o equals, by the tower property,
 *    the full-battery regression score Sᵀ R⁻¹ ẑ with each missing z replaced by its regression on
 *    the answered ones, ẑ_m = R_mo R_oo⁻¹ z_o — computed here independently with ml-matrix (1e-9);
 *  - everyone who answered at least half of the items is scored.
 */
import { Matrix as MlMatrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { efaSteps } from '../../core/factor/efa';
import { itemColumnsOf } from '../../core/factor/item-columns';
import { respondentScores } from '../../core/factor/factor-scores';
import { resolveEfaParams } from '../../core/factor/params';
import { drainSteps } from '../../core/jobs/run-steps';
import type { OracleMatrix } from './oracle-files';
import { readOracleJson } from './oracle-files';
import { alignFactors, applyAlignment, maxAbsDiff, oracleToMatrix, readOracleCsv } from './efa-oracle-helpers';

const table = readOracleCsv('bfi.csv');
const p = 25;
const n = table.rows.length;
const data = new Float64Array(n * p);
table.rows.forEach((row, r) => {
  for (let j = 0; j < p; j++) data[r * p + j] = row[j]!;
});
const input = { data: itemColumnsOf({ rows: n, cols: p, data }), items: table.names.slice(0, p), weights: null };

describe("scoreMissing 'available' on bfi", () => {
  for (const rotation of ['oblimin', 'varimax'] as const) {
    it(`minres + ${rotation}: complete respondents as psych, respondents with gaps by E[F | answered items]`, () => {
      const params = (scoreMissing: 'none' | 'available') => resolveEfaParams({ nFactors: 5, rotation, seed: 1, parallelIterations: 2, scoreMissing });
      const none = drainSteps(efaSteps(input, params('none')));
      const result = drainSteps(efaSteps(input, params('available')));
      const oracle = readOracleJson<{ loadings: OracleMatrix; scores_first_rows: OracleMatrix }>(`bfi_fa_minres_${rotation}_pairwise.json`);
      const alignment = alignFactors(result.loadings, oracleToMatrix(oracle.loadings));
      const shown = oracle.scores_first_rows;
      const reference = oracleToMatrix(shown);
      let compared = 0;
      shown.rows.forEach((name, i) => {
        if (shown.values[i]!.some((v) => v === null)) return;
        const ours = respondentScores(result.scores, Number(name) - 1)!;
        const aligned = applyAlignment({ rows: 1, cols: 5, data: ours }, alignment);
        expect(maxAbsDiff(aligned.data, reference.data.subarray(i * 5, (i + 1) * 5))).toBeLessThan(rotation === 'oblimin' ? 0.01 : 0.002);
        compared++;
      });
      expect(compared).toBeGreaterThanOrEqual(8);

      // Item means and n−1 SDs over the answered values (R's scale()).
      const mean = new Float64Array(p);
      const sd = new Float64Array(p);
      for (let j = 0; j < p; j++) {
        const v: number[] = [];
        for (let r = 0; r < n; r++) if (!Number.isNaN(data[r * p + j]!)) v.push(data[r * p + j]!);
        mean[j] = v.reduce((a, b) => a + b, 0) / v.length;
        sd[j] = Math.sqrt(v.reduce((a, b) => a + (b - mean[j]!) ** 2, 0) / (v.length - 1));
      }
      const R = new MlMatrix(Array.from({ length: p }, (_, i) => Array.from(result.correlation.matrix.data.subarray(i * p, (i + 1) * p))));
      const W = new MlMatrix(Array.from({ length: p }, (_, i) => Array.from(result.scoreWeights.data.subarray(i * 5, (i + 1) * 5))));
      let partial = 0;
      let worst = 0;
      for (let r = 0; r < n; r++) {
        const row = Array.from(data.subarray(r * p, (r + 1) * p));
        const observed = row.flatMap((v, j) => (Number.isNaN(v) ? [] : [j]));
        const ours = respondentScores(result.scores, r);
        if (observed.length === p) {
          expect(ours).toStrictEqual(respondentScores(none.scores, r));
          continue;
        }
        expect(respondentScores(none.scores, r)).toBeNull();
        if (observed.length < 13) {
          expect(ours).toBeNull();
          continue;
        }
        expect(ours).not.toBeNull();
        partial++;
        const missing = row.flatMap((v, j) => (Number.isNaN(v) ? [j] : []));
        const zo = new MlMatrix([observed.map((j) => (row[j]! - mean[j]!) / sd[j]!)]).transpose();
        const zm = R.selection(missing, observed).mmul(solve(R.selection(observed, observed), zo));
        const z = new Array<number>(p);
        observed.forEach((j, t) => (z[j] = zo.get(t, 0)));
        missing.forEach((j, t) => (z[j] = zm.get(t, 0)));
        const expected = new MlMatrix([z]).mmul(W);
        for (let k = 0; k < 5; k++) worst = Math.max(worst, Math.abs(expected.get(0, k) - ours![k]!));
      }
      expect(partial).toBeGreaterThan(300);
      expect(worst).toBeLessThan(1e-9);
    });
  }
});
