/**
 * Factor scores for respondents with unanswered items (EfaParams.scoreMissing, factor-scores.ts)
 * and the cache-friendly entry point (EfaInput.precomputed):
 *  - 'available' equals 'none' exactly when nobody skipped an item, for every score method;
 *  - the per-pattern weights have their defining properties on the observed sub-battery:
 *    regression R_oo·W_o = S_o, Bartlett W_oᵀΛ_o = I, ten Berge W_oᵀR_ooW_o = Φ (1e-10);
 *  - the minimum share of answered items, and its validation;
 *  - precomputed correlations / factor counts give a bit-identical
 *    result; a mismatching precomputed stage is a BugError.
 */
import { describe, expect, it } from 'vitest';
import { BugError, InputError } from '../../core/errors';
import { correlationSteps } from '../../core/factor/correlation';
import { efaSteps } from '../../core/factor/efa';
import type { EfaInput, EfaResult } from '../../core/factor/efa';
import { factorCountSteps } from '../../core/factor/factor-count';
import type { FactorCount } from '../../core/factor/factor-count';
import { respondentScores, scoreWeightsForItems } from '../../core/factor/factor-scores';
import { SCORES } from '../../core/factor/options';
import { resolveEfaParams } from '../../core/factor/params';
import type { EfaParams, EfaParamsInput } from '../../core/factor/params';
import { drainSteps } from '../../core/jobs/run-steps';
import type { Matrix } from '../../core/math/matrix';
import { itemColumnsOf } from '../../core/factor/item-columns';
import { createRng } from '../../core/random/rng';

/** n respondents, p items, two correlated factors (items alternate), answers 1..5-ish. */
function simulate(n: number, p: number, seed: number, holes = 0): EfaInput {
  const rng = createRng(seed);
  const data = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    const f1 = rng.normal();
    const f2 = 0.4 * f1 + 0.9 * rng.normal();
    for (let j = 0; j < p; j++) data[r * p + j] = Math.round(3 + 0.9 * (j % 2 === 0 ? f1 : f2) + 0.7 * rng.normal());
  }
  for (let h = 0; h < holes; h++) data[rng.int(n) * p + rng.int(p)] = NaN;
  return { data: itemColumnsOf({ rows: n, cols: p, data }), items: Array.from({ length: p }, (_, j) => `Q${j + 1}`), weights: null };
}

const params = (extra: EfaParamsInput = {}): EfaParams => resolveEfaParams({ seed: 7, parallelIterations: 4, ...extra });
const fit = (input: EfaInput, p: EfaParams): EfaResult => drainSteps(efaSteps(input, p));

function at(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j]!;
}

describe("scoreMissing 'available'", () => {
  it("equals 'none' exactly when every item is answered (every score method)", () => {
    const input = simulate(300, 8, 1);
    for (const scores of SCORES) {
      const none = fit(input, params({ nFactors: 2, scores }));
      const available = fit(input, params({ nFactors: 2, scores, scoreMissing: 'available' }));
      expect(available.scores).toStrictEqual(none.scores);
      expect(available.notices).toStrictEqual(none.notices);
    }
  });

  it('scores respondents with gaps, leaves complete respondents exactly as before, and counts them in a notice', () => {
    const input = simulate(400, 8, 2, 120);
    for (const scores of SCORES) {
      const none = fit(input, params({ nFactors: 2, scores }));
      const available = fit(input, params({ nFactors: 2, scores, scoreMissing: 'available' }));
      let partial = 0;
      for (let r = 0; r < 400; r++) {
        const before = respondentScores(none.scores, r);
        const after = respondentScores(available.scores, r);
        if (before !== null) expect(after).toStrictEqual(before);
        else {
          expect(after).not.toBeNull();
          expect(after!.every(Number.isFinite)).toBe(true);
          partial++;
        }
      }
      expect(partial).toBeGreaterThan(50);
      expect(available.notices.some((n) => n.message.startsWith(`${partial} of 400 respondents left some items unanswered and were scored`))).toBe(true);
      expect(available.notices.some((n) => n.code === 'rows-unscored')).toBe(false);
    }
  });

  it('per-pattern weights: regression R_oo·W_o = S_o, Bartlett W_oᵀΛ_o = I, ten Berge W_oᵀR_ooW_o = Φ', () => {
    const result = fit(simulate(500, 8, 3), params({ nFactors: 2, rotation: 'oblimin' }));
    const R = result.correlation.matrix;
    const L = result.loadings;
    const phi = result.phi!;
    const S = result.structure;
    const items = Int32Array.of(0, 1, 3, 4, 6); // items 2, 5 and 7 unanswered
    const q = items.length;
    const base = { R, pattern: L, phi, minObservedShare: 0.5 };
    const regression = scoreWeightsForItems({ ...base, method: 'regression' }, items, 2)!;
    const bartlett = scoreWeightsForItems({ ...base, method: 'bartlett' }, items, 2)!;
    const tenberge = scoreWeightsForItems({ ...base, method: 'tenberge' }, items, 2)!;
    for (let k = 0; k < 2; k++) {
      for (let a = 0; a < q; a++) {
        let rw = 0;
        for (let b = 0; b < q; b++) rw += at(R, items[a]!, items[b]!) * at(regression, b, k);
        expect(Math.abs(rw - at(S, items[a]!, k))).toBeLessThan(1e-10);
      }
      for (let l = 0; l < 2; l++) {
        let wl = 0;
        let wrw = 0;
        for (let a = 0; a < q; a++) {
          wl += at(bartlett, a, k) * at(L, items[a]!, l);
          for (let b = 0; b < q; b++) wrw += at(tenberge, a, k) * at(R, items[a]!, items[b]!) * at(tenberge, b, l);
        }
        expect(Math.abs(wl - (k === l ? 1 : 0))).toBeLessThan(1e-10);
        expect(Math.abs(wrw - at(phi, k, l))).toBeLessThan(1e-10);
      }
    }
  });

  it('leaves respondents who answered fewer than the minimum share unscored; the share is an option', () => {
    const input = simulate(300, 8, 4);
    const d = input.data.columns;
    for (let j = 0; j < 5; j++) d[j]![0] = NaN; // respondent 1: 3 of 8 answered
    for (let j = 0; j < 4; j++) d[j]![1] = NaN; // respondent 2: 4 of 8 answered = half
    const half = fit(input, params({ nFactors: 2, scoreMissing: 'available' }));
    expect(respondentScores(half.scores, 0)).toBeNull();
    expect(respondentScores(half.scores, 1)).not.toBeNull();
    expect(half.notices.find((n) => n.code === 'rows-unscored')?.message).toMatch(/^1 of 300 respondents answered fewer than 50% of the items/);
    const third = fit(input, params({ nFactors: 2, scoreMissing: 'available', scoreMinObservedShare: 0.3 }));
    expect(respondentScores(third.scores, 0)).not.toBeNull();
    expect(() => params({ scoreMinObservedShare: 0 })).toThrow(InputError);
    expect(() => params({ scoreMissing: 'mean' as 'none' })).toThrow(/scoreMissing/);
  });
});

describe('EfaInput.precomputed', () => {
  function stages(input: EfaInput, p: EfaParams): { correlation: ReturnType<typeof correlationOf>; count: FactorCount } {
    const correlation = correlationOf(input, p);
    const n = p.missing === 'listwise' ? correlation.nUsed : input.data.rows;
    const count = drainSteps(factorCountSteps(input.data, correlation.matrix, n, { seed: p.seed!, iterations: p.parallelIterations, method: p.correlation }));
    return { correlation, count };
  }
  function correlationOf(input: EfaInput, p: EfaParams) {
    return drainSteps(correlationSteps(input.data, { method: p.correlation, missing: p.missing, weights: input.weights, itemNames: input.items }));
  }

  it('gives a bit-identical result whether the stages are computed inside or passed in', () => {
    const input = simulate(400, 8, 5, 60);
    const cases: EfaParamsInput[] = [
      {},
      { nFactors: 2, rotation: 'varimax' },
      { nFactors: 3, missing: 'listwise', method: 'ml', scores: 'bartlett' },
      { nFactors: 2, scoreMissing: 'available', scores: 'tenberge' },
      { nFactors: 2, correlation: 'polychoric' },
    ];
    for (const extra of cases) {
      const p = params(extra);
      const inside = fit(input, p);
      const { correlation, count } = stages(input, p);
      expect(fit({ ...input, precomputed: { correlation } }, p)).toStrictEqual(inside);
      expect(fit({ ...input, precomputed: { correlation, factorCount: count } }, p)).toStrictEqual(inside);
    }
  });

  it('refuses precomputed stages that belong to another analysis', () => {
    const input = simulate(200, 6, 6);
    const p = params({ nFactors: 2 });
    const { correlation, count } = stages(input, p);
    expect(() => fit({ ...input, precomputed: { correlation } }, params({ nFactors: 2, missing: 'listwise' }))).toThrow(BugError);
    expect(() => fit({ ...input, precomputed: { correlation, factorCount: count } }, params({ nFactors: 2, seed: 8 }))).toThrow(BugError);
  });
});
