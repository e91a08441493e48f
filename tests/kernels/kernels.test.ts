// The WebAssembly kernels against their TypeScript references: bit-identical results on the
// matrices the factor engine decomposes (random, correlation-like with clustered eigenvalues,
// exactly repeated eigenvalues, zero rows), across a memory growth, and the fallback for
// non-finite input; identical polychoric cross-tables and Pearson sums; the minres fit's iterates; the polychoric pair fits; oblique quartimin rotation; the Cholesky inverse; the non-central chi-square series; parallel analysis's null draws; the factor-score passes. Each case runs once with the kernels and once with setWasmKernels(false).
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { pearsonSums } from '../../core/factor/correlation-pearson';
import { polychoricSteps } from '../../core/factor/correlation-polychoric';
import { tabulatePairs } from '../../core/factor/correlation-polychoric-tables';
import { gpaOblique } from '../../core/factor/rotate-gpa';
import { quartiminCriterion } from '../../core/factor/rotate-criteria';
import { drainSteps } from '../../core/jobs/run-steps';
import { extractFactors } from '../../core/factor/extract';
import { scoreRespondents } from '../../core/factor/factor-scores';
import { eigenTop } from '../../core/factor/extract-eigen-solver';
import { simulateNullCorrelation, simulateNullCorrelationSeeded } from '../../core/factor/parallel-analysis';
import { setWasmKernels, wasmKernelsActive } from '../../core/kernels/instance';
import { noncentralChiSquareCdf } from '../../core/factor/fit-indices-chi-square';
import { choleskyInverse } from '../../core/math/cholesky';
import { invertMatrix } from '../../core/factor/rotate-algebra';
import { pseudoInverseSymmetric } from '../../core/math/pseudo-inverse';
import { eigenSymmetric, eigenvaluesSymmetric, plainHypot } from '../../core/math/eigen-symmetric';
import { scanColumns } from '../../core/factor/correlation';
import { itemColumnsOf } from '../../core/factor/item-columns';
import { createRng } from '../../core/random/rng';

afterEach(() => setWasmKernels(true));

function both<T>(compute: () => T): { compiled: T; reference: T } {
  setWasmKernels(true);
  expect(wasmKernelsActive()).toBe(true);
  const compiled = compute();
  setWasmKernels(false);
  expect(wasmKernelsActive()).toBe(false);
  const reference = compute();
  setWasmKernels(true);
  return { compiled, reference };
}

/** Bit patterns, so that the comparison distinguishes every last bit (and NaN from NaN's absence). */
function bits(values: Float64Array): string[] {
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
  return Array.from({ length: values.length }, (_, i) => view.getBigUint64(i * 8).toString(16));
}

function randomSymmetric(p: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) a[i * p + j] = a[j * p + i] = rng.normal();
  return a;
}

/** A null correlation matrix (eigenvalues clustered near 1) with communality-like values on the diagonal. */
function reducedCorrelation(p: number, seed: number): Float64Array {
  const r = simulateNullCorrelation(300, p, createRng(seed)).data;
  for (let i = 0; i < p; i++) r[i * p + i] = 0.05 + 0.01 * i;
  return r;
}

function cases(): [string, Float64Array, number][] {
  const blockDiagonal = new Float64Array(36);
  for (let i = 0; i < 6; i++) blockDiagonal[i * 6 + i] = i < 3 ? 2 : 1; // eigenvalues 2, 2, 2, 1, 1, 1
  const zeroRows = randomSymmetric(8, 5);
  for (let j = 0; j < 8; j++) zeroRows[2 * 8 + j] = zeroRows[j * 8 + 2] = 0;
  return [
    ...[3, 4, 5, 10, 25, 61].map((p): [string, Float64Array, number] => [`random p=${p}`, randomSymmetric(p, p), p]),
    ...[5, 25, 40].map((p): [string, Float64Array, number] => [`reduced correlation p=${p}`, reducedCorrelation(p, 100 + p), p]),
    ['repeated eigenvalues', blockDiagonal, 6],
    ['zero row and column', zeroRows, 8],
    ['p=200 (grows the memory)', randomSymmetric(200, 200), 200],
  ];
}

describe('WebAssembly eigen kernels', () => {
  it.each(cases())('eigenvaluesSymmetric is bit-identical to the reference, both hypotenuses: %s', (_label, a, p) => {
    for (const hypot of [undefined, plainHypot]) {
      const { compiled, reference } = both(() => eigenvaluesSymmetric(a, p, hypot));
      expect(bits(compiled)).toEqual(bits(reference));
    }
  });

  it.each(cases())('eigenSymmetric is bit-identical to the reference (values, vectors, both hypotenuses): %s', (_label, a, p) => {
    for (const hypot of [undefined, plainHypot]) {
      const { compiled, reference } = both(() => eigenSymmetric(a, p, hypot));
      expect(bits(compiled.values)).toEqual(bits(reference.values));
      expect(bits(compiled.vectors)).toEqual(bits(reference.vectors));
    }
  });

  it.each(cases())('eigenTop is bit-identical to the reference (values and vectors, m = 1, 2, 5): %s', (_label, a, p) => {
    for (const m of [1, 2, 5].filter((m) => m < p)) {
      const { compiled, reference } = both(() => eigenTop(a, p, m));
      expect(bits(compiled.values)).toEqual(bits(reference.values));
      expect(bits(compiled.vectors)).toEqual(bits(reference.vectors));
      expect(compiled.m).toBe(m);
    }
  });

  it('leaves a matrix with a non-finite entry to the reference (same NaN results)', () => {
    const a = randomSymmetric(6, 9);
    a[7] = a[6 + 1] = Number.NaN;
    const { compiled, reference } = both(() => eigenTop(a, 6, 2));
    expect(bits(compiled.values)).toEqual(bits(reference.values));
    expect(Number.isNaN(compiled.values[0])).toBe(true);
  });

  it.each([
    [2, 4, 11],
    [5, 25, 2801],
    [6, 6, 1000],
    [12, 9, 333],
  ])('tabulatePairs counts the same tables with K = %i, p = %i, n = %i (missing answers included)', (k, p, n) => {
    const rng = createRng(k * 1000 + p);
    const codes = new Uint8Array(n * p);
    for (let i = 0; i < codes.length; i++) codes[i] = rng.uniform() < 0.05 ? 255 : 2 + rng.int(k);
    const input = { codes, lowest: 2, n, p, categories: k, weights: null };
    const { compiled, reference } = both(() => tabulatePairs(input));
    expect(Array.from(compiled.tables)).toEqual(Array.from(reference.tables));
    expect(Array.from(compiled.counts)).toEqual(Array.from(reference.counts));
    expect(Array.from(compiled.margins)).toEqual(Array.from(reference.margins));
    expect(compiled.counts[0]).toBeGreaterThan(0);
  });

  it.each([
    ['survey codes with missing answers', false, false],
    ['codes, with fractional, negative, large, infinite and −0 answers', true, false],
    ['weighted (zero and NaN weights), odd answers', true, true],
  ])('the answer scan gives the same counts, extremes and bytes: %s', (_label, odd, weighted) => {
    const n = 3001;
    const p = 7;
    const rng = createRng(odd ? 5 : 6);
    const specials = [2.5, -3, 300, 255, Infinity, -Infinity, -0, 254];
    const columns = Array.from({ length: p }, (_, j) =>
      Float64Array.from({ length: n }, () => (rng.uniform() < 0.07 ? Number.NaN : odd && j > 2 && rng.uniform() < 0.01 ? specials[rng.int(specials.length)]! : 1 + rng.int(6))),
    );
    const weights = weighted ? Float64Array.from({ length: n }, (_, r) => (r % 97 === 0 ? 0 : r % 101 === 0 ? Number.NaN : 0.5 + rng.uniform())) : null;
    const { compiled, reference } = both(() => {
      const codes = weighted ? null : new Uint8Array(n * p);
      return { scan: scanColumns({ rows: n, columns }, weights, codes, !weighted), codes };
    });
    for (const key of ['answered', 'low', 'high'] as const) expect(bits(compiled.scan[key])).toEqual(bits(reference.scan[key]));
    expect(compiled.scan.fractional).toBe(reference.scan.fractional);
    expect(reference.scan.fractional).toBe(odd && !weighted);
    if (!weighted) expect(Array.from(compiled.codes!)).toEqual(Array.from(reference.codes!));
    // With the item moments of the scoring step, gathered from the same copies of the columns.
    expect(reference.scan.moments === null).toBe(weighted);
    if (!weighted) {
      for (const key of ['count', 'mean', 'ss'] as const) expect(bits(compiled.scan.moments![key])).toEqual(bits(reference.scan.moments![key]));
      expect(Array.from(compiled.scan.moments!.complete)).toEqual(Array.from(reference.scan.moments!.complete));
      expect(reference.scan.moments!.complete.includes(0)).toBe(true);
    }
  });

  it.each([
    ['unweighted, 10% missing', 0.1, false, 1001],
    ['weighted (zero and NaN weights included), 10% missing, several row blocks', 0.1, true, 5000],
    ['unweighted, complete', 0, false, 1001],
  ])('pearsonSums gives the same bits: %s', (_label, missingShare, weighted, n) => {
    const p = 9;
    const rng = createRng(77);
    const x = new Float64Array(n * p);
    for (let i = 0; i < x.length; i++) x[i] = rng.uniform() < missingShare ? Number.NaN : 1 + rng.int(7) + 0.1 * rng.normal();
    const weights = weighted ? Float64Array.from({ length: n }, (_, r) => (r % 97 === 0 ? 0 : r % 101 === 0 ? Number.NaN : 0.2 + rng.uniform())) : null;
    const { compiled, reference } = both(() => {
      pearsonSums(itemColumnsOf({ rows: n, cols: p, data: x.map((v) => v * 3) }), weights); // a call before leaves nothing behind
      return pearsonSums(itemColumnsOf({ rows: n, cols: p, data: x }), weights);
    });
    for (const key of Object.keys(reference) as (keyof typeof reference)[]) {
      const a = compiled[key];
      const b = reference[key];
      if (typeof a === 'number' || typeof b === 'number') expect(Object.is(a, b)).toBe(true);
      else expect(bits(a)).toEqual(bits(b));
    }
    expect(reference.completeN).toBeGreaterThan(0);
  });

  it.each([
    ['two-factor structure, m = 2', 2, 0.6, {}],
    ['two-factor structure, m = 1', 1, 0.6, {}],
    ['null correlations, m = 1, gradient 1e-6 (parallel analysis)', 1, 0, { gradientTolerance: 1e-6 }],
    ['near-Heywood (loadings 0.99), m = 2', 2, 0.99, {}],
    ['stopped after 3 iterations', 3, 0.6, { maxIterations: 3 }],
    ['m = 1, line searches ended at steps below 1e-10 (parallel analysis)', 1, 0.6, { stepTolerance: 1e-10 }],
  ] as const)('the minres fit takes the same iterates: %s', (_label, m, loading, options) => {
    const p = 12;
    const r = loading === 0 ? simulateNullCorrelation(500, p, createRng(4)).data : new Float64Array(p * p);
    if (loading > 0) {
      const rng = createRng(8);
      const lambda = Array.from({ length: p }, (_, i) => loading * (0.8 + 0.2 * rng.uniform()) * (i % 2 === 0 ? 1 : -1));
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) r[i * p + j] = i === j ? 1 : (Math.floor(i / 6) === Math.floor(j / 6) ? lambda[i]! * lambda[j]! : 0.1 * lambda[i]! * lambda[j]!);
    }
    const R = { rows: p, cols: p, data: r };
    const { compiled, reference } = both(() => extractFactors(R, m, 'minres', options));
    expect(bits(compiled.uniquenesses)).toEqual(bits(reference.uniquenesses));
    expect(bits(compiled.loadings.data)).toEqual(bits(reference.loadings.data));
    expect(compiled.iterations).toBe(reference.iterations);
    expect(compiled.converged).toBe(reference.converged);
    expect(reference.iterations).toBeGreaterThan(1);
  });

  it.each([
    ['K = 5, moderate correlations', 5, 0.6, false],
    ['K = 7, strong correlations (some fits reach |ρ| ≥ 0.925: the reference takes them)', 7, 0.97, false],
    ['K = 4 with an unused top category (infinite thresholds)', 4, 0.5, true],
    ['K = 2 (tetrachoric)', 2, 0.7, false],
  ] as const)('the polychoric matrix is the same, pair fits and all: %s', (_label, k, loading, unusedTop) => {
    const n = 700;
    const p = 7;
    const rng = createRng(k * 31);
    const codes = new Uint8Array(n * p);
    for (let r = 0; r < n; r++) {
      const f = rng.normal();
      for (let j = 0; j < p; j++) {
        const z = loading * f + Math.sqrt(1 - loading * loading) * rng.normal();
        const top = unusedTop ? k - 1 : k;
        codes[j * n + r] = rng.uniform() < 0.03 ? 255 : Math.min(top - 1, Math.max(0, Math.floor((z + 2) * (top / 4))));
      }
    }
    const input = { codes, lowest: 0, n, p, categories: k, weights: null };
    const { compiled, reference } = both(() => drainSteps(polychoricSteps(input)));
    expect(bits(compiled.matrix)).toEqual(bits(reference.matrix));
    expect(compiled.evaluations).toBe(reference.evaluations);
    expect(compiled.pairsWithEmptyCells).toBe(reference.pairsWithEmptyCells);
    expect(reference.evaluations).toBeGreaterThan(p * (p - 1));
  });

  it.each([
    [25, 5, 1e-5, 1000],
    [12, 3, 1e-5, 1000],
    [9, 2, 1e-5, 1000],
    [25, 5, 1e-5, 4], // stopped before convergence
  ])('oblique quartimin rotation takes the same steps: p = %i, m = %i, eps = %d, maxit = %i', (p, m, epsilon, maxIterations) => {
    const rng = createRng(p * 100 + m);
    const A = new Float64Array(p * m);
    for (let i = 0; i < p; i++) for (let k = 0; k < m; k++) A[i * m + k] = (i % m === k ? 0.6 : 0.15) + 0.2 * rng.normal();
    const { compiled, reference } = both(() => gpaOblique({ rows: p, cols: m, data: A }, quartiminCriterion, { maxIterations, epsilon }));
    expect(bits(compiled.loadings.data)).toEqual(bits(reference.loadings.data));
    expect(bits(compiled.T.data)).toEqual(bits(reference.T.data));
    expect([compiled.iterations, compiled.converged, compiled.criterion]).toEqual([reference.iterations, reference.converged, reference.criterion]);
    expect(reference.iterations).toBeGreaterThan(2);
  });

  it.each([
    ['a correlation matrix, p = 25', simulateNullCorrelation(400, 25, createRng(3)).data, 25],
    ['a 3×3 matrix', Float64Array.of(4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2), 3],
    ['an indefinite matrix (null)', Float64Array.of(1, 2, 2, 1), 2],
  ] as const)('choleskyInverse is bit-identical: %s', (_label, a, n) => {
    const { compiled, reference } = both(() => choleskyInverse(a, n));
    if (reference === null) expect(compiled).toBeNull();
    else expect(bits(compiled!)).toEqual(bits(reference));
  });

  it.each([
    ['a correlation matrix, p = 25', simulateNullCorrelation(400, 25, createRng(7)).data, 25],
    ['a non-symmetric 5×5 matrix that needs row swaps', Float64Array.from({ length: 25 }, (_, c) => ((c * 7919) % 13) - 6 + (c % 6 === 0 ? 0 : 0.5)), 5],
    ['a 1×1 matrix', Float64Array.of(-3), 1],
    ['a singular matrix (null)', Float64Array.of(1, 2, 2, 4), 2],
    ['the zero matrix (null)', new Float64Array(9), 3],
    ['a matrix with a NaN (the reference decides)', Float64Array.of(1, Number.NaN, 0, 1), 2],
  ] as const)('invertMatrix (Gauss–Jordan) is bit-identical: %s', (_label, a, n) => {
    const { compiled, reference } = both(() => invertMatrix({ rows: n, cols: n, data: Float64Array.from(a) }));
    if (reference === null) expect(compiled).toBeNull();
    else expect(bits(compiled!.data)).toEqual(bits(reference.data));
  });

  it.each([
    ['a correlation matrix (Cholesky path)', simulateNullCorrelation(400, 25, createRng(5)).data, 25],
    ['a singular matrix (eigen path)', Float64Array.of(1, 1, 0, 1, 1, 0, 0, 0, 1), 3],
    ['a nearly singular matrix (rejected by the check)', Float64Array.of(1, 1 - 1e-12, 1 - 1e-12, 1), 2],
  ] as const)('pseudoInverseSymmetric is bit-identical: %s', (_label, a, n) => {
    const { compiled, reference } = both(() => pseudoInverseSymmetric({ rows: n, cols: n, data: Float64Array.from(a) }));
    expect(bits(compiled.inverse.data)).toEqual(bits(reference.inverse.data));
    expect(compiled.rank).toBe(reference.rank);
  });

  it.each([
    [1, 'all'],
    [5, 'complete'],
    [6, 'all'],
    [3, 'complete'],
  ] as const)('factor scores are bit-identical: m = %i, scaling over %s rows', (m, scaling) => {
    const n = 5000;
    const p = 9;
    const rng = createRng(m * 10 + p);
    const x = Float64Array.from({ length: n * p }, () => (rng.uniform() < 0.02 ? Number.NaN : 1 + rng.int(5)));
    const weights = { rows: p, cols: m, data: Float64Array.from({ length: p * m }, () => rng.normal() * 0.3) };
    const { compiled, reference } = both(() => scoreRespondents(itemColumnsOf({ rows: n, cols: p, data: x }), weights, scaling));
    expect(bits(compiled.scores.data)).toEqual(bits(reference.scores.data));
    expect(compiled.unscored).toBe(reference.unscored);
    expect(reference.unscored).toBeGreaterThan(0);
  });

  it('the non-central chi-square CDF is bit-identical (small to huge non-centrality)', () => {
    const cases = [[12.5, 10, 3.2], [1808.94, 185, 1500], [104286.26, 185, 105166.85], [50, 4, 0.7], [3, 20, 60]] as const;
    const { compiled, reference } = both(() => Float64Array.from(cases, ([x, df, ncp]) => noncentralChiSquareCdf(x, df, ncp)));
    expect(bits(compiled)).toEqual(bits(reference));
    expect(reference[1]).toBeCloseTo(0.937781098697408, 12); // R: pchisq(1808.94, 185, 1500)
  });

  it.each([
    [2800, 25, 1],
    [112000, 25, 123456789],
    [30, 12, 4294967295],
    [3, 4, 7], // shapes below 1: the Gamma(shape + 1)·U^{1/shape} branch
  ])('parallel analysis draws the same null correlation matrix: n = %i, p = %i, seed %i', (n, p, seed) => {
    const { compiled, reference } = both(() => simulateNullCorrelationSeeded(n, p, seed).data);
    expect(bits(compiled)).toEqual(bits(reference));
    expect(bits(reference)).toEqual(bits(simulateNullCorrelation(n, p, createRng(seed)).data));
  });

  it('the committed module is what the AssemblyScript source compiles to (npm run build:kernels)', () => {
    const check = spawnSync(process.execPath, ['scripts/build-kernels.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);
});
