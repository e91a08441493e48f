/**
 * buildSegmentProfile: everything the Profiles screen and the deck show about a segmentation,
 * from the dataset, each respondent's segment and the attitudes that define the segments.
 * Orchestration only: sizes here, means in attitudes.ts, crosstabs in crosstab.ts, persona
 * drafts in personas.ts, prioritisation in prioritise.ts. Conventions in profile-types.ts.
 */
import { InputError } from '../errors';
import { findColumn, numericValues, type Dataset } from '../data/dataset';
import { buildAttitudeTable, distinctiveAttitudes, type AttitudeInput } from './attitudes';
import { crosstabCategorical, crosstabMean, profileColumnKind } from './crosstab';
import { draftPersonas } from './personas';
import { PRIORITY_METHOD, prioritiseSegments } from './prioritise';
import { PROFILE_SCHEMA_VERSION, segmentLetter, type Crosstab, type SegmentProfile, type SegmentSize, type Standout } from './profile-types';

export type ProfileInput = {
  dataset: Dataset;
  /** Segment 0..k−1 of each dataset row; −1 for a respondent without a segment. */
  segments: Int32Array;
  k: number;
  /** Display names (persona names once written); defaults to "Segment A"… */
  segmentNames?: readonly string[];
  /** Factor scores or items, aligned with the dataset rows. */
  attitudes: readonly AttitudeInput[];
  /** Factor scores (named factors), profiled beside the attitudes; never used for distinctiveness. */
  factors?: readonly AttitudeInput[];
  profileVariables: readonly string[];
  valueVariable?: string | null;
  /** Use the dataset's weight column (default true when it has one). */
  useWeights?: boolean;
  distinctiveCount?: number;
};

export function buildSegmentProfile(input: ProfileInput): SegmentProfile {
  const { dataset, segments, k } = input;
  if (segments.length !== dataset.rows) throw new InputError('data-insufficient', `There are ${segments.length} segment assignments for ${dataset.rows} respondents; re-run the segmentation on this data.`);
  const weights = resolveWeights(dataset, input.useWeights ?? true);
  const sizes = segmentSizes(segments, weights, k, input.segmentNames);
  const n = sizes.reduce((a, s) => a + s.count, 0);
  if (n === 0) throw new InputError('data-insufficient', 'No respondent has a segment, so there is nothing to profile; run the segmentation first.');
  const attitudes = buildAttitudeTable(input.attitudes, segments, weights, k);
  const distinctive = sizes.map((_, s) => distinctiveAttitudes(attitudes, s, input.distinctiveCount ?? 5));
  const factors = input.factors === undefined || input.factors.length === 0 ? null : buildAttitudeTable(input.factors.map((f) => ({ ...f, indexKind: 'standardised' as const })), segments, weights, k);
  const crosstabs: Crosstab[] = [];
  const standouts: Standout[][] = sizes.map(() => []);
  for (const name of input.profileVariables) {
    const column = findColumn(dataset, name);
    if (column === undefined) throw new InputError('column-unknown', `Profile variable '${name}' is not in '${dataset.source.file}'; choose it again from the columns.`, { column: name });
    const kind = profileColumnKind(column, dataset.rows);
    if (kind === 'skip') continue;
    const out = kind === 'categorical' ? crosstabCategorical(column, dataset.rows, segments, weights, k) : crosstabMean(column, dataset.rows, segments, weights, k);
    crosstabs.push(out.table);
    out.standouts.forEach((list, s) => standouts[s]!.push(...list));
  }
  for (const list of standouts) list.sort((a, b) => a.p - b.p || Math.abs(b.index - 100) - Math.abs(a.index - 100));
  const valueName = input.valueVariable ?? null;
  const valueColumn = valueName === null ? null : (findColumn(dataset, valueName) ?? null);
  if (valueName !== null && valueColumn === null) throw new InputError('column-unknown', `Value variable '${valueName}' is not in '${dataset.source.file}'; choose another or none.`, { column: valueName });
  return {
    kind: 'segment-profile',
    schemaVersion: PROFILE_SCHEMA_VERSION,
    k,
    n,
    weighted: weights !== null,
    sizes,
    attitudes,
    factors,
    distinctive,
    crosstabs,
    standouts,
    personas: draftPersonas(sizes, distinctive, standouts, factors),
    priority: { valueVariable: valueName, valueLabel: valueColumn === null ? null : valueColumn.label || valueColumn.name, rows: prioritiseSegments(sizes, attitudes, valueColumn, dataset.rows, segments, weights), method: PRIORITY_METHOD },
  };
}

function resolveWeights(dataset: Dataset, use: boolean): Float64Array | null {
  if (!use || dataset.weight === null) return null;
  const column = findColumn(dataset, dataset.weight);
  if (column === undefined) throw new InputError('column-unknown', `Weight column '${dataset.weight}' is not in '${dataset.source.file}'.`, { column: dataset.weight });
  return numericValues(column, dataset.rows);
}

export function segmentSizes(segments: Int32Array, weights: Float64Array | null, k: number, names?: readonly string[]): SegmentSize[] {
  const count = new Float64Array(k);
  const wsum = new Float64Array(k);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s < 0 || s >= k) continue;
    const w = weights === null ? 1 : weights[i]!;
    count[s] = count[s]! + 1;
    if (w > 0) wsum[s] = wsum[s]! + w;
  }
  const n = count.reduce((a, b) => a + b, 0);
  const wTotal = wsum.reduce((a, b) => a + b, 0);
  return Array.from({ length: k }, (_, s) => ({
    segment: s,
    name: names?.[s] ?? `Segment ${segmentLetter(s)}`,
    letter: segmentLetter(s),
    count: count[s]!,
    share: n > 0 ? count[s]! / n : 0,
    weightedSize: wsum[s]!,
    weightedShare: wTotal > 0 ? wsum[s]! / wTotal : 0,
  }));
}
