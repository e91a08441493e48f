/**
 * Segment profiles in the worker: sizes, the index-to-total heatmaps of the attitude items and
 * (with a factor step) of the factor scores and crosstabs of the profile variables with significance letters, all
 * from core/profile (buildSegmentProfile).
 */
import type { Dataset } from '../../core/data/dataset';
import { buildSegmentProfile } from '../../core/profile/build-profile';
import type { IndexKind, SegmentProfile } from '../../core/profile/profile-types';

export type ProfileSpec = {
  kind: 'profile';
  dataset: Dataset;
  segments: Int32Array;
  k: number;
  /** Factor scores or items: one column of values per attitude, aligned with dataset rows. */
  attitudes: { name: string; label: string; values: Float64Array; indexKind: IndexKind }[];
  /** Factor scores (named factors) profiled beside the items, when the basis is factor scores. */
  factors: { name: string; label: string; values: Float64Array; indexKind: IndexKind }[];
  profileVariables: string[];
  segmentNames: string[];
};

export async function runProfileJob(spec: ProfileSpec): Promise<SegmentProfile> {
  return buildSegmentProfile({
    dataset: spec.dataset,
    segments: spec.segments,
    k: spec.k,
    attitudes: spec.attitudes,
    factors: spec.factors,
    profileVariables: spec.profileVariables,
    segmentNames: spec.segmentNames,
  });
}
