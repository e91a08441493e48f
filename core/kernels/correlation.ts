/**
 * WebAssembly entry points of the correlation passes: the Pearson sums over the respondents, the
 * polychoric cross-tables and pair fits. Each null when the kernels are not in use (instance.ts).
 */
import type { PearsonSums } from '../factor/correlation-pearson';
import type { ItemMoments } from '../factor/item-moments';
import { forEachColumn, forEachRowBlock, kernels, releaseIfLarge, reserve, rowBlockBytes } from './instance';
import { unpackMoments } from './scores';

/**
 * The sums of pearsonSums in core/factor/correlation-pearson.ts (one column of n answers per item,
 * NaN = missing; weights or null), the same bits, over row blocks staged from the columns. Null
 * when the kernels are not in use.
 */
export function wasmPearsonSums(columns: readonly Float64Array[], n: number, weights: Float64Array | null): PearsonSums | null {
  const kern = kernels();
  if (kern === null) return null;
  const p = columns.length;
  const base = kern.exports.heapBase();
  const staging = base;
  const weightsAt = staging + rowBlockBytes(p);
  const out = weightsAt + (weights === null ? 0 : 8 * n);
  const heap = reserve(kern, out - base + kern.exports.pearsonSumsBytes(p));
  if (weights !== null) heap.set(weights, weightsAt / 8);
  const e = kern.exports;
  e.pearsonSumsBegin(p, out);
  forEachRowBlock(kern, columns, n, staging, (r0, r1, rows) => e.pearsonShiftRows(0, r1 - r0, p, rows, out));
  e.pearsonShiftEnd(p, out);
  forEachRowBlock(kern, columns, n, staging, (r0, r1, rows) => e.pearsonSumsRows(0, r1 - r0, p, rows, weights === null ? 0 : weightsAt + 8 * r0, out));
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

/** What scanColumns in core/factor/correlation.ts gathers per item. */
export type ColumnScan = { answered: Float64Array; low: Float64Array; high: Float64Array; fractional: boolean; moments: ItemMoments | null };

/**
 * scanColumns of core/factor/correlation.ts (the same counts, extremes and bytes): each item's
 * answered count and extremes over the rows with a positive weight (all rows when weights is
 * null); with `codes` (n × p bytes, item j at j·n), also each answer as a byte (255 = missing)
 * and whether any answer is fractional or infinite; with `moments`, also itemMoments(columns, n,
 * false) of core/factor/item-moments.ts from the same copy of each column. One item column at a
 * time is copied into the kernels' memory. Null when the kernels are not in use.
 */
export function wasmScanColumns(columns: readonly Float64Array[], n: number, weights: Float64Array | null, codes: Uint8Array | null, moments: boolean): ColumnScan | null {
  const kern = kernels();
  if (kern === null) return null;
  const e = kern.exports;
  const p = columns.length;
  const base = e.heapBase();
  const stats = base;
  const values = stats + 32 * p;
  const weightsAt = values + 8 * n;
  const momentsAt = weightsAt + (weights === null ? 0 : 8 * n);
  const complete = momentsAt + 24 * p;
  const codesAt = complete + n;
  reserve(kern, codesAt + (codes === null ? 0 : n * p) - base);
  if (weights !== null) kern.heap.set(weights.subarray(0, n), weightsAt / 8);
  if (moments) new Uint8Array(e.memory.buffer, complete, n).fill(1);
  forEachColumn(kern, columns, n, values, (j) => {
    e.scanColumn(n, values, weights === null ? 0 : weightsAt, codes === null ? 0 : codesAt + j * n, stats + 32 * j);
    if (moments) {
      e.markIncomplete(n, values, complete);
      e.columnMoments(n, values, 0, complete, momentsAt + 24 * j);
    }
  });
  if (codes !== null) codes.set(new Uint8Array(e.memory.buffer, codesAt, n * p));
  const out = kern.heap.slice(stats / 8, stats / 8 + 4 * p);
  const gathered = kern.heap.slice(momentsAt / 8, momentsAt / 8 + 3 * p);
  const flags = moments ? new Uint8Array(e.memory.buffer, complete, n).slice() : null;
  releaseIfLarge(kern);
  const field = (values: Float64Array, stride: number, f: number): Float64Array => Float64Array.from({ length: p }, (_, j) => values[stride * j + f]!);
  return {
    answered: field(out, 4, 0),
    low: field(out, 4, 1),
    high: field(out, 4, 2),
    fractional: codes !== null && field(out, 4, 3).some((v) => v === 1),
    moments: flags === null ? null : { complete: flags, ...unpackMoments(gathered, p) },
  };
}

/**
 * Every item pair's K×K cross-table of n rows of codes (a column of n per item, category = code −
 * lowest, 255 = missing), as
 * the unweighted branch of tabulatePairs in core/factor/correlation-polychoric-tables.ts:
 * tables[pair·K² + a·K + b] over pairs i < j, counts[pair] the rows answering both, margins[j·K + a]
 * each item's answers per code. Null when the kernels are not in use.
 */
export function wasmTabulatePairs(codes: Uint8Array, lowest: number, n: number, p: number, k: number): { tables: Float64Array; counts: Float64Array; margins: Float64Array } | null {
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
  const groups = codesAt + n * p;
  const groupCount = Math.ceil(p / 2);
  reserve(kern, groups + n * groupCount - base);
  new Uint8Array(e.memory.buffer, codesAt, n * p).set(codes.subarray(0, n * p));
  kern.heap.fill(0, margins / 8, margins / 8 + p * k);
  for (let g = 0; g < groupCount; g++) e.groupCodes(g, n, p, k, lowest, codesAt, groups, margins);
  if (groupCount === 1) e.tabulateSingleGroup(n, k, groups, tables, counts, lanes);
  for (let g = 0; g < groupCount; g++) for (let h = g + 1; h < groupCount; h++) e.tabulateGroupPair(g, h, g === 0 ? 1 : 0, n, p, k, groups, tables, counts, lanes);
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
