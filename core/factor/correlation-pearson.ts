/**
 * Pearson correlations of n respondents' answers to p items (item columns, NaN = missing), pairwise or listwise, optionally
 * with case weights. Pairwise matches R's cor(x, use = "pairwise.complete.obs") (psych's default):
 * for each pair the means and SDs come from the rows where both items are observed. Listwise is
 * the same computation on the rows with every item observed (the caller removes the others).
 *
 * Formulas, for a pair (x, y) over its co-observed rows with weights w (1 when unweighted):
 *   W = Σw,  Sx = Σw·x,  Sxx = Σw·x²,  Sxy = Σw·x·y  (likewise for y)
 *   r = (Sxy − Sx·Sy/W) / sqrt((Sxx − Sx²/W)(Syy − Sy²/W)).
 * Values are shifted by each item's overall mean first, so the sums stay small and the
 * subtraction keeps full precision. With weights this is psych::cor.wt's weighted Pearson r (the
 * normalisation of the weights cancels).
 *
 * The same sums give the pairwise covariances (`moments`, unweighted only) that raw alpha and
 * other statistics reuse without another pass.
 *
 * Cost: one pass over rows. Complete rows add to a single p×p cross-product (p(p+1)/2
 * multiply-adds); only rows with a missing answer touch the six per-pair sums. O(n·p²).
 */
import { wasmPearsonSums } from '../kernels/correlation';
import type { Matrix } from '../math/matrix';
import type { ItemColumns } from './item-columns';
import { momentsFromSums, type PairwiseMoments } from './pairwise-moments';

export type PearsonOutput = {
  matrix: Matrix;
  /** Number of co-observed rows per pair (unweighted counts), p×p. */
  pairwiseN: Matrix;
  /** The pairwise covariances behind the matrix (pairwise-moments.ts); null with case weights. */
  moments: PairwiseMoments | null;
};

/**
 * The sums of the one pass over the respondents: each item's mean (the shift) and answered rows;
 * over complete rows the total weight, count, Σ and cross-products of shifted values; over
 * incomplete rows the per-pair n, W, Sx, Sy, Sxx, Syy, Sxy (upper triangle, i < j) and, unweighted,
 * each item's Σ and Σ² (for the moments). Run by its WebAssembly build (core/kernels, the same
 * bits) where one is available; this is the reference.
 */
export type PearsonSums = {
  shift: Float64Array;
  counts: Float64Array;
  completeW: number;
  completeN: number;
  completeS: Float64Array;
  completeSS: Float64Array;
  pairN: Float64Array;
  pairW: Float64Array;
  pairSx: Float64Array;
  pairSy: Float64Array;
  pairSxx: Float64Array;
  pairSyy: Float64Array;
  pairSxy: Float64Array;
  itemS: Float64Array;
  itemSS: Float64Array;
};

export function pearsonSums(data: ItemColumns, weights: Float64Array | null): PearsonSums {
  return wasmPearsonSums(data.columns, data.rows, weights) ?? pearsonSumsReference(data.columns, data.rows, weights);
}

function pearsonSumsReference(x: readonly Float64Array[], n: number, weights: Float64Array | null): PearsonSums {
  const p = x.length;
  const shift = new Float64Array(p);
  const counts = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) {
      const v = x[j]![r]!;
      if (!Number.isNaN(v)) {
        shift[j]! += v;
        counts[j]! += 1;
      }
    }
  }
  for (let j = 0; j < p; j++) shift[j] = counts[j]! > 0 ? shift[j]! / counts[j]! : 0;

  // Complete rows: weighted totals and cross-products for every item at once.
  let completeW = 0;
  let completeN = 0;
  const completeS = new Float64Array(p);
  const completeSS = new Float64Array(p * p);
  // Incomplete rows: per-pair sums (upper triangle, i < j): n, W, Sx, Sy, Sxx, Syy, Sxy.
  const pairN = new Float64Array(p * p);
  const pairW = new Float64Array(p * p);
  const pairSx = new Float64Array(p * p);
  const pairSy = new Float64Array(p * p);
  const pairSxx = new Float64Array(p * p);
  const pairSyy = new Float64Array(p * p);
  const pairSxy = new Float64Array(p * p);
  // Incomplete rows, per item (for the item variances of `moments`): Σx and Σx² of shifted values.
  const itemS = new Float64Array(p);
  const itemSS = new Float64Array(p);
  const row = new Float64Array(p);
  const observed = new Uint8Array(p);
  const present = new Int32Array(p);

  for (let r = 0; r < n; r++) {
    const w = weights === null ? 1 : weights[r]!;
    if (!(w > 0)) continue;
    let complete = true;
    for (let j = 0; j < p; j++) {
      const v = x[j]![r]!;
      observed[j] = Number.isNaN(v) ? 0 : 1;
      if (observed[j] === 0) complete = false;
      row[j] = v - shift[j]!;
    }
    if (complete) {
      completeW += w;
      completeN += 1;
      for (let i = 0; i < p; i++) {
        const wi = w * row[i]!;
        completeS[i]! += wi;
        const base = i * p;
        for (let j = i; j < p; j++) completeSS[base + j]! += wi * row[j]!;
      }
      continue;
    }
    // Only the observed items of this row (same sums in the same order as testing every pair).
    let nObserved = 0;
    for (let j = 0; j < p; j++) if (observed[j] === 1) present[nObserved++] = j;
    if (weights === null) {
      // w = 1: the products below are exactly those of the weighted form, and W = n per pair.
      for (let a = 0; a < nObserved; a++) {
        const i = present[a]!;
        const xi = row[i]!;
        itemS[i]! += xi;
        itemSS[i]! += xi * xi;
        const base = i * p;
        for (let b = a + 1; b < nObserved; b++) {
          const j = present[b]!;
          const k = base + j;
          const yj = row[j]!;
          pairN[k]! += 1;
          pairSx[k]! += xi;
          pairSy[k]! += yj;
          pairSxx[k]! += xi * xi;
          pairSyy[k]! += yj * yj;
          pairSxy[k]! += xi * yj;
        }
      }
      continue;
    }
    for (let a = 0; a < nObserved; a++) {
      const i = present[a]!;
      const xi = row[i]!;
      const wxi = w * xi;
      for (let b = a + 1; b < nObserved; b++) {
        const j = present[b]!;
        const k = i * p + j;
        const yj = row[j]!;
        pairN[k]! += 1;
        pairW[k]! += w;
        pairSx[k]! += wxi;
        pairSy[k]! += w * yj;
        pairSxx[k]! += wxi * xi;
        pairSyy[k]! += w * yj * yj;
        pairSxy[k]! += wxi * yj;
      }
    }
  }
  return { shift, counts, completeW, completeN, completeS, completeSS, pairN, pairW, pairSx, pairSy, pairSxx, pairSyy, pairSxy, itemS, itemSS };
}

export function pearsonCorrelation(data: ItemColumns, weights: Float64Array | null): PearsonOutput {
  const { rows: n, columns } = data;
  const p = columns.length;
  const sums = pearsonSums(data, weights);
  const { counts, completeW, completeN, completeS, completeSS, pairN, pairW, pairSx, pairSy, pairSxx, pairSyy, pairSxy, itemS, itemSS } = sums;
  if (weights === null) pairW.set(pairN);

  const matrix = new Float64Array(p * p);
  const nMatrix = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    matrix[i * p + i] = 1;
    // Diagonal n: rows where the item is observed (R's pairwiseCount diagonal).
    nMatrix[i * p + i] = weights === null ? counts[i]! : countPositiveWeight(columns[i]!, weights, n);
    for (let j = i + 1; j < p; j++) {
      const k = i * p + j;
      const W = completeW + pairW[k]!;
      const sx = completeS[i]! + pairSx[k]!;
      const sy = completeS[j]! + pairSy[k]!;
      const sxx = completeSS[i * p + i]! + pairSxx[k]!;
      const syy = completeSS[j * p + j]! + pairSyy[k]!;
      const sxy = completeSS[k]! + pairSxy[k]!;
      const cov = sxy - (sx * sy) / W;
      const vx = sxx - (sx * sx) / W;
      const vy = syy - (sy * sy) / W;
      let rho = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : NaN;
      if (rho > 1) rho = 1;
      else if (rho < -1) rho = -1;
      matrix[k] = rho;
      matrix[j * p + i] = rho;
      const count = completeN + pairN[k]!;
      nMatrix[k] = count;
      nMatrix[j * p + i] = count;
    }
  }
  const moments =
    weights === null
      ? momentsFromSums(
          p,
          { n: counts, s: completeS.map((v, i) => v + itemS[i]!), ss: completeS.map((_, i) => completeSS[i * p + i]! + itemSS[i]!) },
          (i, j) => {
            const k = i * p + j;
            return {
              n: completeN + pairN[k]!,
              sx: completeS[i]! + pairSx[k]!,
              sy: completeS[j]! + pairSy[k]!,
              sxx: completeSS[i * p + i]! + pairSxx[k]!,
              syy: completeSS[j * p + j]! + pairSyy[k]!,
              sxy: completeSS[k]! + pairSxy[k]!,
            };
          },
        )
      : null;
  return { matrix: { rows: p, cols: p, data: matrix }, pairwiseN: { rows: p, cols: p, data: nMatrix }, moments };
}

function countPositiveWeight(column: Float64Array, weights: Float64Array, n: number): number {
  let count = 0;
  for (let r = 0; r < n; r++) if (weights[r]! > 0 && !Number.isNaN(column[r]!)) count++;
  return count;
}
