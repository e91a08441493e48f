/**
 * Attitude means by segment (factor scores or items), indexed to the total, with significance
 * letters, and the most distinctive attitudes of each segment. Conventions (index kinds, d,
 * letters) are documented in profile-types.ts.
 */
import { effectiveN, groupMoments, type GroupMoments } from './weighted-stats';
import { ALPHA, segmentLetter, type AttitudeTable, type DistinctiveItem, type IndexKind } from './profile-types';
import { studentTwoSidedP } from './stat-tests';

export type AttitudeInput = { name: string; label: string; values: Float64Array; indexKind?: IndexKind };

export function buildAttitudeTable(attitudes: readonly AttitudeInput[], segments: Int32Array, weights: Float64Array | null, k: number): AttitudeTable {
  const table: AttitudeTable = { variables: [], totalMean: [], totalSd: [], means: [], index: [], d: [], letters: [] };
  for (let s = 0; s < k; s++) {
    table.means.push([]);
    table.index.push([]);
    table.d.push([]);
    table.letters.push([]);
  }
  for (const a of attitudes) {
    const { groups, total } = groupMoments(a.values, segments, weights, k);
    const kind = a.indexKind ?? guessIndexKind(a.values, total.mean);
    const sd = Math.sqrt(total.variance);
    table.variables.push({ name: a.name, label: a.label, indexKind: kind });
    table.totalMean.push(total.mean);
    table.totalSd.push(sd);
    const letters = meanLetters(groups);
    for (let s = 0; s < k; s++) {
      const m = groups[s]!.mean;
      const d = sd > 0 ? (m - total.mean) / sd : 0;
      table.means[s]!.push(m);
      table.d[s]!.push(d);
      table.index[s]!.push(kind === 'ratio' ? (100 * m) / total.mean : 100 + 100 * d);
      table.letters[s]!.push(letters[s]!);
    }
  }
  return table;
}

/** Ratio index for non-negative scales with a positive mean, standardised otherwise. */
function guessIndexKind(values: Float64Array, mean: number): IndexKind {
  let min = Infinity;
  for (const v of values) if (!Number.isNaN(v) && v < min) min = v;
  return min >= 0 && mean > 0 ? 'ratio' : 'standardised';
}

/** Pairwise Welch t-tests on effective bases, Bonferroni over the pairs. */
export function meanLetters(groups: readonly GroupMoments[]): string[] {
  const k = groups.length;
  const pairs = (k * (k - 1)) / 2;
  const letters = groups.map(() => '');
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      const ga = groups[a]!;
      const gb = groups[b]!;
      const na = effectiveN(ga);
      const nb = effectiveN(gb);
      if (na < 2 || nb < 2 || !(ga.mean > gb.mean)) continue;
      const va = (ga.variance * na) / (na - 1) / na;
      const vb = (gb.variance * nb) / (nb - 1) / nb;
      const se = Math.sqrt(va + vb);
      if (!(se > 0)) continue;
      const df = (va + vb) ** 2 / (va * va / (na - 1) + vb * vb / (nb - 1));
      const p = studentTwoSidedP((ga.mean - gb.mean) / se, df);
      if (p * pairs < ALPHA) letters[a] += segmentLetter(b);
    }
  }
  return letters;
}

/**
 * The `count` attitudes with the largest |d| for segment s, highest first (positive d) then
 * lowest. Items within 0.05 SD of the total are never called distinctive.
 */
export function distinctiveAttitudes(table: AttitudeTable, s: number, count = 5): DistinctiveItem[] {
  const items: DistinctiveItem[] = table.variables.map((v, j) => ({
    name: v.name,
    label: v.label,
    mean: table.means[s]![j]!,
    totalMean: table.totalMean[j]!,
    index: table.index[s]![j]!,
    d: table.d[s]![j]!,
    direction: table.d[s]![j]! >= 0 ? 'high' : 'low',
  }));
  return items
    .filter((i) => Math.abs(i.d) >= 0.05)
    .sort((x, y) => Math.abs(y.d) - Math.abs(x.d))
    .slice(0, count)
    .sort((x, y) => y.d - x.d);
}
