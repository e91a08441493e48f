/**
 * WebAssembly entry points of the factor model: the minres fit, oblique quartimin rotation, the
 * non-central chi-square series of RMSEA's bounds and parallel analysis's null correlation draws.
 * Each null when the kernels are not in use (instance.ts).
 */
import { kernels, placeFinite, reserve } from './instance';

/**
 * simulateNullCorrelation(n, p, createRng(seed)) of core/factor/parallel-analysis.ts (seed an
 * unsigned 32-bit integer): the same draws, the same p×p matrix to the bit. Null when the kernels
 * are not in use.
 */
export function wasmNullCorrelation(n: number, p: number, seed: number): Float64Array | null {
  const k = kernels();
  if (k === null) return null;
  const base = k.exports.heapBase();
  const out = base;
  const work = out + 8 * p * p;
  const heap = reserve(k, work - base + k.exports.nullCorrelationScratchBytes(p));
  k.exports.simulateNullCorrelation(n, p, seed, out, work);
  return heap.slice(out / 8, out / 8 + p * p);
}

/** The fit, with eigenTop's values and leading vectors (p×m, row-major) of R − diag(x). */
export type WasmBoxMinimum = { x: Float64Array; value: number; iterations: number; converged: boolean; top: { values: Float64Array; vectors: Float64Array } };

/**
 * The minres fit of extractMinres (core/factor/extract-minres.ts): its objective minimised by
 * minimizeBox (core/factor/extract-optimizer.ts) with the given bounds, iteration limit, gradient
 * and step tolerances and memory, from `start`; `starts` are eigenTop's inverse-iteration start
 * vectors for (p, m). The same iterates and result, bit for bit, and eigenTop(R − diag(x), p, m)
 * as the fit last computed it (what extractMinres's loadings need, without decomposing again).
 * Requires 3 ≤ p and m < p. Null when the kernels are not in use or R or the start has a
 * non-finite entry.
 */
export function wasmMinresFit(
  R: Float64Array,
  p: number,
  m: number,
  start: Float64Array,
  starts: Float64Array,
  options: { lower: number; upper: number; maxIterations: number; gradientTolerance: number; memory: number; stepTolerance: number },
): WasmBoxMinimum | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const r = base;
  const x = r + 8 * p * p;
  const startsAt = x + 8 * p;
  const result = startsAt + 8 * p * m;
  const top = result + 8 * 3;
  const work = top + 8 * (p + p * m);
  const heap = reserve(kern, work - base + kern.exports.minresFitScratchBytes(p, m, options.memory));
  if (!placeFinite(kern, R, r, p * p)) return null;
  if (!placeFinite(kern, start, x, p)) return null;
  heap.set(starts, startsAt / 8);
  const { lower, upper, maxIterations, gradientTolerance, memory, stepTolerance } = options;
  kern.exports.minresFit(p, m, r, x, startsAt, lower, upper, maxIterations, gradientTolerance, memory, stepTolerance, result, top, work);
  const values = heap.slice(top / 8, top / 8 + p);
  const vectors = heap.slice(top / 8 + p, top / 8 + p + p * m);
  return { x: heap.slice(x / 8, x / 8 + p), value: heap[result / 8]!, iterations: heap[result / 8 + 1]!, converged: heap[result / 8 + 2] === 1, top: { values, vectors } };
}

/**
 * gpaOblique of core/factor/rotate-gpa.ts with quartiminCriterion for the p×m loadings A
 * (row-major): the rotated loadings, T, convergence, iterations and criterion, bit for bit. Null
 * when the kernels are not in use, A has a non-finite entry, or a trial transformation was
 * singular (the reference raises that).
 */
export function wasmGpaObliqueQuartimin(
  A: Float64Array,
  p: number,
  m: number,
  maxIterations: number,
  epsilon: number,
): { loadings: Float64Array; T: Float64Array; converged: boolean; iterations: number; criterion: number } | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const a = base;
  const L = a + 8 * p * m;
  const T = L + 8 * p * m;
  const result = T + 8 * m * m;
  const work = result + 8 * 4;
  const heap = reserve(kern, work - base + kern.exports.gpaObliqueScratchBytes(p, m));
  if (!placeFinite(kern, A, a, p * m)) return null;
  kern.exports.gpaObliqueQuartimin(p, m, a, maxIterations, epsilon, L, T, result, work);
  const at = result / 8;
  if (heap[at + 3] === 1) return null;
  return {
    loadings: heap.slice(L / 8, L / 8 + p * m),
    T: heap.slice(T / 8, T / 8 + m * m),
    converged: heap[at] === 1,
    iterations: heap[at + 1]!,
    criterion: heap[at + 2]!,
  };
}

/**
 * The series of noncentralChiSquareCdf (core/factor/fit-indices-chi-square.ts) by the ratio
 * recurrences from its terms at the Poisson mode, the same bits. Null when the kernels are not in use.
 */
export function wasmNoncentralChiSquareSeries(mode: number, mu: number, y: number, df: number, p0: number, w0: number, d0: number): number | null {
  const kern = kernels();
  return kern === null ? null : kern.exports.noncentralChiSquareSeries(mode, mu, y, df, p0, w0, d0);
}
