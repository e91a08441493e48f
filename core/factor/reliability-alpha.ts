/**
 * Cronbach's alpha for one scale, with reverse-keyed items, as psych::alpha (raw data,
 * use = "pairwise"). Data: n×k responses (respondents first, NaN = missing) of the scale's items.
 *
 * Reverse keys: a keyed item becomes (max + min) − x, max/min over all of the scale's answers
 * (psych's rule; 7 − x on a 1–6 scale). C = pairwise covariance matrix of the keyed items (means
 * and n − 1 divisor per pair, as R's cov(use = "pairwise")), R its correlation matrix.
 *   raw alpha  = k/(k−1) · (1 − tr C / ΣC)
 *   std alpha  = k/(k−1) · (1 − k / ΣR)
 *   G6 (smc)   = 1 − (k − Σ smc(R)) / ΣR          (Guttman's λ6)
 *   average r  = (ΣR − k) / (k(k−1));  S/N = k·r̄ / (1 − r̄)
 *   ase        = sqrt(Q / n), Q = 2k²/((k−1)²(ΣC)³) · [ΣC·(tr(C²) + (tr C)²) − 2·tr C·Σ(C²)]
 *               (Duhachek & Iacobucci; ΣX = sum of all elements, C² the matrix product)
 *   var.r, med.r = variance (n−1 divisor) and median of the k(k−1)/2 correlations below the diagonal.
 * Item statistics: raw.r = r(item, scale score) with the score the mean of the keyed items a
 * respondent answered; std.r = Σ_j R_ij / sqrt(ΣR); r.cor = the same with smc on the diagonal;
 * r.drop = r(item, sum of the other items) from C. "Alpha if dropped" repeats the scale
 * statistics without each item (k ≥ 3).
 * `impute: 'median'` replaces missing answers by the item median first, as psych::scoreItems
 * (default impute = "median") does before its alpha; psych::alpha itself uses 'none'.
 * Oracle: tests/oracle/alpha.test.ts (bfi_alpha.json, bfi_score_items.json).
 */
import { InputError } from '../errors';
import type { Matrix } from '../math/matrix';
import { correlationWithScore, covarianceToCorrelation, median, moments, pairwiseCovariance, sumAll } from './reliability-moments';
import { smc } from './smc';

export type AlphaStatistics = {
  rawAlpha: number;
  stdAlpha: number;
  g6: number;
  averageR: number;
  signalNoise: number;
  /** Asymptotic standard error of raw alpha, sqrt(Q / n). */
  ase: number;
  varR: number;
  medianR: number;
};

export type AlphaItemStatistics = {
  item: string;
  reversed: boolean;
  n: number;
  rawR: number;
  stdR: number;
  rCor: number;
  rDrop: number;
  mean: number;
  sd: number;
};

export type AlphaResult = {
  kind: 'alpha';
  schemaVersion: 1;
  items: string[];
  reversed: string[];
  impute: 'none' | 'median';
  total: AlphaStatistics & { mean: number; sd: number };
  /** Scale statistics with each item left out (null when the scale has 2 items). */
  alphaIfDropped: (AlphaStatistics & { item: string })[] | null;
  itemStatistics: AlphaItemStatistics[];
  /** Scale score per respondent: mean of the keyed items answered (NaN if none). */
  scores: Float64Array;
};

export type AlphaParams = {
  itemNames: readonly string[];
  /** Names of the reverse-keyed items. */
  reverse?: readonly string[];
  impute?: 'none' | 'median';
};

export function cronbachAlpha(data: Matrix, params: AlphaParams): AlphaResult {
  const { rows: n, cols: k } = data;
  const names = params.itemNames;
  if (names.length !== k) throw new InputError('option-invalid', `cronbachAlpha: ${names.length} item names for ${k} columns.`);
  if (k < 2) throw new InputError('data-insufficient', `Alpha needs at least two items; the scale has ${k}. Add items to the scale.`);
  const reverse = new Set(params.reverse ?? []);
  for (const r of reverse) if (!names.includes(r)) throw new InputError('column-unknown', `Reverse-keyed item '${r}' is not one of the scale's items (${names.join(', ')}).`, { column: r });
  const impute = params.impute ?? 'none';
  const x = keyedData(data, names, reverse);
  if (impute === 'median') imputeMedians(x, n, k);

  const C = pairwiseCovariance(x, n, k);
  for (let j = 0; j < k; j++) {
    if (!(C[j * k + j]! > 0)) throw new InputError('data-degenerate', `Item '${names[j]}' has no variance (constant or unanswered); remove it from the scale.`, { column: names[j]! });
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (Number.isNaN(C[i * k + j]!)) {
        throw new InputError('data-insufficient', `Items '${names[i]}' and '${names[j]}' are answered together by fewer than two respondents, so the scale's alpha is undefined. Remove one of them from the scale.`, { column: names[i]! });
      }
    }
  }
  const R = covarianceToCorrelation(C, k);
  const all = Array.from({ length: k }, (_, j) => j);
  const total = scaleStatistics(C, R, k, all, n);

  const scores = new Float64Array(n);
  let sum = 0;
  let count = 0;
  for (let r = 0; r < n; r++) {
    let s = 0;
    let m = 0;
    for (let j = 0; j < k; j++) {
      const v = x[r * k + j]!;
      if (!Number.isNaN(v)) {
        s += v;
        m++;
      }
    }
    scores[r] = m > 0 ? s / m : NaN;
    if (m > 0) {
      sum += scores[r]!;
      count++;
    }
  }
  const mean = sum / count;
  let ss = 0;
  for (let r = 0; r < n; r++) if (!Number.isNaN(scores[r]!)) ss += (scores[r]! - mean) ** 2;
  const sd = Math.sqrt(ss / (count - 1));

  const sumR = sumAll(R);
  const smcR = smc({ rows: k, cols: k, data: R });
  let sumRC = sumR;
  for (let j = 0; j < k; j++) sumRC += smcR[j]! - 1;
  const sumC = sumAll(C);
  const itemStatistics: AlphaItemStatistics[] = names.map((item, j) => {
    let colR = 0;
    let colC = 0;
    for (let i = 0; i < k; i++) {
      colR += R[i * k + j]!;
      colC += C[i * k + j]!;
    }
    const cjj = C[j * k + j]!;
    const vDrop = sumC - 2 * colC + cjj;
    const itemMoments = moments(x, n, k, j);
    return {
      item,
      reversed: reverse.has(item),
      n: itemMoments.n,
      rawR: correlationWithScore(x, scores, n, k, j),
      stdR: colR / Math.sqrt(sumR),
      rCor: (colR - 1 + smcR[j]!) / Math.sqrt(sumRC),
      rDrop: (colC - cjj) / Math.sqrt(cjj * vDrop),
      mean: itemMoments.mean,
      sd: itemMoments.sd,
    };
  });
  const alphaIfDropped =
    k < 3
      ? null
      : names.map((item, j) => ({ item, ...scaleStatistics(C, R, k, all.filter((i) => i !== j), n) }));
  return {
    kind: 'alpha',
    schemaVersion: 1,
    items: [...names],
    reversed: names.filter((nm) => reverse.has(nm)),
    impute,
    total: { ...total, mean, sd },
    alphaIfDropped,
    itemStatistics,
    scores,
  };
}

/** The scale statistics of psych's alpha.1 for the items `subset` of C and R (k × k). */
export function scaleStatistics(C: Float64Array, R: Float64Array, k: number, subset: readonly number[], n: number): AlphaStatistics {
  const m = subset.length;
  const sub = (M: Float64Array): Float64Array => {
    const out = new Float64Array(m * m);
    subset.forEach((a, i) => subset.forEach((b, j) => (out[i * m + j] = M[a * k + b]!)));
    return out;
  };
  const c = sub(C);
  const r = sub(R);
  let trC = 0;
  for (let i = 0; i < m; i++) trC += c[i * m + i]!;
  const sumC = sumAll(c);
  const sumR = sumAll(r);
  const smcR = smc({ rows: m, cols: m, data: r });
  let sumSmc = 0;
  for (const v of smcR) sumSmc += v;
  const averageR = (sumR - m) / (m * (m - 1));
  // tr(C·C) = Σ c_ij²; Σ(C·C) = Σ_j (Σ_i c_ij)² for symmetric C.
  let trCC = 0;
  let sumCC = 0;
  for (let j = 0; j < m; j++) {
    let col = 0;
    for (let i = 0; i < m; i++) {
      trCC += c[i * m + j]! ** 2;
      col += c[i * m + j]!;
    }
    sumCC += col * col;
  }
  const q = ((2 * m * m) / ((m - 1) ** 2 * sumC ** 3)) * (sumC * (trCC + trC * trC) - 2 * trC * sumCC);
  const off: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) off.push(r[i * m + j]!);
  const offMean = off.reduce((s, v) => s + v, 0) / off.length;
  const varR = off.length > 1 ? off.reduce((s, v) => s + (v - offMean) ** 2, 0) / (off.length - 1) : NaN;
  return {
    rawAlpha: (1 - trC / sumC) * (m / (m - 1)),
    stdAlpha: (1 - m / sumR) * (m / (m - 1)),
    g6: 1 - (m - sumSmc) / sumR,
    averageR,
    signalNoise: (m * averageR) / (1 - averageR),
    ase: Math.sqrt(q / n),
    varR,
    medianR: median(off),
  };
}

function keyedData(data: Matrix, names: readonly string[], reverse: Set<string>): Float64Array {
  const { rows: n, cols: k, data: x } = data;
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Float64Array(x);
  names.forEach((name, j) => {
    if (!reverse.has(name)) return;
    for (let r = 0; r < n; r++) out[r * k + j] = max + min - x[r * k + j]!;
  });
  return out;
}

function imputeMedians(x: Float64Array, n: number, k: number): void {
  for (let j = 0; j < k; j++) {
    const observed: number[] = [];
    for (let r = 0; r < n; r++) if (!Number.isNaN(x[r * k + j]!)) observed.push(x[r * k + j]!);
    const med = median(observed);
    for (let r = 0; r < n; r++) if (Number.isNaN(x[r * k + j]!)) x[r * k + j] = med;
  }
}
