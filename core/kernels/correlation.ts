/**
 * WebAssembly entry points of the correlation passes: the Pearson sums over the respondents, the
 * polychoric cross-tables and pair fits. Each null when the kernels are not in use (instance.ts).
 */
import type { PearsonSums } from '../factor/correlation-pearson';
import { kernels, releaseIfLarge, reserve, ROWS_PER_CALL } from './instance';

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
