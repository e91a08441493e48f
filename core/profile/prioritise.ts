/**
 * The segment prioritisation table: size, distinctiveness and (optionally) a value variable
 * such as spend, combined into one documented score to suggest where to focus.
 *
 * distinctiveness = root mean square of the segment's standardised differences d over all
 * attitudes (how far it sits from the average respondent). value index = 100 × segment mean /
 * total mean; value share = the segment's share of the total value (Σ w·value).
 * score = mean of the components each divided by its maximum over segments: share,
 * distinctiveness and, when a value variable is given, value share. Rank 1 = highest score.
 */
import { numericValues, type Column } from '../data/dataset';
import { groupMoments } from './weighted-stats';
import type { AttitudeTable, PriorityRow, SegmentSize } from './profile-types';

export const PRIORITY_METHOD =
  'score = mean of (share / max share, distinctiveness / max distinctiveness[, value share / max value share]); distinctiveness = RMS of standardised differences from the total over all attitudes.';

export function prioritiseSegments(sizes: readonly SegmentSize[], attitudes: AttitudeTable, valueColumn: Column | null, rows: number, segments: Int32Array, weights: Float64Array | null): PriorityRow[] {
  const k = sizes.length;
  const distinct = sizes.map((_, s) => {
    const d = attitudes.d[s] ?? [];
    return d.length > 0 ? Math.sqrt(d.reduce((a, x) => a + x * x, 0) / d.length) : 0;
  });
  let valueMean: (number | null)[] = sizes.map(() => null);
  let valueIndex: (number | null)[] = sizes.map(() => null);
  let valueShare: (number | null)[] = sizes.map(() => null);
  if (valueColumn !== null) {
    const { groups, total } = groupMoments(numericValues(valueColumn, rows), segments, weights, k);
    const totalValue = total.mean * total.sumW;
    valueMean = groups.map((g) => g.mean);
    valueIndex = groups.map((g) => (total.mean !== 0 ? (100 * g.mean) / total.mean : null));
    valueShare = groups.map((g) => (totalValue !== 0 ? (g.mean * g.sumW) / totalValue : null));
  }
  const maxOf = (xs: (number | null)[]): number => Math.max(...xs.map((x) => x ?? 0), 1e-12);
  const maxShare = maxOf(sizes.map((x) => x.weightedShare));
  const maxDistinct = maxOf(distinct);
  const maxValue = maxOf(valueShare);
  const rowsOut: PriorityRow[] = sizes.map((size, s) => {
    const parts = [size.weightedShare / maxShare, distinct[s]! / maxDistinct];
    if (valueColumn !== null) parts.push((valueShare[s] ?? 0) / maxValue);
    return {
      segment: s,
      name: size.name,
      share: size.weightedShare,
      distinctiveness: distinct[s]!,
      valueMean: valueMean[s] ?? null,
      valueIndex: valueIndex[s] ?? null,
      valueShare: valueShare[s] ?? null,
      score: parts.reduce((a, b) => a + b, 0) / parts.length,
      rank: 0,
    };
  });
  [...rowsOut].sort((a, b) => b.score - a.score).forEach((r, i) => (r.rank = i + 1));
  return rowsOut;
}
