/**
 * Pairwise second moments of an n×p answer matrix (NaN = missing), unweighted: for every pair of
 * items the rows answering both, and over those rows the covariance and each item's variance
 * (n − 1 divisors, as R's cov(x, use = "pairwise")); for each item alone its answered rows and
 * its variance over them.
 *
 * Several statistics of one battery are functions of these numbers alone:
 *   Pearson r_ij (pairwise)    = cov_ij / √(var_i|j · var_j|i)          (R's cor, pairwise)
 *   raw alpha's covariance C   = cov_ij off the diagonal, var_i on it     (psych::alpha, pairwise)
 * and reverse-keying an item ((max + min) − x) only flips the sign of its covariances. So they are
 * gathered once, in the pass that computes the correlations (correlation-pearson.ts) or from the
 * polychoric cross-tables (momentsFromTables: for integer codes the tables hold every sum exactly),
 * instead of re-reading the respondents for the score weights and for each factor's alpha.
 */
import type { Matrix } from '../math/matrix';

export type PairwiseMoments = {
  p: number;
  /** count[i·p + j]: rows answering both i and j; diagonal: rows answering i. */
  count: Float64Array;
  /** cov[i·p + j] over the rows answering both (NaN below 2 rows); diagonal: var_i over the rows answering i. */
  cov: Float64Array;
  /** within[i·p + j]: variance of item i over the rows answering both i and j; diagonal = var_i. */
  within: Float64Array;
};

/** Builds the moments from per-pair sums of (shifted) values; the sums for i < j are read from the upper triangle. */
export function momentsFromSums(
  p: number,
  item: { n: Float64Array; s: Float64Array; ss: Float64Array },
  pair: (i: number, j: number) => { n: number; sx: number; sy: number; sxx: number; syy: number; sxy: number },
): PairwiseMoments {
  const count = new Float64Array(p * p);
  const cov = new Float64Array(p * p);
  const within = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    const n = item.n[i]!;
    const v = n > 1 ? (item.ss[i]! - (item.s[i]! * item.s[i]!) / n) / (n - 1) : NaN;
    count[i * p + i] = n;
    cov[i * p + i] = v;
    within[i * p + i] = v;
    for (let j = i + 1; j < p; j++) {
      const { n: w, sx, sy, sxx, syy, sxy } = pair(i, j);
      const d = w > 1 ? w - 1 : NaN;
      count[i * p + j] = count[j * p + i] = w;
      cov[i * p + j] = cov[j * p + i] = (sxy - (sx * sy) / w) / d;
      within[i * p + j] = (sxx - (sx * sx) / w) / d;
      within[j * p + i] = (syy - (sy * sy) / w) / d;
    }
  }
  return { p, count, cov, within };
}

/**
 * Moments from the unweighted K×K cross-tables of integer codes 0..K−1 (tables[pair·K² + a·K + b],
 * pairs i < j in order) and per-item code counts (margins[j·K + a]). Every sum is an integer, so
 * it is exact; codes stand for answers code + offset, which changes no (co)variance.
 */
export function momentsFromTables(tables: Float64Array, margins: Float64Array, p: number, k: number): PairwiseMoments {
  const kk = k * k;
  const item = { n: new Float64Array(p), s: new Float64Array(p), ss: new Float64Array(p) };
  for (let j = 0; j < p; j++) {
    for (let a = 0; a < k; a++) {
      const c = margins[j * k + a]!;
      item.n[j]! += c;
      item.s[j]! += c * a;
      item.ss[j]! += c * a * a;
    }
  }
  const pairIndex = (i: number, j: number): number => i * p - (i * (i + 1)) / 2 + (j - i - 1);
  return momentsFromSums(p, item, (i, j) => {
    const base = pairIndex(i, j) * kk;
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const c = tables[base + a * k + b]!;
        if (c === 0) continue;
        n += c;
        sx += c * a;
        sy += c * b;
        sxx += c * a * a;
        syy += c * b * b;
        sxy += c * a * b;
      }
    }
    return { n, sx, sy, sxx, syy, sxy };
  });
}

/** Pearson correlations (pairwise) from the moments: R's cor(x, use = "pairwise"). */
export function pearsonFromMoments(moments: PairwiseMoments): Matrix {
  const { p, cov, within } = moments;
  const data = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    data[i * p + i] = 1;
    for (let j = i + 1; j < p; j++) {
      const vx = within[i * p + j]!;
      const vy = within[j * p + i]!;
      let rho = vx > 0 && vy > 0 ? cov[i * p + j]! / Math.sqrt(vx * vy) : NaN;
      if (rho > 1) rho = 1;
      else if (rho < -1) rho = -1;
      data[i * p + j] = data[j * p + i] = rho;
    }
  }
  return { rows: p, cols: p, data };
}
