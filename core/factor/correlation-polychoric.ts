/**
 * Polychoric correlations by the two-step estimator, with psych::polychoric's defaults
 * (psych R/polychoric.R, global = TRUE, correct = .5, smooth = TRUE):
 *
 * 1. Codes are shifted by the smallest code over all items, so categories are 0..K−1 with K the
 *    common number of categories. Each item's thresholds come from its own marginal over every
 *    row where it is answered ("global" thresholds, shared by all its pairs):
 *    τ_a = Φ⁻¹(cumulative proportion of categories ≤ a), a = 0..K−2 (an unused category gives
 *    a repeated or infinite threshold, i.e. an empty band).
 * 2. For each pair, the K×K table of co-observed rows (proportions p_ab). With global thresholds
 *    psych applies no continuity correction: an empty cell simply adds 0 to the likelihood
 *    (verified: with the 0.5/N correction six bfi pairs move by up to 1.2e-3 away from psych's
 *    values; without it all 300 agree to the oracle's 6 digits). Model cell probabilities
 *      π_ab(ρ) = Φ2(τ_a, κ_b) − Φ2(τ_{a−1}, κ_b) − Φ2(τ_a, κ_{b−1}) + Φ2(τ_{a−1}, κ_{b−1})
 *    and ρ minimises −Σ p_ab log π_ab(ρ) over cells with π_ab > 0, by R's optimize() on (−1, 1)
 *    with tol = ε^¼ (brent-min.ts), which reproduces psych's iterates.
 * 3. The matrix is smoothed with cor.smooth when it is not positive definite (in correlation.ts).
 * When the items' highest codes differ, psych switches to global = FALSE (fitPairLocal): each pair
 * drops its empty rows and columns, empty cells get the continuity correction 0.5/N, and the
 * thresholds come from that corrected table's margins. We follow it (verified against psych 2.2.9
 * on a 3-item case with an unused top category: ρ equal to 1e-10).
 *
 * Speed: all K×K tables are filled with p(p−1)/2 branch-free passes over byte columns
 * (correlation-polychoric-tables.ts). Per likelihood evaluation only the (K−1)² finite corners need
 * Φ2, and for |ρ| < 0.925 the Gauss–Legendre sin(θ) nodes of Genz's BVND depend on ρ only, so they
 * are computed once per evaluation and shared by every corner (correlation-polychoric-grid.ts).
 * Each pair's fit runs in WebAssembly where it can (core/kernels/assembly/polychoric.ts: the same
 * trial points and ρ, with JavaScript's own exp and log).
 */
import { brentMinimize, R_OPTIMIZE_TOL, type BrentResult } from '../math/brent-min';
import { wasmPolychoricPair } from '../kernels/correlation';
import { bvndNodes, pnorm, qnorm } from '../math/normal';
import type { Progress } from '../jobs/run-steps';
import { bvnCornerGrid } from './correlation-polychoric-grid';
import { tabulatePairs, thresholdsFromMargins } from './correlation-polychoric-tables';
import { momentsFromTables, type PairwiseMoments } from './pairwise-moments';

export type PolychoricInput = {
  /**
   * The answers as bytes, one column of n per item (item j at j·n); 255 = missing. The category
   * (0..K−1) of byte b is b − lowest: survey codes 1..K need no rewriting pass.
   */
  codes: Uint8Array;
  lowest: number;
  n: number;
  p: number;
  categories: number;
  weights: Float64Array | null;
  /** Brent tolerance; R's default unless a "precise" mode asks for less. */
  tolerance?: number;
  /**
   * psych's `global`: true (default) = each item's thresholds from its own margin, shared by all
   * pairs, no correction; false = per-pair thresholds with the 0.5 continuity correction.
   */
  global?: boolean;
  /** Another thread that can fit a share of the pairs (see PairFitDelegate); absent: all fitted here. */
  pairFitsElsewhere?: PairFitDelegate;
};

/**
 * What fitting the pairs [from, to) needs (pair index over i < j, as the tables): a function of
 * these alone, so another thread can compute it (fitPairRange) with the same bits.
 */
export type PairFitJob = { tables: Float64Array; thresholds: Float64Array[]; p: number; k: number; global: boolean; tol: number; from: number; to: number };

/**
 * Starts fitPairRange(job) elsewhere (the CLI's helper thread); the returned function waits for
 * its packed result (undefined: the pairs are fitted here after all).
 */
export type PairFitDelegate = (job: PairFitJob) => () => Float64Array | undefined;

/** Numbers per pair in fitPairRange's result: ρ (NaN when undefined), evaluations, empty cells (1/0), defined (1/0). */
export const PAIR_FIT_FIELDS = 4;

/** The share of the pairs a delegate is given (the last ones). */
const DELEGATED_SHARE = 0.45;

export type PolychoricOutput = {
  matrix: Float64Array;
  thresholds: Float64Array[];
  pairwiseN: Float64Array;
  /** Pairs whose table has fewer than two non-empty rows or columns (ρ undefined, NaN). */
  undefinedPairs: [number, number][];
  /** Pairs whose ρ sits at the interval boundary (|ρ| > 0.9999): perfect association. */
  boundaryPairs: [number, number][];
  /** Pairs whose cross-table has empty cells (they add nothing to the likelihood). */
  pairsWithEmptyCells: number;
  evaluations: number;
  /** Pairwise covariances of the codes, read off the same cross-tables (unweighted input only, else null). */
  moments: PairwiseMoments | null;
};

type Scratch = { grid: Float64Array; sn: Float64Array; sw: Float64Array; proportions: Float64Array };
type PairFit = { result: BrentResult | null; emptyCells: boolean };

function proportionsOf(table: Float64Array, total: number, out: Float64Array): Float64Array {
  for (let c = 0; c < table.length; c++) out[c] = table[c]! / total;
  return out;
}

/** ρ for one table of proportions (kr × kc) and its thresholds: R's optimize() of −Σ p log π. */
function fitPair(h: Float64Array, kt: Float64Array, ph: Float64Array, pk: Float64Array, proportions: Float64Array, kr: number, kc: number, tol: number, scratch: Scratch): PairFit {
  const compiled = wasmPolychoricPair(h, kt, ph, pk, proportions, kr, kc, tol, packedGaussLegendre());
  if (compiled !== null) {
    const { emptyCells, ...result } = compiled;
    return { result, emptyCells };
  }
  let emptyCells = false;
  for (let c = 0; c < kr * kc; c++) if (proportions[c] === 0) emptyCells = true;
  const { grid, sn, sw } = scratch;
  const m = kc + 1;
  const objective = (rho: number): number => {
    bvnCornerGrid(h, kt, ph, pk, rho, grid, sn, sw);
    let sum = 0;
    for (let a = 0; a < kr; a++) {
      for (let b = 0; b < kc; b++) {
        const cell = grid[(a + 1) * m + b + 1]! - grid[a * m + b + 1]! - grid[(a + 1) * m + b]! + grid[a * m + b]!;
        if (cell > 0) sum += proportions[a * kc + b]! * Math.log(cell);
      }
    }
    return -sum;
  };
  return { result: brentMinimize(objective, -1, 1, tol), emptyCells };
}

/** bvndNodes' three Gauss–Legendre half-rules (6, 12, 20 points) packed for the WebAssembly fit. */
function packedGaussLegendre(): Float64Array {
  if (gaussLegendre === null) {
    const rules = [bvndNodes(0), bvndNodes(0.5), bvndNodes(0.9)];
    gaussLegendre = Float64Array.from(rules.flatMap((rule) => [...rule.nodes, ...rule.weights]));
  }
  return gaussLegendre;
}

let gaussLegendre: Float64Array | null = null;

/**
 * psych's global = FALSE branch (used when the items' highest codes differ): drop the pair's
 * empty rows and columns, replace empty cells by 0.5/N (continuity correction), take the
 * thresholds from this table's own (corrected) margins, then fit as usual.
 */
function fitPairLocal(table: Float64Array, k: number, total: number, tol: number, scratch: Scratch): PairFit {
  const rowsKept: number[] = [];
  const colsKept: number[] = [];
  for (let a = 0; a < k; a++) {
    let rowSum = 0;
    let colSum = 0;
    for (let b = 0; b < k; b++) {
      rowSum += table[a * k + b]!;
      colSum += table[b * k + a]!;
    }
    if (rowSum > 0) rowsKept.push(a);
    if (colSum > 0) colsKept.push(a);
  }
  const kr = rowsKept.length;
  const kc = colsKept.length;
  if (kr < 2 || kc < 2) return { result: null, emptyCells: false };
  const proportions = new Float64Array(kr * kc);
  let emptyCells = false;
  rowsKept.forEach((a, i) => colsKept.forEach((b, j) => {
    const v = table[a * k + b]! / total;
    if (v === 0) emptyCells = true;
    proportions[i * kc + j] = v === 0 ? POLYCHORIC_CONTINUITY_CORRECTION / total : v;
  }));
  const cumulativeCuts = (sums: number[]): Float64Array => {
    const cuts = new Float64Array(sums.length - 1);
    let c = 0;
    for (let a = 0; a < cuts.length; a++) cuts[a] = qnorm((c += sums[a]!));
    return cuts;
  };
  const rowSums = Array.from({ length: kr }, (_, i) => proportions.subarray(i * kc, (i + 1) * kc).reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: kc }, (_, j) => rowSums.reduce((s, _r, i) => s + proportions[i * kc + j]!, 0));
  const h = cumulativeCuts(rowSums);
  const kt = cumulativeCuts(colSums);
  const local: Scratch = { ...scratch, grid: new Float64Array((kr + 1) * (kc + 1)) };
  const fit = fitPair(h, kt, h.map(pnorm), kt.map(pnorm), proportions, kr, kc, tol, local);
  return { result: fit.result, emptyCells };
}

/** Continuity correction of psych's global = FALSE branch: an empty cell counts as 0.5 respondent. */
export const POLYCHORIC_CONTINUITY_CORRECTION = 0.5;

/**
 * The polychoric matrix, one Progress per pair fitted here so that the loop can be cancelled. With
 * a delegate, the last pairs (DELEGATED_SHARE) are fitted elsewhere meanwhile; the result does not
 * depend on where a pair was fitted.
 */
export function* polychoricSteps(input: PolychoricInput): Generator<Progress, PolychoricOutput, void> {
  const { p, categories: k } = input;
  const tol = input.tolerance ?? R_OPTIMIZE_TOL;
  const { tables, counts, margins } = tabulatePairs(input);
  const thresholds = thresholdsFromMargins(margins, p, k);
  const matrix = new Float64Array(p * p);
  const pairwiseN = new Float64Array(p * p);
  // Unweighted, an item's answers are its margin's total (the same integers); weighted, they are counted.
  const answered = input.weights === null ? marginTotals(margins, p, k) : countObserved(input);
  for (let j = 0; j < p; j++) {
    matrix[j * p + j] = 1;
    let observed = 0;
    for (let a = 0; a < k; a++) observed += margins[j * k + a]! > 0 ? 1 : 0;
    pairwiseN[j * p + j] = observed > 0 ? answered[j]! : 0;
  }
  const totalPairs = (p * (p - 1)) / 2;
  const job: PairFitJob = { tables, thresholds, p, k, global: input.global !== false, tol, from: 0, to: totalPairs };
  const split = input.pairFitsElsewhere === undefined ? totalPairs : Math.ceil(totalPairs * (1 - DELEGATED_SHARE));
  const delegated = split < totalPairs ? input.pairFitsElsewhere!({ ...job, from: split, to: totalPairs }) : null;
  const fits = new Float64Array(totalPairs * PAIR_FIT_FIELDS);
  const fitter = pairFitter(job);
  for (let pair = 0; pair < split; pair++) {
    fitter(pair, fits);
    yield { stage: 'polychoric', current: pair + 1, total: totalPairs };
  }
  if (delegated !== null) {
    const theirs = delegated();
    if (theirs !== undefined && theirs.length === (totalPairs - split) * PAIR_FIT_FIELDS) fits.set(theirs, split * PAIR_FIT_FIELDS);
    else {
      for (let pair = split; pair < totalPairs; pair++) {
        fitter(pair, fits);
        yield { stage: 'polychoric', current: pair + 1, total: totalPairs };
      }
    }
  }
  const undefinedPairs: [number, number][] = [];
  const boundaryPairs: [number, number][] = [];
  let pairsWithEmptyCells = 0;
  let evaluations = 0;
  let pair = 0;
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++, pair++) {
      pairwiseN[i * p + j] = pairwiseN[j * p + i] = counts[pair]!;
      const at = pair * PAIR_FIT_FIELDS;
      const rho = fits[at]!;
      if (fits[at + 2] === 1) pairsWithEmptyCells++;
      if (fits[at + 3] === 0) {
        matrix[i * p + j] = matrix[j * p + i] = NaN;
        undefinedPairs.push([i, j]);
        continue;
      }
      evaluations += fits[at + 1]!;
      matrix[i * p + j] = matrix[j * p + i] = rho;
      if (Math.abs(rho) > 0.9999) boundaryPairs.push([i, j]);
    }
  }
  const moments = input.weights === null ? momentsFromTables(tables, margins, p, k) : null;
  return { matrix, thresholds, pairwiseN, undefinedPairs, boundaryPairs, pairsWithEmptyCells, evaluations, moments };
}

/** fitPairRange's result for the job's pairs [from, to), PAIR_FIT_FIELDS numbers per pair. */
export function fitPairRange(job: PairFitJob): Float64Array {
  const all = new Float64Array(((job.p * (job.p - 1)) / 2) * PAIR_FIT_FIELDS);
  const fitter = pairFitter(job);
  for (let pair = job.from; pair < job.to; pair++) fitter(pair, all);
  return all.slice(job.from * PAIR_FIT_FIELDS, job.to * PAIR_FIT_FIELDS);
}

/** A function that fits one pair of the job's tables and writes its PAIR_FIT_FIELDS numbers at pair·PAIR_FIT_FIELDS of `out`. */
function pairFitter(job: PairFitJob): (pair: number, out: Float64Array) => void {
  const { tables, thresholds, p, k, tol } = job;
  const kk = k * k;
  const phi = thresholds.map((tau) => tau.map((t) => pnorm(t)));
  const scratch: Scratch = { grid: new Float64Array((k + 1) * (k + 1)), sn: new Float64Array(40), sw: new Float64Array(40), proportions: new Float64Array(kk) };
  const first = new Int32Array((p * (p - 1)) / 2);
  const second = new Int32Array((p * (p - 1)) / 2);
  for (let i = 0, pair = 0; i < p; i++) for (let j = i + 1; j < p; j++, pair++) [first[pair], second[pair]] = [i, j];
  return (pair, out) => {
    const i = first[pair]!;
    const j = second[pair]!;
    const at = pair * PAIR_FIT_FIELDS;
    out[at] = NaN;
    out[at + 1] = 0;
    out[at + 2] = 0;
    out[at + 3] = 0;
    let total = 0;
    for (let c = 0; c < kk; c++) total += tables[pair * kk + c]!;
    let rowsUsed = 0;
    let colsUsed = 0;
    for (let a = 0; a < k; a++) {
      let rowSum = 0;
      let colSum = 0;
      for (let b = 0; b < k; b++) {
        rowSum += tables[pair * kk + a * k + b]!;
        colSum += tables[pair * kk + b * k + a]!;
      }
      if (rowSum > 0) rowsUsed++;
      if (colSum > 0) colsUsed++;
    }
    if (!(total > 0) || rowsUsed < 2 || colsUsed < 2) return;
    const fit = !job.global
      ? fitPairLocal(tables.subarray(pair * kk, (pair + 1) * kk), k, total, tol, scratch)
      : fitPair(thresholds[i]!, thresholds[j]!, phi[i]!, phi[j]!, proportionsOf(tables.subarray(pair * kk, (pair + 1) * kk), total, scratch.proportions), k, k, tol, scratch);
    if (fit.emptyCells) out[at + 2] = 1;
    if (fit.result === null) return;
    out[at] = fit.result.minimum;
    out[at + 1] = fit.result.evaluations;
    out[at + 3] = 1;
  };
}

/** Per item, the sum of its margin (margins[j·K + a]). */
function marginTotals(margins: Float64Array, p: number, k: number): Float64Array {
  const totals = new Float64Array(p);
  for (let j = 0; j < p; j++) for (let a = 0; a < k; a++) totals[j]! += margins[j * k + a]!;
  return totals;
}

/** Per item, the rows (with positive weight) where it is answered. */
function countObserved(input: PolychoricInput): Float64Array {
  const { codes, n, p, weights } = input;
  const counts = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let count = 0;
    for (let r = 0, at = j * n; r < n; r++, at++) if (codes[at] !== 255 && (weights === null || weights[r]! > 0)) count++;
    counts[j] = count;
  }
  return counts;
}
