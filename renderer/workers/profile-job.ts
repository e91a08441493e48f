/**
 * Segment profiles in the worker: sizes, the index-to-total heatmap over the segmentation basis
 * (factor scores or items) and crosstabs of the profile variables with significance letters, all
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
  profileVariables: string[];
  segmentNames: string[];
};

export async function runProfileJob(spec: ProfileSpec): Promise<SegmentProfile> {
  return buildSegmentProfile({
    dataset: spec.dataset,
    segments: spec.segments,
    k: spec.k,
    attitudes: spec.attitudes,
    profileVariables: spec.profileVariables,
    segmentNames: spec.segmentNames,
  });
}
