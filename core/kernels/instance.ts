/**
 * WebAssembly builds of the numeric inner loops, loaded once and synchronously on first use; this
 * file holds the instance and its memory, the sibling files the typed entry points by domain
 * (linear-algebra, correlation, model, scores).
 *
 * Why: a `segstudio factor` run lives a few tenths of a second, and most of its JavaScript runs
 * in V8's interpreter before the optimiser has caught up (the same job is three times faster in a
 * warm process), boxing every intermediate double. The same loops compiled ahead of time to
 * WebAssembly run at close to optimised speed from the first call and allocate nothing.
 *
 * Each kernel is an operation-for-operation port of a TypeScript reference (the sources in
 * core/kernels/assembly/ name theirs), and its results are bit-identical to it
 * (tests/kernels/kernels.test.ts); transcendental functions are JavaScript's own Math functions,
 * imported. The reference stays the path wherever WebAssembly cannot be compiled synchronously (a
 * browser's main thread refuses modules over 4 KB; a Content Security Policy without
 * 'wasm-unsafe-eval' refuses all), for non-finite input (whose NaN ordering the reference
 * defines), and when setWasmKernels(false) turns the kernels off (tests, benchmarks).
 *
 * Memory: one linear memory, used from heapBase() up as scratch for the current call only
 * (core/ is single-threaded per worker; nothing here is re-entrant), grown when a call needs more;
 * an instance whose memory a large job grew past 32 MB is dropped after that call.
 */
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated';

/** The exports of core/kernels/assembly/index.ts; byte offsets into `memory` are plain numbers. */
export type KernelExports = {
  // the module
  memory: WebAssembly.Memory;
  heapBase(): number;
  allFinite(values: number, count: number): number;
  // linear-algebra.ts
  eigenvalues(n: number, a: number, values: number, mode: number, work: number): void;
  eigenvaluesScratchBytes(n: number): number;
  eigenSymmetric(n: number, a: number, values: number, vectors: number, mode: number, work: number): void;
  eigenSymmetricScratchBytes(n: number): number;
  eigenTop(n: number, m: number, a: number, values: number, vectors: number, start: number, work: number): void;
  eigenTopScratchBytes(n: number, m: number): number;
  choleskyInverse(n: number, a: number, out: number, work: number): number;
  choleskyInverseScratchBytes(n: number): number;
  wellConditionedInverse(n: number, a: number, out: number, tol: number, work: number): number;
  gaussJordanInverse(n: number, a: number, out: number): number;
  // correlation.ts
  pearsonSumsBegin(p: number, out: number): void;
  pearsonShiftRows(r0: number, r1: number, p: number, x: number, out: number): void;
  pearsonShiftEnd(p: number, out: number): void;
  pearsonSumsRows(r0: number, r1: number, p: number, x: number, weights: number, out: number): void;
  pearsonSumsBytes(p: number): number;
  groupCodes(g: number, n: number, p: number, k: number, lowest: number, codes: number, groups: number, margins: number): void;
  tabulateGroupPair(g: number, h: number, within: number, n: number, p: number, k: number, groups: number, tables: number, counts: number, lanes: number): void;
  tabulateSingleGroup(n: number, k: number, groups: number, tables: number, counts: number, lanes: number): void;
  tabulatePairsScratchBytes(k: number): number;
  polychoricPairFit(kr: number, kc: number, h: number, kt: number, ph: number, pk: number, proportions: number, tol: number, gl: number, result: number, work: number): void;
  polychoricPairScratchBytes(kr: number, kc: number): number;
  // model.ts
  minresFit(p: number, m: number, r: number, x: number, starts: number, lower: number, upper: number, maxIterations: number, tol: number, memorySize: number, stepTolerance: number, result: number, top: number, work: number): void;
  minresFitScratchBytes(p: number, m: number, memorySize: number): number;
  gpaObliqueQuartimin(p: number, m: number, A: number, maxIterations: number, epsilon: number, L: number, T: number, result: number, work: number): void;
  gpaObliqueScratchBytes(p: number, m: number): number;
  noncentralChiSquareSeries(mode: number, mu: number, y: number, df: number, p0: number, w0: number, d0: number): number;
  simulateNullCorrelation(n: number, p: number, seed: number, out: number, work: number): void;
  nullCorrelationScratchBytes(p: number): number;
  // scores.ts
  scoreRows(r0: number, r1: number, p: number, m: number, x: number, complete: number, w: number, offset: number, out: number): number;
  scoreRowBytes(m: number): number;
  writeScoreRows(values: number, rowStart: number, rowEnd: number, m: number, out: number): number;
  // instance.ts (row-block staging)
  transposeBlock(columns: number, rows: number, length: number, p: number): void;
  // per-item passes (correlation.ts, scores.ts)
  scanColumn(n: number, values: number, weights: number, codes: number, stats: number): void;
  markIncomplete(n: number, values: number, complete: number): void;
  columnMoments(n: number, values: number, onlyComplete: number, complete: number, stats: number): void;
};

export type Kernels = { exports: KernelExports; heap: Float64Array };

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

/** The loaded kernels, or null when they are off or WebAssembly cannot be compiled here. */
export function kernels(): Kernels | null {
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
export const ROWS_PER_CALL = 2048;

/** A memory grown past this by a large job is dropped with its instance afterwards (WebAssembly memory never shrinks). */
const RETAINED_BYTES = 32 * 1024 * 1024;

export function releaseIfLarge(k: Kernels): void {
  if (k.exports.memory.buffer.byteLength > RETAINED_BYTES && loaded === k) loaded = undefined;
}

/** The heap as f64s with at least `bytes` bytes usable from heapBase(); views are renewed after growth. */
export function reserve(k: Kernels, bytes: number): Float64Array {
  const needed = k.exports.heapBase() + bytes;
  const have = k.exports.memory.buffer.byteLength;
  if (needed > have) k.exports.memory.grow(Math.ceil((needed - have) / PAGE_BYTES));
  if (k.heap.buffer !== k.exports.memory.buffer) k.heap = new Float64Array(k.exports.memory.buffer);
  return k.heap;
}

/**
 * Copies `values` to the heap at byte offset `at` (reserved by the caller) and tells whether all
 * of the first `count` f64s there are finite: a kernel given a NaN or an infinity leaves the work
 * to its TypeScript reference, which defines what those give.
 */
export function placeFinite(k: Kernels, values: ArrayLike<number>, at: number, count: number): boolean {
  k.heap.set(values, at / 8);
  return k.exports.allFinite(at, count) !== 0;
}

/**
 * Visits the item columns one at a time, each copied (n f64) to byte offset `values` (reserved by
 * the caller): the per-item passes read a column that stays in cache, not an n × p copy.
 */
export function forEachColumn(k: Kernels, columns: readonly Float64Array[], n: number, values: number, visit: (j: number) => void): void {
  for (let j = 0; j < columns.length; j++) {
    k.heap.set(columns[j]!.subarray(0, n), values / 8);
    visit(j);
  }
}

/** Bytes forEachRowBlock needs at its `staging` offset for p items. */
export function rowBlockBytes(p: number): number {
  return 2 * 8 * ROWS_PER_CALL * p;
}

/**
 * Visits rows [0, n) of column-major answers in blocks of ROWS_PER_CALL rows, each staged
 * row-major (row r of the block at rows + 8·r·p) in the rowBlockBytes(p) bytes at `staging`
 * (reserved by the caller): the columns' slices are copied in as they are, and the module
 * transposes them. Passes that want whole rows thus read the answers where they already are,
 * through a block that stays in cache, instead of an n × p copy in freshly grown memory.
 */
export function forEachRowBlock(k: Kernels, columns: readonly Float64Array[], n: number, staging: number, visit: (r0: number, r1: number, rows: number) => void): void {
  const p = columns.length;
  const sliced = staging / 8;
  const rows = staging + 8 * ROWS_PER_CALL * p;
  for (let r0 = 0; r0 < n; r0 += ROWS_PER_CALL) {
    const r1 = Math.min(n, r0 + ROWS_PER_CALL);
    const length = r1 - r0;
    for (let j = 0; j < p; j++) k.heap.set(columns[j]!.subarray(r0, r1), sliced + j * length);
    k.exports.transposeBlock(staging, rows, length, p);
    visit(r0, r1, rows);
  }
}
