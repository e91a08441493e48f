/**
 * Crosstabs of a profile variable (demographic, behaviour) by segment, with column-proportion
 * significance letters, a test of independence, and the segment-vs-rest standouts.
 *
 * Column proportions: for a row and segments a, b with proportions p_a, p_b on effective bases
 * n_a, n_b, z = (p_a − p_b) / √(p̄(1−p̄)(1/n_a + 1/n_b)) with the pooled p̄; two-sided, Bonferroni
 * over the K(K−1)/2 pairs in the row (SPSS Custom Tables' default adjustment). Independence:
 * Pearson chi-square on the weighted table rescaled to the effective total (a first-order
 * design-effect correction; exact when unweighted).
 */
import { isMissingValue, numericValues, type Column } from '../data/dataset';
import { effectiveN, groupMoments } from './weighted-stats';
import { meanLetters } from './attitudes';
import { betaRegularized, chiSquareUpperTail, studentTwoSidedP, twoSidedP } from './stat-tests';
import { ALPHA, segmentLetter, type Crosstab, type CrosstabRow, type Standout } from './profile-types';

export type ProfileColumnKind = 'categorical' | 'mean' | 'skip';

/** Categories above which a categorical column is treated as an identifier or free text and skipped. */
export const MAX_PROFILE_CATEGORIES = 30;

/**
 * Nominal, ordinal and text columns, and whole-number columns with ≤ 12 values, are categorical;
 * other numeric columns are profiled by their means. Id columns, and categorical columns with more
 * than MAX_PROFILE_CATEGORIES distinct answers (ids, open text), are skipped.
 */
export function profileColumnKind(column: Column, rows: number): ProfileColumnKind {
  if (column.measurement === 'id') return 'skip';
  if (column.measurement !== 'continuous' || column.values === null) {
    return categorise(column, rows).labels.length > MAX_PROFILE_CATEGORIES ? 'skip' : 'categorical';
  }
  const seen = new Set<number>();
  for (let i = 0; i < rows; i++) {
    if (isMissingValue(column, i)) continue;
    const v = column.values[i]!;
    if (!Number.isInteger(v)) return 'mean';
    seen.add(v);
    if (seen.size > 12) return 'mean';
  }
  return 'categorical';
}

/** Category index per row (−1 missing) and the category labels, in code or first-seen order. */
export function categorise(column: Column, rows: number): { codes: Int32Array; labels: string[] } {
  const codes = new Int32Array(rows).fill(-1);
  if (column.values !== null) {
    const vals = numericValues({ ...column, reversed: false }, rows);
    const distinct = [...new Set(Array.from(vals).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
    const pos = new Map(distinct.map((v, i) => [v, i]));
    for (let i = 0; i < rows; i++) codes[i] = Number.isNaN(vals[i]!) ? -1 : pos.get(vals[i]!)!;
    const labelOf = new Map(column.valueLabels.map((l) => [l.code, l.label]));
    return { codes, labels: distinct.map((v) => labelOf.get(v) ?? String(v)) };
  }
  const pos = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    if (isMissingValue(column, i)) continue;
    const t = column.text![i]!.trim();
    if (!pos.has(t)) pos.set(t, pos.size);
    codes[i] = pos.get(t)!;
  }
  return { codes, labels: [...pos.keys()] };
}

export function crosstabCategorical(column: Column, rows: number, segments: Int32Array, weights: Float64Array | null, k: number): { table: Crosstab; standouts: Standout[][] } {
  const { codes, labels } = categorise(column, rows);
  const c = labels.length;
  const w = Array.from({ length: k }, () => new Float64Array(c));
  const count = Array.from({ length: k }, () => new Float64Array(c));
  const sumW = new Float64Array(k);
  const sumW2 = new Float64Array(k);
  const base = new Array<number>(k).fill(0);
  for (let i = 0; i < rows; i++) {
    const s = segments[i]!;
    const code = codes[i]!;
    const wi = weights === null ? 1 : weights[i]!;
    if (s < 0 || s >= k || code < 0 || !(wi > 0)) continue;
    w[s]![code] = w[s]![code]! + wi;
    count[s]![code] = count[s]![code]! + 1;
    sumW[s] = sumW[s]! + wi;
    sumW2[s] = sumW2[s]! + wi * wi;
    base[s] = base[s]! + 1;
  }
  const nEff = Array.from({ length: k }, (_, s) => effectiveN({ sumW: sumW[s]!, sumW2: sumW2[s]! }));
  const totalW = sumW.reduce((a, b) => a + b, 0);
  const totalEff = effectiveN({ sumW: totalW, sumW2: sumW2.reduce((a, b) => a + b, 0) });
  const pairs = (k * (k - 1)) / 2;
  const tableRows: CrosstabRow[] = [];
  const standouts: Standout[][] = Array.from({ length: k }, () => []);
  let chi = 0;
  for (let j = 0; j < c; j++) {
    const rowW = w.reduce((a, seg) => a + seg[j]!, 0);
    const pTotal = totalW > 0 ? rowW / totalW : 0;
    const p = Array.from({ length: k }, (_, s) => (sumW[s]! > 0 ? w[s]![j]! / sumW[s]! : 0));
    const letters = p.map(() => '');
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        if (a === b || !(p[a]! > p[b]!)) continue;
        const z = proportionZ(p[a]!, nEff[a]!, p[b]!, nEff[b]!);
        if (twoSidedP(z) * pairs < ALPHA) letters[a] += segmentLetter(b);
      }
    }
    for (let s = 0; s < k; s++) {
      const expected = (sumW[s]! * rowW) / totalW;
      if (expected > 0) chi += ((w[s]![j]! - expected) ** 2 / expected) * (totalEff / totalW);
      const restW = totalW - sumW[s]!;
      const pRest = restW > 0 ? (rowW - w[s]![j]!) / restW : 0;
      const z = proportionZ(p[s]!, nEff[s]!, pRest, Math.max(totalEff - nEff[s]!, 1));
      const adjusted = Math.min(1, twoSidedP(z) * k * c);
      if (adjusted < ALPHA && pTotal > 0) {
        standouts[s]!.push({ variable: column.name, label: column.label, kind: 'share', category: labels[j]!, value: 100 * p[s]!, totalValue: 100 * pTotal, index: (100 * p[s]!) / pTotal, p: adjusted });
      }
    }
    tableRows.push({ category: labels[j]!, percent: p.map((x) => 100 * x), totalPercent: 100 * pTotal, count: Array.from(count, (seg) => seg[j]!), letters });
  }
  const df = (k - 1) * (c - 1);
  const pChi = chiSquareUpperTail(chi, df);
  return {
    table: { variable: column.name, label: column.label, kind: 'categorical', rows: tableRows, base, effectiveBase: nEff, test: { statistic: chi, df, p: pChi, name: 'chi-square' } },
    standouts: pChi < ALPHA ? standouts : standouts.map(() => []),
  };
}

function proportionZ(pa: number, na: number, pb: number, nb: number): number {
  if (na <= 0 || nb <= 0) return 0;
  const pooled = (pa * na + pb * nb) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  return se > 0 ? (pa - pb) / se : 0;
}

export function crosstabMean(column: Column, rows: number, segments: Int32Array, weights: Float64Array | null, k: number): { table: Crosstab; standouts: Standout[][] } {
  const values = numericValues(column, rows);
  const { groups, total } = groupMoments(values, segments, weights, k);
  const nEff = groups.map(effectiveN);
  const letters = meanLetters(groups);
  // One-way ANOVA F on effective bases.
  const totalEff = effectiveN(total);
  let between = 0;
  let within = 0;
  for (let s = 0; s < k; s++) {
    const g = groups[s]!;
    if (!(g.sumW > 0)) continue;
    between += nEff[s]! * (g.mean - total.mean) ** 2;
    within += nEff[s]! * g.variance;
  }
  const df1 = k - 1;
  const df2 = Math.max(totalEff - k, 1);
  const f = within > 0 ? between / df1 / (within / df2) : 0;
  const pF = betaF(f, df1, df2);
  const standouts: Standout[][] = groups.map((g, s) => {
    if (pF >= ALPHA || !(g.sumW > 0)) return [];
    const restW = total.sumW - g.sumW;
    if (!(restW > 0)) return [];
    const restMean = (total.mean * total.sumW - g.mean * g.sumW) / restW;
    const restN = Math.max(totalEff - nEff[s]!, 2);
    const se = Math.sqrt(total.variance / nEff[s]! + total.variance / restN);
    const p = se > 0 ? Math.min(1, studentTwoSidedP((g.mean - restMean) / se, df2) * k) : 1;
    if (p >= ALPHA) return [];
    return [{ variable: column.name, label: column.label, kind: 'mean', category: '', value: g.mean, totalValue: total.mean, index: total.mean !== 0 ? (100 * g.mean) / total.mean : NaN, p }];
  });
  const row: CrosstabRow = { category: 'Mean', percent: groups.map((g) => g.mean), totalPercent: total.mean, count: groups.map((g) => g.n), letters };
  return {
    table: { variable: column.name, label: column.label, kind: 'mean', rows: [row], base: groups.map((g) => g.n), effectiveBase: nEff, test: { statistic: f, df: df1, p: pF, name: 'F' } },
    standouts,
  };
}

/** Upper tail of F(df1, df2) through the incomplete beta. */
function betaF(f: number, df1: number, df2: number): number {
  if (!(f > 0)) return 1;
  // P(F > f) = I_{df2/(df2+df1 f)}(df2/2, df1/2)
  return betaRegularized(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
}
