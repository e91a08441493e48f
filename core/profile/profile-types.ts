/**
 * The segment profile result: plain, versioned data that the Profiles screen, the deck and the
 * exports all read. Axis order: segments first, then variables (or categories).
 *
 * Conventions used throughout (documented once here):
 * - Weights: when the dataset has a weight column, means and proportions are weighted; the bases
 *   of the significance tests are Kish effective sample sizes n_eff = (Σw)² / Σw², so weighting
 *   never inflates significance. Without weights n_eff = n.
 * - Index to the total: for variables on a positive scale (Likert codes, spend) the index is
 *   100 × segment mean / total mean. For scores centred on zero (factor scores) a ratio is
 *   meaningless, so the index is 100 + 100 × (segment mean − total mean) / total SD, i.e. 120 is
 *   0.2 SD above the total. `indexKind` records which was used.
 * - Distinctiveness ranks on the standardised difference d = (segment mean − total mean) / total SD,
 *   so items on different scales compare fairly.
 * - Significance letters (as SPSS Custom Tables / Q): segments are lettered A, B, C…; a cell
 *   shows the letters of the segments whose proportion (or mean) it is significantly higher than,
 *   two-sided α = 0.05 with a Bonferroni adjustment over the K(K−1)/2 pairs within each row.
 */

export const PROFILE_SCHEMA_VERSION = 1;
export const ALPHA = 0.05;

export type SegmentSize = {
  segment: number;
  name: string;
  letter: string;
  count: number;
  share: number;
  weightedSize: number;
  weightedShare: number;
};

export type IndexKind = 'ratio' | 'standardised';

export type AttitudeVariable = { name: string; label: string; indexKind: IndexKind };

export type AttitudeTable = {
  variables: AttitudeVariable[];
  totalMean: number[];
  totalSd: number[];
  /** K × V means. */
  means: number[][];
  /** K × V index to the total (see header). */
  index: number[][];
  /** K × V standardised difference from the total. */
  d: number[][];
  /** K × V significance letters from pairwise Welch t-tests (Bonferroni within each variable). */
  letters: string[][];
};

export type DistinctiveItem = { name: string; label: string; mean: number; totalMean: number; index: number; d: number; direction: 'high' | 'low' };

export type CrosstabRow = {
  category: string;
  /** Percentages by segment (weighted), then the total. */
  percent: number[];
  totalPercent: number;
  count: number[];
  letters: string[];
};

export type Crosstab = {
  variable: string;
  label: string;
  kind: 'categorical' | 'mean';
  rows: CrosstabRow[];
  /** Effective bases by segment (Kish n_eff) and the unweighted bases. */
  base: number[];
  effectiveBase: number[];
  /** Pearson chi-square test of independence (categorical) or Welch-ANOVA-free F test (means). */
  test: { statistic: number; df: number; p: number; name: 'chi-square' | 'F' };
};

/**
 * A demographic or behaviour on which a segment differs significantly from the rest of the
 * sample: a category share (`kind: 'share'`, values in percent) or a mean (`kind: 'mean'`).
 */
export type Standout = {
  variable: string;
  label: string;
  kind: 'share' | 'mean';
  /** Category label, or '' for a mean. */
  category: string;
  value: number;
  totalValue: number;
  /** 100 × segment value / total value. */
  index: number;
  /** Bonferroni-adjusted p-value of segment vs the rest of the sample. */
  p: number;
};

export type PersonaDraft = {
  segment: number;
  name: string;
  tagline: string;
  description: string;
  draft: true;
  /** Labels of the factors (or items) the name was drafted from, the naming driver first. */
  drivers: string[];
};

export type PriorityRow = {
  segment: number;
  name: string;
  share: number;
  distinctiveness: number;
  valueMean: number | null;
  valueIndex: number | null;
  valueShare: number | null;
  score: number;
  rank: number;
};

export type SegmentProfile = {
  kind: 'segment-profile';
  schemaVersion: typeof PROFILE_SCHEMA_VERSION;
  k: number;
  /** Respondents with a segment (unassigned rows are left out of every table). */
  n: number;
  weighted: boolean;
  sizes: SegmentSize[];
  attitudes: AttitudeTable;
  /** Factor scores by segment (standardised index), when the segmentation has a factor step. */
  factors: AttitudeTable | null;
  distinctive: DistinctiveItem[][];
  crosstabs: Crosstab[];
  standouts: Standout[][];
  personas: PersonaDraft[];
  priority: { valueVariable: string | null; /** The value variable's label (its name when unlabelled). */ valueLabel: string | null; rows: PriorityRow[]; method: string };
};

export function segmentLetter(k: number): string {
  return k < 26 ? String.fromCharCode(65 + k) : `S${k + 1}`;
}
