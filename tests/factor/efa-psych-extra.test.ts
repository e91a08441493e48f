/**
 * Options the shared oracle does not cover, against psych 2.2.9 / GPArotation 2022.10.2 outputs
 * generated for this suite (fixtures/psych-extra-bfi.json records each R call): geomin (geominQ),
 * quartimax and quartimin rotations, and ten Berge and Bartlett scores after pa and ml.
 * Tolerances as the oracle suite: loadings and Phi 0.002 (0.01 oblique), scores 0.002, with
 * null scores exactly where psych has NA.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { efaSteps } from '../../core/factor/efa';
import { itemColumnsOf } from '../../core/factor/item-columns';
import { respondentScores } from '../../core/factor/factor-scores';
import { resolveEfaParams } from '../../core/factor/params';
import type { EfaParams } from '../../core/factor/params';
import { drainSteps } from '../../core/jobs/run-steps';
import { fromRows } from '../../core/math/matrix';
import { alignFactors, alignPhi, applyAlignment, maxAbsDiff, readOracleCsv } from '../oracle/efa-oracle-helpers';

type ExtraCase = { call: string; loadings: number[][]; Phi?: number[][] | null; scores_first_rows?: (number | null)[][] };
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'psych-extra-bfi.json'), 'utf8')) as { cases: ExtraCase[] };

const table = readOracleCsv('bfi.csv');
const items = table.names.slice(0, 25);
const data = new Float64Array(table.rows.length * 25);
table.rows.forEach((row, r) => items.forEach((_, j) => (data[r * 25 + j] = row[j]!)));
const input = { data: itemColumnsOf({ rows: table.rows.length, cols: 25, data }), items, weights: null };

function paramsFromCall(call: string): Partial<EfaParams> {
  const fm = /fm = "(\w+)"/.exec(call)![1]!;
  const rotate = /rotate = "(\w+)"/.exec(call)![1]!;
  const scores = /scores = "(\w+)"/.exec(call)?.[1] ?? 'regression';
  return {
    method: fm as EfaParams['method'],
    rotation: (rotate === 'geominQ' ? 'geomin' : rotate) as EfaParams['rotation'],
    scores: scores.toLowerCase() as EfaParams['scores'],
  };
}

describe('efaSteps matches psych on options outside the shared oracle', () => {
  for (const c of fixture.cases) {
    it(c.call, () => {
      const params = resolveEfaParams({ nFactors: 5, seed: 1, parallelIterations: 2, ...paramsFromCall(c.call) });
      const result = drainSteps(efaSteps(input, params));
      const reference = fromRows(c.loadings);
      const alignment = alignFactors(result.loadings, reference);
      const tol = result.phi === null ? 0.002 : 0.01;
      expect(maxAbsDiff(applyAlignment(result.loadings, alignment).data, reference.data)).toBeLessThan(tol);
      if (c.Phi) expect(maxAbsDiff(alignPhi(result.phi!, alignment).data, fromRows(c.Phi).data)).toBeLessThan(tol);
      c.scores_first_rows?.forEach((theirs, i) => {
        const ours = respondentScores(result.scores, i);
        if (theirs.every((v) => v === null)) return expect(ours).toBeNull();
        const aligned = applyAlignment({ rows: 1, cols: 5, data: ours! }, alignment);
        expect(maxAbsDiff(aligned.data, theirs)).toBeLessThan(0.002);
      });
    });
  }
});
