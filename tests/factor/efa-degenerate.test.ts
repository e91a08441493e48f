/**
 * Degenerate batteries get a clear InputError or a Notice — never a crash, never a silent wrong
 * answer: a constant item, an item with no answers, more factors than the data support, a
 * singular correlation matrix, a Heywood case, non-convergence. Plus the engine contract: same
 * seed → same result, cancellation before any progress, monotone progress, structured-clone safe.
 */
import { describe, expect, it } from 'vitest';
import { efaSteps, runEfa } from '../../core/factor/efa';
import type { EfaInput } from '../../core/factor/efa';
import { extractFactors } from '../../core/factor/extract';
import { respondentScores } from '../../core/factor/factor-scores';
import { resolveEfaParams } from '../../core/factor/params';
import { rotateFactors } from '../../core/factor/rotate';
import { CancellationError, InputError } from '../../core/errors';
import { drainSteps } from '../../core/jobs/run-steps';
import type { Progress } from '../../core/jobs/run-steps';
import { fromRows } from '../../core/math/matrix';
import { itemColumnsOf } from '../../core/factor/item-columns';
import { createRng } from '../../core/random/rng';

/** n respondents answering p items driven by `factors` independent normal factors (each item loads on one). */
function simulate(n: number, p: number, factors: number, seed: number): EfaInput {
  const rng = createRng(seed);
  const data = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    const f = Array.from({ length: factors }, () => rng.normal());
    for (let j = 0; j < p; j++) data[r * p + j] = Math.round(3 + 0.8 * f[j % factors]! + 0.7 * rng.normal());
  }
  return { data: itemColumnsOf({ rows: n, cols: p, data }), items: Array.from({ length: p }, (_, j) => `Q${j + 1}`), weights: null };
}

function setColumn(input: EfaInput, j: number, value: (r: number) => number): EfaInput {
  const columns = [...input.data.columns];
  columns[j] = Float64Array.from({ length: input.data.rows }, (_, r) => value(r));
  return { ...input, data: { rows: input.data.rows, columns } };
}

const params = (extra: Parameters<typeof resolveEfaParams>[0] = {}) => resolveEfaParams({ seed: 3, parallelIterations: 3, ...extra });
const fit = (input: EfaInput, extra: Parameters<typeof resolveEfaParams>[0] = {}) => drainSteps(efaSteps(input, params(extra)));

function expectInputError(run: () => unknown, code: string, pattern: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe(code);
    expect((error as InputError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected an InputError');
}

describe('degenerate batteries', () => {
  const base = simulate(300, 9, 3, 1);

  it('a constant item is an InputError naming the item and the way out', () => {
    expectInputError(() => fit(setColumn(base, 4, () => 3), { nFactors: 2 }), 'data-degenerate', /Q5.*Remove it/);
  });

  it('an item with no answers is an InputError naming the item', () => {
    expectInputError(() => fit(setColumn(base, 2, () => NaN), { nFactors: 2 }), 'data-degenerate', /Q3.*no answers/);
  });

  it('as many factors as items is an InputError; too few degrees of freedom is a notice', () => {
    expectInputError(() => fit(base, { nFactors: 9 }), 'option-invalid', /fewer factors than items/);
    const small = simulate(300, 5, 2, 2);
    const result = fit(small, { nFactors: 3 });
    expect(result.fit.df).toBeLessThan(0);
    expect(result.notices.some((n) => n.code === 'too-many-factors')).toBe(true);
    expect(result.fit.rmsea).toBeNull();
    expect(result.fit.bic).toBeNull();
  });

  it('a singular correlation matrix (a duplicated item) runs and says so', () => {
    const duplicated = setColumn(base, 8, (r) => base.data.columns[0]![r]!);
    const result = fit(duplicated, { nFactors: 3 });
    expect(result.notices.some((n) => n.code === 'singular-matrix')).toBe(true);
    expect(result.loadings.data.every(Number.isFinite)).toBe(true);
    expectInputError(() => fit(duplicated, { nFactors: 3, method: 'ml' }), 'data-degenerate', /Maximum likelihood needs a positive-definite.*Choose minres/);
  });

  it('a Heywood case (one-factor loading² .8·.8/.6 > 1) is reported as a notice naming the item', () => {
    const R = fromRows([
      [1, 0.8, 0.8, 0.3],
      [0.8, 1, 0.6, 0.3],
      [0.8, 0.6, 1, 0.3],
      [0.3, 0.3, 0.3, 1],
    ]);
    for (const method of ['minres', 'ml'] as const) {
      const extraction = extractFactors(R, 1, method, { itemNames: ['a', 'b', 'c', 'd'] });
      const heywood = extraction.notices.find((n) => n.code === 'heywood-case');
      expect(heywood?.subjects).toContain('a');
      expect(extraction.uniquenesses[0]).toBeCloseTo(0.005, 6);
    }
  });

  it('non-convergence of extraction and rotation is a notice and converged = false', () => {
    const R = fromRows([
      [1, 0.6, 0.5, 0.1, 0.1, 0.2],
      [0.6, 1, 0.55, 0.15, 0.1, 0.1],
      [0.5, 0.55, 1, 0.1, 0.2, 0.1],
      [0.1, 0.15, 0.1, 1, 0.5, 0.45],
      [0.1, 0.1, 0.2, 0.5, 1, 0.6],
      [0.2, 0.1, 0.1, 0.45, 0.6, 1],
    ]);
    for (const method of ['minres', 'ml', 'pa'] as const) {
      const extraction = extractFactors(R, 2, method, { maxIterations: 1, minErr: 1e-12 });
      expect(extraction.converged).toBe(false);
      expect(extraction.notices.map((n) => n.code)).toContain('not-converged');
    }
    const extraction = extractFactors(R, 2, 'minres');
    expect(extraction.converged).toBe(true);
    const rotation = rotateFactors(extraction.loadings, 'oblimin', { maxIterations: 1, epsilon: 1e-12 });
    expect(rotation.converged).toBe(false);
    expect(rotation.notices.map((n) => n.code)).toContain('not-converged');
  });

  it('too few items is an InputError', () => {
    const two: EfaInput = { data: { rows: 3, columns: [Float64Array.of(1, 2, 3), Float64Array.of(2, 3, 1)] }, items: ['a', 'b'], weights: null };
    expectInputError(() => fit(two, { nFactors: 1 }), 'data-insufficient', /at least 3 items/);
  });
});

describe('efaSteps contract', () => {
  const input = simulate(400, 8, 2, 5);

  it('same seed, same result; the result survives structuredClone; progress is monotone and ends at total', () => {
    const seen: Progress[] = [];
    const a = drainSteps(efaSteps(input, params()), { onProgress: (p) => seen.push(p) });
    const b = drainSteps(efaSteps(input, params()));
    expect(b).toEqual(a);
    expect(structuredClone(a)).toEqual(a);
    expect(a.params.nFactors).toBe(2);
    expect(a.seed).toBe(3);
    const outer = seen.filter((p) => p.total === 6);
    outer.forEach((p, i) => i > 0 && expect(p.current).toBeGreaterThanOrEqual(outer[i - 1]!.current));
    expect(outer.at(-1)).toMatchObject({ current: 6, total: 6 });
  });

  it('a pre-aborted signal throws CancellationError before any progress', async () => {
    const controller = new AbortController();
    controller.abort();
    const seen: Progress[] = [];
    await expect(runEfa(input, params(), { signal: controller.signal, onProgress: (p) => seen.push(p) })).rejects.toBeInstanceOf(CancellationError);
    expect(seen).toHaveLength(0);
  });

  it('respondents with a missing answer get null scores and a notice', () => {
    const holed = setColumn(input, 3, (r) => (r % 10 === 0 ? NaN : input.data.columns[3]![r]!));
    const result = drainSteps(efaSteps(holed, params({ nFactors: 2 })));
    expect(respondentScores(result.scores, 0)).toBeNull();
    expect(respondentScores(result.scores, 1)).not.toBeNull();
    expect(result.notices.find((n) => n.code === 'rows-unscored')?.message).toMatch(/^40 of 400/);
  });
});
