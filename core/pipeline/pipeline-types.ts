/**
 * What the end-to-end pipeline (import → quality → factors → segments → profiles → personas →
 * typing tool → deck) produces. `PipelineResult` is result.json: plain, versioned data with the
 * settings and seeds it was made with. `segments` is the client-facing summary (one entry per
 * segment: name, tagline, size, share, distinctive items with their index to the total); the
 * factor and model results and the full profile follow.
 */
import type { Notice } from '../notices';
import type { SegmentProfile } from '../profile/profile-types';
import type { FitRow } from '../report/deck-types';
import type { JsonObject } from '../project/json-reader';

export const RESULT_SCHEMA_VERSION = 1;

export type SegmentSummary = {
  index: number;
  letter: string;
  name: string;
  tagline: string;
  description: string;
  draft: boolean;
  /** Respondents assigned (modal posterior class). */
  size: number;
  /** size / respondents assigned. */
  share: number;
  weightedShare: number;
  /** Model-estimated class share (mean posterior). */
  modelShare: number;
  distinctive: { name: string; label: string; index: number; mean: number; totalMean: number; d: number; direction: 'high' | 'low' }[];
};

export type FactorSummary = {
  count: number;
  method: string;
  rotation: string;
  items: string[];
  names: string[];
  /** psych-style internal names (MR1…) in the order of `names`. */
  internalNames: string[];
  varianceExplained: number | null;
  /** Items × factors pattern loadings. */
  loadings: number[][];
  suggested: { kaiser: number; parallel: number; map: number; suggested: number };
  kmo: number;
  seed: number;
  notices: Notice[];
};

export type ModelSummary = {
  kind: 'lca' | 'lpa';
  title: string;
  basis: string;
  variables: string[];
  kMin: number;
  kMax: number;
  chosenK: number;
  why: string;
  seed: number;
  starts: number;
  fit: FitRow[];
  replicated: string | null;
  notices: Notice[];
};

export type PipelineResult = {
  kind: 'segstudio-result';
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  appVersion: string;
  project: string;
  data: { file: string; respondents: number; excluded: number; analysed: number; assigned: number; weighted: boolean };
  segments: SegmentSummary[];
  factors: FactorSummary | null;
  model: ModelSummary;
  typing: { items: string[]; method: string; holdoutAccuracy: number; holdoutN: number; targetAccuracy: number; reachedTarget: boolean; curve: JsonObject[] } | null;
  profile: SegmentProfile;
  notices: Notice[];
};
