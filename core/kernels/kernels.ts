/**
 * WebAssembly builds of the numeric inner loops, loaded once and synchronously on first use.
 *
 * Why: a `segstudio factor` run lives a few tenths of a second, and most of its JavaScript runs
 * in V8's interpreter before the optimiser has caught up (the same job is three times faster in a
 * warm process), boxing every intermediate double. The same loops compiled ahead of time to
 * WebAssembly run at close to optimised speed from the first call and allocate nothing.
 *
 * Each kernel is an operation-for-operation port of a TypeScript reference (the sources in
 * core/kernels/assembly/ name theirs), and its results are bit-identical to it
 * (tests/kernels/kernels.test.ts). The reference stays the path wherever WebAssembly cannot be
 * compiled synchronously (a browser's main thread refuses modules over 4 KB; a Content Security
 * Policy without 'wasm-unsafe-eval' refuses all), for non-finite input (whose NaN ordering the
 * reference defines), and when setWasmKernels(false) turns the kernels off (tests, benchmarks).
 *
 * Memory: one linear memory, used from heapBase() up as scratch for the current call only
 * (core/ is single-threaded per worker; nothing here is re-entrant), grown when a call needs more;
 * an instance whose memory a large job grew past 32 MB is dropped after that call.
 */
import type { PearsonSums } from '../factor/correlation-pearson';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated';

/** Hypotenuse used by the QL rotations: ml-matrix's overflow-safe one, or plain √(a² + b²). */
export type HypotMode = 'overflow-safe' | 'plain';

type KernelExports = {
  memory: WebAssembly.Memory;
  heapBase(): number;
  eigenvalues(n: number, a: number, values: number, mode: number, work: number): void;
  eigenvaluesScratchBytes(n: number): number;
  eigenSymmetric(n: number, a: number, values: number, vectors: number, mode: number, work: number): void;
  eigenSymmetricScratchBytes(n: number): number;
  simulateNullCorrelation(n: number, p: number, seed: number, out: number, work: number): void;
  nullCorrelationScratchBytes(p: number): number;
  scoreMomentsRows(r0: number, r1: number, p: number, x: number, onlyComplete: number, complete: number, count: number, mean: number): void;
  scoreSquaresRows(r0: number, r1: number, p: number, x: number, mean: number, onlyComplete: number, complete: number, ss: number): void;
  scoreRows(r0: number, r1: number, p: number, m: number, x: number, complete: number, w: number, offset: number, out: number): number;
  eigenTop(n: number, m: number, a: number, values: number, vectors: number, start: number, work: number): void;
  eigenTopScratchBytes(n: number, m: number): number;
  tabulatePairsOf(i: number, n: number, p: number, k: number, columns: number, tables: number, counts: number, lanes: number): void;
  tabulatePairsScratchBytes(k: number): number;
  fillColumnsRows(r0: number, r1: number, n: number, p: number, k: number, codes: number, columns: number, margins: number): void;
  allFinite(values: number, count: number): number;
  pearsonSumsBegin(p: number, out: number): void;
  pearsonShiftRows(r0: number, r1: number, p: number, x: number, out: number): void;
  pearsonShiftEnd(p: number, out: number): void;
  pearsonSumsRows(r0: number, r1: number, p: number, x: number, weights: number, out: number): void;
  pearsonSumsBytes(p: number): number;
  minresFit(p: number, m: number, r: number, x: number, starts: number, lower: number, upper: number, maxIterations: number, tol: number, memorySize: number, result: number, work: number): void;
  minresFitScratchBytes(p: number, m: number, memorySize: number): number;
  polychoricPairFit(kr: number, kc: number, h: number, kt: number, ph: number, pk: number, proportions: number, tol: number, gl: number, result: number, work: number): void;
  polychoricPairScratchBytes(kr: number, kc: number): number;
  gpaObliqueQuartimin(p: number, m: number, A: number, maxIterations: number, epsilon: number, L: number, T: number, result: number, work: number): void;
  gpaObliqueScratchBytes(p: number, m: number): number;
  choleskyInverse(n: number, a: number, out: number, work: number): number;
  choleskyInverseScratchBytes(n: number): number;
  wellConditionedInverse(n: number, a: number, out: number, tol: number, work: number): number;
  scoreRowBytes(m: number): number;
  writeScoreRows(values: number, rowStart: number, rowEnd: number, m: number, out: number): number;
  noncentralChiSquareSeries(mode: number, mu: number, y: number, df: number, p0: number, w0: number, d0: number): number;
};

type Kernels = { exports: KernelExports; heap: Float64Array };

let enabled = true;
let loaded: Kernels | null | undefined;

/** Turns the WebAssembly kernels on or off (off: every caller takes its TypeScript reference). */
export function setWasmKernels(on: boolean): void {
  enabled = on;
}

/** Whether the kernels are in use: enabled, and WebAssembly compiled here. */
export function wasmKernelsActive(): boolean {
  return kernels() !== null;
}

function kernels(): Kernels | null {
  if (!enabled) return null;
  if (loaded === undefined) loaded = instantiate();
  return loaded;
}

function instantiate(): Kernels | null {
  try {
    const binary = atob(KERNELS_WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    // The transcendental functions are JavaScript's own, so the kernels compute what the references do.
    const imports = { env: { exp: Math.exp, log: Math.log, sin: Math.sin, asin: Math.asin, cos: Math.cos, pow: Math.pow } };
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
    const exports = instance.exports as unknown as KernelExports;
    return { exports, heap: new Float64Array(exports.memory.buffer) };
  } catch {
    return null; // no (synchronous) WebAssembly here: the references serve
  }
}

const PAGE_BYTES = 65536;
/**
 * Rows per call of the kernels that pass over the respondents. V8 swaps a WebAssembly function for
 * its optimised build only between calls, so a pass made of many calls runs mostly optimised; one
 * call over 10⁵ rows would run in the baseline build (measured: twice as slow).
 */
const ROWS_PER_CALL = 2048;
/** A memory grown past this by a large job is dropped with its instance afterwards (WebAssembly memory never shrinks). */
const RETAINED_BYTES = 32 * 1024 * 1024;

function releaseIfLarge(k: Kernels): void {
  if (k.exports.memory.buffer.byteLength > RETAINED_BYTES && loaded === k) loaded = undefined;
}

/** The heap as f64s with at least `bytes` bytes usable from heapBase(); views are renewed after growth. */
function reserve(k: Kernels, bytes: number): Float64Array {
  const needed = k.exports.heapBase() + bytes;
  const have = k.exports.memory.buffer.byteLength;
  if (needed > have) k.exports.memory.grow(Math.ceil((needed - have) / PAGE_BYTES));
  if (k.heap.buffer !== k.exports.memory.buffer) k.heap = new Float64Array(k.exports.memory.buffer);
  return k.heap;
}


/**
 * Eigenvalues (descending) of the symmetric row-major p×p `matrix`, as eigenvaluesSymmetric in
 * core/math/eigen-symmetric.ts computes them; null when the kernels are not in use or the matrix
 * has a non-finite entry.
 */
export function wasmEigenvalues(matrix: ArrayLike<number>, p: number, hypot: HypotMode): Float64Array | null {
  const k = kernels();
  if (k === null) return null;
  const base = k.exports.heapBase();
  const a = base;
  const values = a + 8 * p * p;
  const work = values + 8 * p;
  const heap = reserve(k, work - base + k.exports.eigenvaluesScratchBytes(p));
  heap.set(matrix, a / 8);
  if (k.exports.allFinite(a, p * p) === 0) return null;
  k.exports.eigenvalues(p, a, values, hypot === 'plain' ? 1 : 0, work);
  return heap.slice(values / 8, values / 8 + p);
}

/** The three passes of scoreRespondents over the answers, on one copy of them in the kernels' memory. */
export type ScoringPasses = {
  /** completeRowsAndMeans of core/factor/factor-scores.ts (the means divided as it divides them). */
  moments(onlyComplete: boolean): { complete: Uint8Array; count: Float64Array; mean: Float64Array };
  /** sumsOfSquares about `mean`, over the complete rows when onlyComplete (flags of the moments pass). */
  squares(mean: Float64Array, onlyComplete: boolean): Float64Array;
  /** scoreCompleteRows into `out` (n×m) with weights w (m×p) and offsets; returns the incomplete rows. */
  scores(w: Float64Array, offset: Float64Array, out: Float64Array): number;
};

/**
 * The score passes of core/factor/factor-scores.ts over x (row-major n×p, NaN = missing) for m
 * factors: the same sums in the same order, so the same bits. Null when the kernels are not in use.
 */
export function wasmScoringPasses(x: Float64Array, n: number, p: number, m: number): ScoringPasses | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const base = e.heapBase();
  const xAt = base;
  const count = xAt + 8 * n * p;
  const mean = count + 8 * p;
  const ss = mean + 8 * p;
  const offset = ss + 8 * p;
  const w = offset + 8 * m;
  const out = w + 8 * m * p;
  const complete = out + 8 * n * m;
  reserve(kern, complete + n - base);
  kern.heap.set(x.subarray(0, n * p), xAt / 8);
  const blocks = (pass: (r0: number, r1: number) => void): void => {
    for (let r = 0; r < n; r += ROWS_PER_CALL) pass(r, Math.min(n, r + ROWS_PER_CALL));
  };
  return {
    moments(onlyComplete) {
      kern.heap.fill(0, count / 8, ss / 8);
      blocks((r0, r1) => e.scoreMomentsRows(r0, r1, p, xAt, onlyComplete ? 1 : 0, complete, count, mean));
      const counts = kern.heap.slice(count / 8, count / 8 + p);
      const means = kern.heap.slice(mean / 8, mean / 8 + p);
      for (let j = 0; j < p; j++) means[j]! /= counts[j]!;
      return { complete: new Uint8Array(e.memory.buffer, complete, n).slice(), count: counts, mean: means };
    },
    squares(means, onlyComplete) {
      kern.heap.set(means, mean / 8);
      kern.heap.fill(0, ss / 8, ss / 8 + p);
      blocks((r0, r1) => e.scoreSquaresRows(r0, r1, p, xAt, mean, onlyComplete ? 1 : 0, complete, ss));
      return kern.heap.slice(ss / 8, ss / 8 + p);
    },
    scores(weights, offsets, into) {
      kern.heap.set(weights, w / 8);
      kern.heap.set(offsets, offset / 8);
      let incomplete = 0;
      blocks((r0, r1) => (incomplete += e.scoreRows(r0, r1, p, m, xAt, complete, w, offset, out)));
      into.set(kern.heap.subarray(out / 8, out / 8 + n * m));
      releaseIfLarge(kern);
      return incomplete;
    },
  };
}

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

/**
 * The full decomposition of eigenSymmetric in core/math/eigen-symmetric.ts: values descending,
 * vectors as columns (row-major p×p), signed as the reference signs them; the same bits. Null when
 * the kernels are not in use or the matrix has a non-finite entry.
 */
export function wasmEigenSymmetric(matrix: ArrayLike<number>, p: number, hypot: HypotMode): { values: Float64Array; vectors: Float64Array } | null {
  const k = kernels();
  if (k === null) return null;
  const base = k.exports.heapBase();
  const a = base;
  const values = a + 8 * p * p;
  const vectors = values + 8 * p;
  const work = vectors + 8 * p * p;
  const heap = reserve(k, work - base + k.exports.eigenSymmetricScratchBytes(p));
  heap.set(matrix, a / 8);
  if (k.exports.allFinite(a, p * p) === 0) return null;
  k.exports.eigenSymmetric(p, a, values, vectors, hypot === 'plain' ? 1 : 0, work);
  return { values: heap.slice(values / 8, values / 8 + p), vectors: heap.slice(vectors / 8, vectors / 8 + p * p) };
}

/**
 * All eigenvalues (descending) and the m leading eigenvectors (row-major p×m) of the symmetric
 * p×p `matrix`, as eigenTop in core/factor/extract-eigen-solver.ts computes them from the same
 * inverse-iteration start vectors (`start`: vector k at k·p); requires 3 ≤ p and m < p. Null when
 * the kernels are not in use or the matrix has a non-finite entry.
 */
export function wasmEigenTop(matrix: ArrayLike<number>, p: number, m: number, start: Float64Array): { values: Float64Array; vectors: Float64Array } | null {
  const k = kernels();
  if (k === null) return null;
  const base = k.exports.heapBase();
  const a = base;
  const values = a + 8 * p * p;
  const vectors = values + 8 * p;
  const starts = vectors + 8 * p * m;
  const work = starts + 8 * p * m;
  const heap = reserve(k, work - base + k.exports.eigenTopScratchBytes(p, m));
  heap.set(matrix, a / 8);
  if (k.exports.allFinite(a, p * p) === 0) return null;
  heap.set(start, starts / 8);
  k.exports.eigenTop(p, m, a, values, vectors, starts, work);
  return { values: heap.slice(values / 8, values / 8 + p), vectors: heap.slice(vectors / 8, vectors / 8 + p * m) };
}

/**
 * Every item pair's K×K cross-table of n rows of codes (row-major n×p, 0..K−1, 255 = missing), as
 * the unweighted branch of tabulatePairs in core/factor/correlation-polychoric-tables.ts:
 * tables[pair·K² + a·K + b] over pairs i < j, counts[pair] the rows answering both, margins[j·K + a]
 * each item's answers per code. Null when the kernels are not in use.
 */
export function wasmTabulatePairs(codes: Uint8Array, n: number, p: number, k: number): { tables: Float64Array; counts: Float64Array; margins: Float64Array } | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const pairs = (p * (p - 1)) / 2;
  const base = e.heapBase();
  const margins = base;
  const tables = margins + 8 * p * k;
  const counts = tables + 8 * pairs * k * k;
  const lanes = counts + 8 * pairs;
  const codesAt = lanes + 8 * Math.ceil(e.tabulatePairsScratchBytes(k) / 8);
  const columns = codesAt + n * p;
  reserve(kern, columns + n * p - base);
  new Uint8Array(e.memory.buffer, codesAt, n * p).set(codes.subarray(0, n * p));
  kern.heap.fill(0, margins / 8, margins / 8 + p * k);
  for (let r = 0; r < n; r += ROWS_PER_CALL) e.fillColumnsRows(r, Math.min(n, r + ROWS_PER_CALL), n, p, k, codesAt, columns, margins);
  for (let i = 0; i + 1 < p; i++) e.tabulatePairsOf(i, n, p, k, columns, tables, counts, lanes);
  const heap = kern.heap;
  const result = {
    tables: heap.slice(tables / 8, tables / 8 + pairs * k * k),
    counts: heap.slice(counts / 8, counts / 8 + pairs),
    margins: heap.slice(margins / 8, margins / 8 + p * k),
  };
  releaseIfLarge(kern);
  return result;
}

/**
 * The sums of pearsonSums in core/factor/correlation-pearson.ts (x row-major n×p, NaN = missing;
 * weights or null), the same bits. Null when the kernels are not in use.
 */
export function wasmPearsonSums(x: Float64Array, n: number, p: number, weights: Float64Array | null): PearsonSums | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const xAt = base;
  const weightsAt = xAt + 8 * n * p;
  const out = weightsAt + (weights === null ? 0 : 8 * n);
  const heap = reserve(kern, out - base + kern.exports.pearsonSumsBytes(p));
  heap.set(x, xAt / 8);
  if (weights !== null) heap.set(weights, weightsAt / 8);
  const e = kern.exports;
  e.pearsonSumsBegin(p, out);
  for (let r = 0; r < n; r += ROWS_PER_CALL) e.pearsonShiftRows(r, Math.min(n, r + ROWS_PER_CALL), p, xAt, out);
  e.pearsonShiftEnd(p, out);
  for (let r = 0; r < n; r += ROWS_PER_CALL) e.pearsonSumsRows(r, Math.min(n, r + ROWS_PER_CALL), p, xAt, weights === null ? 0 : weightsAt, out);
  let at = out / 8;
  const take = (count: number): Float64Array => heap.slice(at, (at += count));
  const shift = take(p);
  const counts = take(p);
  const completeS = take(p);
  const itemS = take(p);
  const itemSS = take(p);
  const scalars = take(2);
  const pp = p * p;
  const result: PearsonSums = {
    shift, counts, completeW: scalars[0]!, completeN: scalars[1]!, completeS, completeSS: take(pp), pairN: take(pp), pairW: take(pp),
    pairSx: take(pp), pairSy: take(pp), pairSxx: take(pp), pairSyy: take(pp), pairSxy: take(pp), itemS, itemSS,
  };
  releaseIfLarge(kern);
  return result;
}

export type WasmBoxMinimum = { x: Float64Array; value: number; iterations: number; converged: boolean };

/**
 * The minres fit of extractMinres (core/factor/extract-minres.ts): its objective minimised by
 * minimizeBox (core/factor/extract-optimizer.ts) with the given bounds, iteration limit, gradient
 * tolerance and memory, from `start`; `starts` are eigenTop's inverse-iteration start vectors for
 * (p, m). The same iterates and result, bit for bit. Requires 3 ≤ p and m < p. Null when the
 * kernels are not in use or R or the start has a non-finite entry.
 */
export function wasmMinresFit(
  R: Float64Array,
  p: number,
  m: number,
  start: Float64Array,
  starts: Float64Array,
  options: { lower: number; upper: number; maxIterations: number; gradientTolerance: number; memory: number },
): WasmBoxMinimum | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const r = base;
  const x = r + 8 * p * p;
  const startsAt = x + 8 * p;
  const result = startsAt + 8 * p * m;
  const work = result + 8 * 3;
  const heap = reserve(kern, work - base + kern.exports.minresFitScratchBytes(p, m, options.memory));
  heap.set(R, r / 8);
  heap.set(start, x / 8);
  if (kern.exports.allFinite(r, p * p + p) === 0) return null;
  heap.set(starts, startsAt / 8);
  const { lower, upper, maxIterations, gradientTolerance, memory } = options;
  kern.exports.minresFit(p, m, r, x, startsAt, lower, upper, maxIterations, gradientTolerance, memory, result, work);
  return { x: heap.slice(x / 8, x / 8 + p), value: heap[result / 8]!, iterations: heap[result / 8 + 1]!, converged: heap[result / 8 + 2] === 1 };
}

/**
 * fitPair of core/factor/correlation-polychoric.ts for one kr × kc table of proportions: R's
 * optimize() of the pair's likelihood, the same trial points and result. `gaussLegendre` packs the
 * 6-, 12- and 20-point half-rules of bvndNodes as [nodes, weights] each. Null when the kernels are
 * not in use or the search reached |ρ| ≥ 0.925 (whose Φ2 branch only the reference has).
 */
export function wasmPolychoricPair(
  h: Float64Array,
  kt: Float64Array,
  ph: Float64Array,
  pk: Float64Array,
  proportions: Float64Array,
  kr: number,
  kc: number,
  tol: number,
  gaussLegendre: Float64Array,
): { minimum: number; objective: number; evaluations: number; emptyCells: boolean } | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const hAt = base;
  const ktAt = hAt + 8 * h.length;
  const phAt = ktAt + 8 * kt.length;
  const pkAt = phAt + 8 * ph.length;
  const proportionsAt = pkAt + 8 * pk.length;
  const glAt = proportionsAt + 8 * kr * kc;
  const result = glAt + 8 * gaussLegendre.length;
  const work = result + 8 * 5;
  const heap = reserve(kern, work - base + kern.exports.polychoricPairScratchBytes(kr, kc));
  heap.set(h, hAt / 8);
  heap.set(kt, ktAt / 8);
  heap.set(ph, phAt / 8);
  heap.set(pk, pkAt / 8);
  heap.set(proportions.subarray(0, kr * kc), proportionsAt / 8);
  heap.set(gaussLegendre, glAt / 8);
  kern.exports.polychoricPairFit(kr, kc, hAt, ktAt, phAt, pkAt, proportionsAt, tol, glAt, result, work);
  const at = result / 8;
  if (heap[at + 4] === 1) return null;
  return { minimum: heap[at]!, objective: heap[at + 1]!, evaluations: heap[at + 2]!, emptyCells: heap[at + 3] === 1 };
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
  heap.set(A, a / 8);
  if (kern.exports.allFinite(a, p * m) === 0) return null;
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
 * The fast path of pseudoInverseSymmetric (core/math/pseudo-inverse.ts) for the symmetric n×n `a`:
 * its Cholesky inverse when that exists and proves every eigenvalue above the tolerance
 * (1/tr(A⁻¹) > tol·‖A‖∞), else 'use-eigen'; the same bits and decision. Null when the kernels are
 * not in use or `a` has a non-finite entry.
 */
export function wasmWellConditionedInverse(a: ArrayLike<number>, n: number, tol: number): Float64Array | 'use-eigen' | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const at = base;
  const out = at + 8 * n * n;
  const work = out + 8 * n * n;
  const heap = reserve(kern, work - base + kern.exports.choleskyInverseScratchBytes(n));
  heap.set(a, at / 8);
  if (kern.exports.allFinite(at, n * n) === 0) return null;
  if (kern.exports.wellConditionedInverse(n, at, out, tol, work) === 0) return 'use-eigen';
  return heap.slice(out / 8, out / 8 + n * n);
}

/**
 * choleskyInverse of core/math/cholesky.ts for the symmetric n×n `a`: the inverse, bit for bit,
 * or 'not-positive-definite'. Null when the kernels are not in use or `a` has a non-finite entry.
 */
export function wasmCholeskyInverse(a: ArrayLike<number>, n: number): Float64Array | 'not-positive-definite' | null {
  const kern = kernels();
  if (kern === null) return null;
  const base = kern.exports.heapBase();
  const at = base;
  const out = at + 8 * n * n;
  const work = out + 8 * n * n;
  const heap = reserve(kern, work - base + kern.exports.choleskyInverseScratchBytes(n));
  heap.set(a, at / 8);
  if (kern.exports.allFinite(at, n * n) === 0) return null;
  if (kern.exports.choleskyInverse(n, at, out, work) === 0) return 'not-positive-definite';
  return heap.slice(out / 8, out / 8 + n * n);
}

/**
 * The series of noncentralChiSquareCdf (core/factor/fit-indices-chi-square.ts) by the ratio
 * recurrences from its terms at the Poisson mode, the same bits. Null when the kernels are not in use.
 */
export function wasmNoncentralChiSquareSeries(mode: number, mu: number, y: number, df: number, p0: number, w0: number, d0: number): number | null {
  const kern = kernels();
  return kern === null ? null : kern.exports.noncentralChiSquareSeries(mode, mu, y, df, p0, w0, d0);
}

/**
 * Score rows start..stop − 1 of the row-major n×m `data` as UTF-8 JSON text, byte for byte what
 * scorePiece in core/node/cli/commands/factor.ts writes (numbers as String(v), ECMAScript's
 * shortest round-trip form; see core/kernels/assembly/format-number.ts): each row
 * "    [v0,v1,…]" preceded by ",\n" unless it is row 0, "    null" when its first value is NaN,
 * a non-finite value as null. Returns a view of the kernels' memory, valid only until the next
 * kernel call (copy or write it out before then); null when the kernels are not in use.
 */
export function wasmScoreRowsText(data: Float64Array, m: number, start: number, stop: number): Uint8Array | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const rows = Math.max(0, stop - start);
  const base = e.heapBase();
  const values = base;
  const out = values + 8 * rows * m;
  const heap = reserve(kern, out - base + rows * e.scoreRowBytes(m));
  heap.set(data.subarray(start * m, start * m + rows * m), values / 8);
  const length = e.writeScoreRows(values, start, start + rows, m, out);
  return new Uint8Array(e.memory.buffer, out, length);
}
