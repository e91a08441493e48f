/**
 * mclust's initialisation as one more deterministic start for latent profile models: model-based
 * agglomerative hierarchical clustering (Banfield & Raftery 1993; Fraley 1998, "Algorithms for
 * model-based Gaussian hierarchical clustering"), as `mclust::hc()` runs it inside `Mclust()` with
 * mclust 6's defaults (`mclust.options("hcModelName") = "VVV"`, `hcUse = "SVD"`,
 * `subset = 2000`), cut at each number of classes G. Random, k-means and cross-model starts can miss
 * maxima that this start reaches (psych's epi.bfi, VVV with G = 3 and 5), and the contract is to
 * reach at least mclust's best ℓ on any data, so we run mclust's start too.
 *
 * Hand-written (not ported): mclust's Fortran `hcvvv` updates QR factors by Givens rotations inside
 * an O(n²)-memory pair table; here every cluster keeps its size, mean and scatter matrix and merge
 * costs come from the closed-form merged scatter. Same criterion, our own code and bookkeeping.
 *
 * 1. Rows. Only complete rows enter (mclust has no missing values). When more than HC_SUBSET = 2000
 *    are complete, a seeded subsample of 2000 is drawn by content (row-order-free.ts: the rows with
 *    the smallest salted hash of their values), as mclust draws `sample(n, 2000)`.
 * 2. Transformation (hcUse = "SVD"): X_s = the rows centred and scaled by their SD (divisor n − 1,
 *    R's `scale`); X_s = U D Vᵀ (thin SVD; V and D² from the eigen-decomposition of X_sᵀX_s);
 *    Z = X_s V D^{-1/2} = U D^{1/2}. Components with D_j² ≤ 1e-12·D_1² (collinear variables) are
 *    dropped, where R would divide by ~0.
 * 3. Initial partition: every row on its own. (`hc()`'s default `partition = dupPartition(data)`
 *    is not passed on to `hcVVV`, so in mclust 6.0.0 `Mclust` starts from n singletons; identical
 *    rows merge early because their pair adds no scatter.)
 * 4. Agglomeration (hcVVV, α = max(tr W(Z)/(n p), ε), β = 1, where tr W(Z) is the total scatter of
 *    Z and p its columns): a cluster C with n_C rows, scatter W_C = Σ (z − z̄_C)(z − z̄_C)ᵀ scores
 *        t(C) = n_C · ln( det(W_C / n_C) + (tr W_C + α) / n_C ),
 *    with det(W_C/n_C) taken as 0 when n_C ≤ p or W_C is singular (a regularised classification
 *    log-likelihood of the unconstrained Gaussian model; a singleton scores ln α). Each step merges
 *    the pair with the smallest t(A ∪ B) − t(A) − t(B), where
 *    W_{A∪B} = W_A + W_B + (n_A n_B / (n_A + n_B)) (z̄_A − z̄_B)(z̄_A − z̄_B)ᵀ. Cutting the tree when G
 *    clusters remain gives the start for G classes.
 * 5. One-dimensional data: mclust does not use hc there but `qclass` (G classes between the
 *    empirical quantiles of type 7); we do the same.
 *
 * Row-order independence: the rows are processed in canonical (lexicographic-by-content) order and
 * ties between merge costs go to the pair whose clusters come first in that order (a cluster is
 * identified by its first row), so a shuffled file gives the same tree. mclust uses file order
 * (the last of tied pairs wins), so on tied data (integer scale scores) mclust's own tree, and the
 * maximum EM reaches from it, depend on the file's row order: on psych's epi.bfi (bdi, traitanx,
 * epiNeur; 231 rows, 222 distinct) mclust on 40 shuffles of the file reached its reported VVV
 * maxima in 8 (G = 3) and 3 (G = 5). `tieSalt` orders the rows by a salted content hash instead,
 * which gives the tree of another row order, still independent of the file's; the result's `tied`
 * says whether any merge was decided by a tie (lpa-analysis.ts then tries tieOrderCount(m) orders).
 * Verified: on tie-free data the cuts equal mclust 6.0.0's hclass(hc(X, "VVV", use = "SVD"))
 * (hierarchical-start.test.ts).
 *
 * Cost: O(m²) memory (the pair-cost table, m ≤ 2000 groups: 16 MB) and O(m²) cost evaluations,
 * each O(p) while clusters have ≤ p rows and O(p³) after. Weights do not enter the hierarchy (as in
 * mclust); the EM that follows is weighted.
 *
 * From partition to parameters (hierarchicalStart): when the hierarchy saw every analysed row, the
 * model's partitionStart (M-step of the hard partition, mclust's `me(z = unmap(hclass))`); otherwise
 * (subsample, or rows with missing values) the model's M-step on the hierarchy's rows, from which
 * EM's first E-step classifies every row (mclust: mstep on the subset, estep on all rows, then me).
 * Should that M-step be singular on the full data, rows are given to the nearest cluster mean in
 * z-scores over their observed variables and partitionStart runs on that partition.
 */
import type { Progress } from '../../jobs/run-steps';
import { eigenSymmetric } from '../../math/eigen-symmetric';
import { createRng, deriveSeed } from '../../random/rng';
import { compareRows, rowHash, sampleRowsByContent } from '../row-order-free';
import type { LpaData } from './lpa-data';
import type { LpaModel, LpaParams } from './lpa-model';
import { totalMoments } from './lpa-model';

/**
 * Row orders whose trees are tried when ties decided merges (lpa-analysis.ts): the canonical order
 * plus salted-hash orders, at most 10 and within a budget of 2.5·10⁶ m² (m rows in the tree): 10
 * for m ≤ 500, 5 at m ≈ 700, 2 at m = 1000, 1 (no extra tree) from m ≈ 1120 on; one tree of 2000
 * rows takes 1–2 s.
 */
export function tieOrderCount(m: number): number {
  return Math.max(1, Math.min(10, Math.floor(2.5e6 / (m * m))));
}

/** mclust.options("subset"): the most rows the O(n²) hierarchy is built on. */
export const HC_SUBSET = 2000;

export type HierarchicalPartitions = {
  /** Rows of the data (0-based, analysed-row index) the hierarchy was built on, in canonical order. */
  rows: Int32Array;
  /** True when `rows` are all analysed rows (no subsample, no missing values). */
  coversAll: boolean;
  /** True when equal merge costs had to be broken by the row order at least once (tied data). */
  tied: boolean;
  /** Labels 0..G−1 of `rows` per G; absent when there are fewer distinct rows than G. */
  partitions: Map<number, Int32Array>;
};

const EPS = 2.220446049250313e-16;

/** The complete rows of `data`, subsampled by content to HC_SUBSET, in canonical order. */
function hierarchyRows(data: LpaData, seed: number, tieSalt: number | null): number[] {
  const { n, d, x } = data;
  const complete: number[] = [];
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (let j = 0; j < d; j++) if (Number.isNaN(x[i * d + j]!)) ok = false;
    if (ok) complete.push(i);
  }
  let rows = complete;
  if (complete.length > HC_SUBSET) {
    const values = new Float64Array(complete.length * d);
    complete.forEach((row, i) => values.set(x.subarray(row * d, row * d + d), i * d));
    rows = sampleRowsByContent(values, complete.length, d, HC_SUBSET, createRng(deriveSeed(seed, 0x6863))).map((i) => complete[i]!);
  }
  if (tieSalt === null) return rows.sort((a, b) => compareRows(x, a, b, d) || a - b);
  const hash = new Map(rows.map((row) => [row, rowHash(x, row, d, tieSalt)]));
  return rows.sort((a, b) => hash.get(a)! - hash.get(b)! || compareRows(x, a, b, d) || a - b);
}

/** Z = X_s V D^{-1/2} for the given rows (m × q row-major), q ≤ d columns kept. */
function svdScaled(data: LpaData, rows: readonly number[]): { z: Float64Array; q: number } {
  const { d, x } = data;
  const m = rows.length;
  const s = new Float64Array(m * d);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (const row of rows) sum += x[row * d + j]!;
    const mean = sum / m;
    let ss = 0;
    for (const row of rows) ss += (x[row * d + j]! - mean) ** 2;
    const sd = Math.sqrt(ss / (m - 1));
    rows.forEach((row, i) => (s[i * d + j] = sd > 0 ? (x[row * d + j]! - mean) / sd : 0));
  }
  const cross = new Float64Array(d * d);
  for (let i = 0; i < m; i++) {
    for (let a = 0; a < d; a++) {
      const va = s[i * d + a]!;
      for (let b = 0; b <= a; b++) cross[a * d + b]! += va * s[i * d + b]!;
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cross[b * d + a] = cross[a * d + b]!;
  const { values, vectors } = eigenSymmetric(cross, d);
  const keep: number[] = [];
  for (let c = 0; c < d; c++) if (values[c]! > 1e-12 * values[0]!) keep.push(c);
  const q = keep.length;
  const z = new Float64Array(m * q);
  for (let i = 0; i < m; i++) {
    keep.forEach((c, k) => {
      let t = 0;
      for (let j = 0; j < d; j++) t += s[i * d + j]! * vectors[j * d + c]!;
      z[i * q + k] = t / Math.pow(values[c]!, 0.25); // D_c^{-1/2} with D_c = √eigenvalue
    });
  }
  return { z, q };
}

/** mclust's qclass: G classes cut at the type-7 quantiles of x (sorted ascending). */
function quantileClasses(sorted: Float64Array, g: number): Int32Array {
  const m = sorted.length;
  const quantile = (prob: number): number => {
    const h = (m - 1) * prob;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, m - 1);
    return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
  };
  const cuts = Array.from({ length: g + 1 }, (_, c) => quantile(c / g));
  cuts[0] = cuts[0]! - 1;
  const labels = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let c = 0;
    while (c < g - 1 && !(sorted[i]! <= cuts[c + 1]!)) c++;
    labels[i] = c;
  }
  return labels;
}

/** ln det(W/n) by Cholesky of the q×q matrix in `w` (overwritten); −Infinity when not positive definite. */
function logDetScaled(w: Float64Array, q: number, n: number): number {
  let logDet = 0;
  for (let j = 0; j < q; j++) {
    for (let i = j; i < q; i++) {
      let sum = w[i * q + j]! / n;
      for (let k = 0; k < j; k++) sum -= w[i * q + k]! * w[j * q + k]!;
      if (i === j) {
        if (!(sum > 0)) return -Infinity;
        const root = Math.sqrt(sum);
        w[j * q + j] = root;
        logDet += 2 * Math.log(root);
      } else {
        w[i * q + j] = sum / w[j * q + j]!;
      }
    }
  }
  return logDet;
}

/** t(C) = n ln(det(W/n) + (tr W + α)/n), evaluated stably (as mclust's vvvtij). */
function clusterTerm(n: number, q: number, trace: number, alpha: number, scatter: Float64Array | null): number {
  const ridge = (trace + alpha) / n;
  if (n <= q || scatter === null || trace === 0) return n * Math.log(ridge);
  const logDet = logDetScaled(scatter, q, n);
  if (logDet === -Infinity) return n * Math.log(ridge);
  return n * (logDet <= 0 ? Math.log(Math.exp(logDet) + ridge) : logDet + Math.log1p(Math.exp(-logDet) * ridge));
}

/**
 * The hierarchy's partitions for G = classes[0]..classes[1] (G ≥ 2), as a generator yielding
 * Progress every few merges (run it with runSteps to make it cancellable).
 */
export function* hierarchicalPartitions(data: LpaData, classes: readonly [number, number], seed: number, tieSalt: number | null = null): Generator<Progress, HierarchicalPartitions, void> {
  const rowList = hierarchyRows(data, seed, tieSalt);
  const rows = Int32Array.from(rowList);
  const coversAll = rows.length === data.n;
  const partitions = new Map<number, Int32Array>();
  let tied = false;
  const gMin = Math.max(2, classes[0]);
  const gMax = classes[1];
  const m = rows.length;
  if (gMax < gMin || m < 2) return { rows, coversAll, partitions, tied };
  const { d, x } = data;
  if (d === 1) {
    const sorted = Float64Array.from(rowList, (row) => x[row]!); // canonical order = ascending
    for (let g = gMin; g <= gMax; g++) if (g <= new Set(sorted).size) partitions.set(g, quantileClasses(sorted, g));
    return { rows, coversAll, partitions, tied };
  }
  const { z, q } = svdScaled(data, rowList);
  // Every row starts as its own cluster (see header, step 3).
  const groups = m;
  const groupOf = Int32Array.from({ length: m }, (_, i) => i);
  const qq = q * q;
  const size = new Float64Array(groups).fill(1);
  const mean = Float64Array.from(z);
  const scatter = new Float64Array(groups * qq);
  const trace = new Float64Array(groups);
  let totalTrace = 0;
  for (let j = 0; j < q; j++) {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += z[i * q + j]!;
    for (let i = 0; i < m; i++) totalTrace += (z[i * q + j]! - sum / m) ** 2;
  }
  const alpha = Math.max(totalTrace / (m * q), EPS);
  const term = new Float64Array(groups);
  for (let g = 0; g < groups; g++) term[g] = clusterTerm(size[g]!, q, 0, alpha, null);

  const work = new Float64Array(qq);
  const delta = new Float64Array(q);
  /** Merge cost of clusters a and b (leaves z̄_a − z̄_b in delta), the merged trace and term. */
  const mergeCost = (a: number, b: number): { cost: number; trace: number; term: number } => {
    const na = size[a]!;
    const nb = size[b]!;
    const n = na + nb;
    const f = (na * nb) / n;
    let tr = trace[a]! + trace[b]!;
    for (let j = 0; j < q; j++) {
      const t = mean[a * q + j]! - mean[b * q + j]!;
      delta[j] = t;
      tr += f * t * t;
    }
    let t: number;
    if (n <= q || tr === 0) {
      t = clusterTerm(n, q, tr, alpha, null);
    } else {
      for (let r = 0; r < q; r++) for (let c = 0; c <= r; c++) work[r * q + c] = scatter[a * qq + r * q + c]! + scatter[b * qq + r * q + c]! + f * delta[r]! * delta[c]!;
      t = clusterTerm(n, q, tr, alpha, work);
    }
    return { cost: t - term[a]! - term[b]!, trace: tr, term: t };
  };

  // Pair costs (upper triangle, a < b at b(b−1)/2 + a), each cluster's best partner, union-find owners.
  const pairIndex = (a: number, b: number): number => (a < b ? (b * (b - 1)) / 2 + a : (a * (a - 1)) / 2 + b);
  const cost = new Float64Array((groups * (groups - 1)) / 2);
  const active = new Uint8Array(groups).fill(1);
  const bestPartner = new Int32Array(groups).fill(-1);
  const bestCost = new Float64Array(groups).fill(Infinity);
  /** Total order on pairs: cost, then the lower cluster, then the higher (clusters in canonical order). */
  const before = (c1: number, a1: number, b1: number, c2: number, a2: number, b2: number): boolean =>
    c1 < c2 || (c1 === c2 && (Math.min(a1, b1) < Math.min(a2, b2) || (Math.min(a1, b1) === Math.min(a2, b2) && Math.max(a1, b1) < Math.max(a2, b2))));
  const rescan = (a: number): void => {
    bestPartner[a] = -1;
    bestCost[a] = Infinity;
    for (let b = 0; b < groups; b++) {
      if (b === a || active[b] === 0) continue;
      const c = cost[pairIndex(a, b)]!;
      if (bestPartner[a]! < 0 || before(c, a, b, bestCost[a]!, a, bestPartner[a]!)) {
        bestPartner[a] = b;
        bestCost[a] = c;
      }
    }
  };
  for (let b = 1; b < groups; b++) for (let a = 0; a < b; a++) cost[pairIndex(a, b)] = mergeCost(a, b).cost;
  for (let a = 0; a < groups; a++) rescan(a);
  yield { stage: 'hierarchical start', current: 0, total: groups };

  const owner = Int32Array.from({ length: groups }, (_, g) => g);
  const root = (g: number): number => {
    let r = g;
    while (owner[r] !== r) r = owner[r]!;
    return r;
  };
  const record = (count: number): void => {
    const label = new Int32Array(groups).fill(-1);
    let next = 0;
    for (let g = 0; g < groups; g++) if (active[g] === 1) label[g] = next++;
    partitions.set(count, Int32Array.from(groupOf, (g) => label[root(g)]!));
  };
  let remaining = groups;
  if (remaining >= gMin && remaining <= gMax) record(remaining);
  while (remaining > gMin) {
    let a = -1;
    for (let i = 0; i < groups; i++) {
      if (active[i] === 0 || bestPartner[i]! < 0) continue;
      if (a < 0 || before(bestCost[i]!, i, bestPartner[i]!, bestCost[a]!, a, bestPartner[a]!)) a = i;
    }
    let b = bestPartner[a]!;
    // A tie: another pair (some cluster's best) with exactly the chosen cost.
    for (let i = 0; i < groups && !tied; i++) {
      if (active[i] === 1 && i !== a && i !== b && bestPartner[i]! >= 0 && bestCost[i] === bestCost[a]) tied = true;
    }
    if (b < a) [a, b] = [b, a];
    // Merge b into a.
    const merged = mergeCost(a, b);
    const na = size[a]!;
    const nb = size[b]!;
    const n = na + nb;
    const f = (na * nb) / n;
    for (let r = 0; r < q; r++) {
      for (let c = 0; c < q; c++) scatter[a * qq + r * q + c] = scatter[a * qq + r * q + c]! + scatter[b * qq + r * q + c]! + f * delta[r]! * delta[c]!;
    }
    for (let j = 0; j < q; j++) mean[a * q + j] = (na * mean[a * q + j]! + nb * mean[b * q + j]!) / n;
    size[a] = n;
    trace[a] = merged.trace;
    term[a] = merged.term;
    active[b] = 0;
    owner[b] = a;
    remaining--;
    for (let j = 0; j < groups; j++) if (j !== a && active[j] === 1) cost[pairIndex(a, j)] = mergeCost(a, j).cost;
    rescan(a);
    for (let j = 0; j < groups; j++) {
      if (j === a || active[j] === 0) continue;
      if (bestPartner[j] === a || bestPartner[j] === b) {
        rescan(j);
      } else {
        const c = cost[pairIndex(a, j)]!;
        if (before(c, j, a, bestCost[j]!, j, bestPartner[j]!)) {
          bestPartner[j] = a;
          bestCost[j] = c;
        }
      }
    }
    if (remaining <= gMax) record(remaining);
    if ((groups - remaining) % 64 === 0) yield { stage: 'hierarchical start', current: groups - remaining, total: groups };
  }
  return { rows, coversAll, partitions, tied };
}

/** Modal labels of every analysed row: nearest hierarchy-cluster mean in z-scores over observed variables. */
function nearestMeanLabels(data: LpaData, hc: HierarchicalPartitions, labels: Int32Array, k: number): Int32Array {
  const { n, d, x } = data;
  const { covariance } = totalMoments(data);
  const centres = new Float64Array(k * d);
  const counts = new Float64Array(k);
  hc.rows.forEach((row, i) => {
    const c = labels[i]!;
    counts[c]! += 1;
    for (let j = 0; j < d; j++) centres[c * d + j]! += x[row * d + j]!;
  });
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centres[c * d + j] = centres[c * d + j]! / counts[c]!;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const v = x[i * d + j]!;
        if (Number.isNaN(v)) continue;
        dist += (v - centres[c * d + j]!) ** 2 / covariance[j * d + j]!;
      }
      if (dist < bestDist) {
        bestDist = dist;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * Start parameters for `model` with k classes from the hierarchy (see the header), or null when the
 * hierarchy has no k-cluster partition (fewer distinct complete rows than k).
 */
export function hierarchicalStart(model: LpaModel, data: LpaData, hc: HierarchicalPartitions, k: number): LpaParams | null {
  const labels = hc.partitions.get(k);
  if (labels === undefined) return null;
  if (hc.coversAll) {
    const full = new Int32Array(data.n);
    hc.rows.forEach((row, i) => (full[row] = labels[i]!));
    return model.partitionStart(data, k, full);
  }
  const { d } = data;
  const x = new Float64Array(hc.rows.length * d);
  hc.rows.forEach((row, i) => x.set(data.x.subarray(row * d, row * d + d), i * d));
  const subset: LpaData = { n: hc.rows.length, d, x, patterns: null, weights: null, variables: data.variables, rowIndex: hc.rows, totalRows: data.totalRows };
  const params = model.partitionStart(subset, k, labels);
  if (Number.isFinite(model.posteriors(data, params).logLik)) return params;
  return model.partitionStart(data, k, nearestMeanLabels(data, hc, labels, k));
}
