/**
 * k-means segmentation, the classic baseline (Lloyd iterations with greedy k-means++ seeding, Arthur
 * & Vassilvitskii 2007): ml-kmeans' seeded k-means++ (its `seed` option fed from our derived seeds)
 * and first step, then Lloyd iterations on typed arrays until the partition is stable.
 *
 * - Variables are standardised first (z-scores: mean 0, SD 1 with divisor N−1), so a variable's
 *   units do not decide the segments. Centres are reported in both standardised and original units;
 *   the sums of squares are in standardised units (the space that was clustered).
 * - Rows are put in a canonical order (lexicographic by value) before clustering, so a shuffled
 *   file gives the same solution; labels are mapped back to file order.
 * - Multiple starts: start s of K uses seed deriveSeed(seed, K, s); the start with the lowest
 *   within-cluster sum of squares wins (ties: lowest start index). "Best replicated" counts the
 *   starts within 1e-8·W of the best W.
 * - Statistics (no likelihood): W = Σ_k Σ_{i∈k} ‖x_i − c_k‖², T = Σ_i ‖x_i − x̄‖², B = T − W,
 *   R² = B/T, Calinski–Harabasz CH = [B/(K−1)] / [W/(N−K)] (Caliński & Harabasz 1974; larger is
 *   better; null for K = 1). `selected` in the command is the K with the largest CH.
 * - Clusters are ordered by size (largest first), ties by lexicographic centre.
 */
import { kmeansGenerator } from 'ml-kmeans';
import type { Progress } from '../jobs/run-steps';
import { createRng, deriveSeed } from '../random/rng';
import { canonicalRowOrder, compareRows, seedRowsDSquared } from './row-order-free';

export type NumericView = { n: number; d: number; values: Float64Array };

/** Column-wise z-scores; NaN (missing) becomes 0, the mean, after standardising. */
export function standardiseColumns(view: NumericView): { values: Float64Array; mean: Float64Array; sd: Float64Array } {
  const { n, d, values } = view;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i * d + j]!;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    const m = count > 0 ? sum / count : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i * d + j]!;
      if (!Number.isNaN(v)) ss += (v - m) * (v - m);
    }
    mean[j] = m;
    sd[j] = count > 1 && ss > 0 ? Math.sqrt(ss / (count - 1)) : 1;
  }
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = values[i * d + j]!;
      out[i * d + j] = Number.isNaN(v) ? 0 : (v - mean[j]!) / sd[j]!;
    }
  }
  return { values: out, mean, sd };
}

export type KmeansRun = { labels: Int32Array; centres: Float64Array; withinSS: number; iterations: number; converged: boolean };

/** Standardised values in canonical row order (and as ml-kmeans points), with the order used. */
export type CanonicalView = { n: number; d: number; ordered: Float64Array; points: number[][]; order: Int32Array };

export function canonicalView(values: Float64Array, n: number, d: number): CanonicalView {
  const order = canonicalRowOrder(values, n, d);
  const ordered = new Float64Array(n * d);
  const points = new Array<number[]>(n);
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    ordered.set(values.subarray(i * d, i * d + d), r * d);
    points[r] = Array.from(values.subarray(i * d, i * d + d));
  }
  return { n, d, ordered, points, order };
}

/**
 * One k-means run: ml-kmeans' seeded greedy k-means++ initialisation and first Lloyd step, then
 * Lloyd iterations on typed arrays (the library's per-point arrays are slower at survey sizes)
 * until no respondent changes cluster or the centres stop moving (CENTRE_SHIFT_TOLERANCE), or
 * maxIterations. Labels in the input row order.
 */
export function* kmeansOnce(view: CanonicalView, k: number, seed: number, maxIterations: number): Generator<Progress, KmeansRun, void> {
  const { n, d, ordered, points, order } = view;
  const first = kmeansGenerator(points, k, { seed, maxIterations: 1, initialization: 'kmeans++' }).next();
  if (first.done === true || first.value === undefined) throw new Error('k-means ran no iteration');
  const centres = new Float64Array(k * d);
  first.value.centroids.forEach((centre, c) => centres.set(centre, c * d));
  const canonicalLabels = Int32Array.from(first.value.clusters);
  const counts = new Float64Array(k);
  let iterations = 1;
  let converged = false;
  while (iterations < maxIterations) {
    let changed = 0;
    for (let r = 0; r < n; r++) {
      let best = 0;
      let bestDist = Infinity;
      for (let c = 0; c < k; c++) {
        let dist = 0;
        for (let j = 0; j < d; j++) {
          const diff = ordered[r * d + j]! - centres[c * d + j]!;
          dist += diff * diff;
        }
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      if (canonicalLabels[r] !== best) changed++;
      canonicalLabels[r] = best;
    }
    iterations++;
    if (changed === 0) {
      converged = true;
      break;
    }
    const previous = centres.slice();
    updateCentres(ordered, n, d, canonicalLabels, centres, counts);
    let shift = 0;
    for (let e = 0; e < k * d; e++) shift += (centres[e]! - previous[e]!) ** 2;
    if (shift < CENTRE_SHIFT_TOLERANCE) {
      converged = true;
      break;
    }
    yield { stage: 'kmeans', current: iterations, total: maxIterations, detail: { k, iteration: iterations } };
  }
  updateCentres(ordered, n, d, canonicalLabels, centres, counts);
  const labels = new Int32Array(n);
  let withinSS = 0;
  for (let r = 0; r < n; r++) {
    const c = canonicalLabels[r]!;
    labels[order[r]!] = c;
    for (let j = 0; j < d; j++) withinSS += (ordered[r * d + j]! - centres[c * d + j]!) ** 2;
  }
  return { labels, centres, withinSS, iterations, converged };
}

/**
 * Lloyd stops when no respondent changes cluster or when the centres move less than this in total
 * squared distance (scikit-learn's rule, tol 1e-4 × mean variance, which is 1 for z-scores).
 */
export const CENTRE_SHIFT_TOLERANCE = 1e-4;

/** Centres as the means of their members; an empty cluster keeps its centre. */
function updateCentres(values: Float64Array, n: number, d: number, labels: Int32Array, centres: Float64Array, counts: Float64Array): void {
  const k = counts.length;
  const sums = new Float64Array(k * d);
  counts.fill(0);
  for (let r = 0; r < n; r++) {
    const c = labels[r]!;
    counts[c]!++;
    for (let j = 0; j < d; j++) sums[c * d + j]! += values[r * d + j]!;
  }
  for (let c = 0; c < k; c++) if (counts[c]! > 0) for (let j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j]! / counts[c]!;
}

/**
 * Lloyd iterations from the given seed rows on typed arrays (the mixture models' start partitions;
 * the kmeans command uses ml-kmeans). Ties go to the lower centre; an emptied centre stays put.
 * Stops when no label changes or after `iterations` passes. Cost O(iterations·n·k·d).
 */
export function lloydPartition(values: Float64Array, n: number, d: number, seeds: readonly number[], iterations: number): Int32Array {
  const k = seeds.length;
  const centres = new Float64Array(k * d);
  seeds.forEach((row, c) => centres.set(values.subarray(row * d, row * d + d), c * d));
  const labels = new Int32Array(n).fill(-1);
  const counts = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDist = Infinity;
      const row = i * d;
      for (let c = 0; c < k; c++) {
        let dist = 0;
        const centre = c * d;
        for (let j = 0; j < d; j++) {
          const diff = values[row + j]! - centres[centre + j]!;
          dist += diff * diff;
        }
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      if (labels[i] !== best) changed++;
      labels[i] = best;
    }
    if (changed === 0) break;
    const previous = centres.slice();
    centres.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]!++;
      for (let j = 0; j < d; j++) centres[c * d + j]! += values[i * d + j]!;
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centres[c * d + j] = counts[c]! > 0 ? centres[c * d + j]! / counts[c]! : previous[c * d + j]!;
  }
  return labels;
}

/** Lloyd passes for a mixture model's k-means start. */
export const KMEANS_START_ITERATIONS = 30;

/**
 * Hard partition for a mixture model's k-means start: k-means++ D² seeding drawn through content
 * hashes (row-order free, row-order-free.ts), then Lloyd iterations, on z-scored variables.
 */
export function kmeansStartLabels(view: NumericView, k: number, seed: number): Int32Array {
  const { values } = standardiseColumns(view);
  const seeds = seedRowsDSquared(values, view.n, view.d, k, createRng(seed));
  return lloydPartition(values, view.n, view.d, seeds, KMEANS_START_ITERATIONS);
}

export type KmeansSolution = {
  k: number;
  /** Within-cluster sum of squares (standardised units). */
  withinSS: number;
  betweenSS: number;
  totalSS: number;
  rSquared: number;
  calinskiHarabasz: number | null;
  /** Cluster shares, descending (= cluster order). */
  sizes: number[];
  counts: number[];
  /** K×d centres in standardised units, cluster order. */
  centresStandardised: Float64Array;
  /** K×d centres in the variables' original units. */
  centres: Float64Array;
  /** Cluster (0-based, size order) of each analysed respondent. */
  labels: Int32Array;
  iterations: number;
  converged: boolean;
  startsRun: number;
  bestReplicated: number;
};

export type KmeansRangeOptions = { classes: [number, number]; starts: number; maxIterations: number; seed: number };

/** k-means for every K in the range, `starts` k-means++ starts each; the lowest W per K wins. */
export function* kmeansRange(view: NumericView, options: KmeansRangeOptions): Generator<Progress, KmeansSolution[], void> {
  const { n, d } = view;
  const standard = standardiseColumns(view);
  const values = standard.values;
  const canonical = canonicalView(values, n, d);
  let totalSS = 0;
  for (let e = 0; e < n * d; e++) totalSS += values[e]! * values[e]!;
  const [a, b] = options.classes;
  const solutions: KmeansSolution[] = [];
  const totalUnits = (b - a + 1) * options.starts;
  let unit = 0;
  for (let k = a; k <= b; k++) {
    const runs: KmeansRun[] = [];
    for (let s = 0; s < options.starts; s++) {
      const steps = kmeansOnce(canonical, k, deriveSeed(options.seed, k, s), options.maxIterations);
      for (;;) {
        const step = steps.next();
        if (step.done) {
          runs.push(step.value);
          break;
        }
        yield { stage: 'kmeans', current: unit, total: totalUnits, detail: { k, start: s + 1, starts: options.starts, iteration: step.value.current } };
      }
      unit++;
    }
    let best = runs[0]!;
    for (const run of runs) if (run.withinSS < best.withinSS) best = run;
    const bestReplicated = runs.filter((r) => r.withinSS <= best.withinSS * (1 + 1e-8) + 1e-12).length;
    solutions.push(summarise(best, k, n, d, totalSS, standard.mean, standard.sd, runs.length, bestReplicated));
  }
  yield { stage: 'kmeans', current: totalUnits, total: totalUnits };
  return solutions;
}

function summarise(run: KmeansRun, k: number, n: number, d: number, totalSS: number, mean: Float64Array, sd: Float64Array, startsRun: number, bestReplicated: number): KmeansSolution {
  const counts = new Array<number>(k).fill(0);
  for (const c of run.labels) counts[c]!++;
  const order = Array.from({ length: k }, (_, c) => c).sort((x, y) => counts[y]! - counts[x]! || compareRows(run.centres, x, y, d) || x - y);
  const rank = new Int32Array(k);
  order.forEach((old, c) => (rank[old] = c));
  const centresStandardised = new Float64Array(k * d);
  const centres = new Float64Array(k * d);
  order.forEach((old, c) => {
    for (let j = 0; j < d; j++) {
      const z = run.centres[old * d + j]!;
      centresStandardised[c * d + j] = z;
      centres[c * d + j] = mean[j]! + sd[j]! * z;
    }
  });
  const betweenSS = totalSS - run.withinSS;
  const sortedCounts = order.map((old) => counts[old]!);
  return {
    k,
    withinSS: run.withinSS,
    betweenSS,
    totalSS,
    rSquared: totalSS > 0 ? betweenSS / totalSS : NaN,
    calinskiHarabasz: k > 1 && n > k && run.withinSS > 0 ? betweenSS / (k - 1) / (run.withinSS / (n - k)) : null,
    sizes: sortedCounts.map((c) => c / n),
    counts: sortedCounts,
    centresStandardised,
    centres,
    labels: Int32Array.from(run.labels, (c) => rank[c]!),
    iterations: run.iterations,
    converged: run.converged,
    startsRun,
    bestReplicated,
  };
}
