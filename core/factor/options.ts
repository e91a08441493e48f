/**
 * The allowed values of every factor-analysis option, defined once: the validator
 * (params.ts), the command line (core/node/cli/commands/factor.ts) and the options form read
 * these lists, so a new rotation is added in exactly one place.
 */

/** Extraction methods, named as psych::fa's `fm` (plus `pc` for psych::principal). */
export const METHODS = ['minres', 'pa', 'ml', 'pc'] as const;
export type ExtractionMethod = (typeof METHODS)[number];

/** Rotations. `geomin` is GPArotation's oblique geominQ; `quartimax` its orthogonal quartimax. */
export const ROTATIONS = ['none', 'varimax', 'quartimax', 'promax', 'oblimin', 'quartimin', 'geomin'] as const;
export type RotationName = (typeof ROTATIONS)[number];

/** Rotations that let factors correlate (they return Phi). */
export const OBLIQUE_ROTATIONS: readonly RotationName[] = ['promax', 'oblimin', 'quartimin', 'geomin'];

export const CORRELATIONS = ['pearson', 'polychoric'] as const;
export type CorrelationType = (typeof CORRELATIONS)[number];

export const MISSING = ['pairwise', 'listwise'] as const;
export type MissingPolicy = (typeof MISSING)[number];

export const SCORES = ['regression', 'bartlett', 'tenberge'] as const;
export type ScoreMethod = (typeof SCORES)[number];

/**
 * Factor scores of respondents with some unanswered items (see factor-scores.ts):
 *   none      — psych's default (impute = "none"): any missing item leaves the respondent unscored;
 *   available — scored from the items they answered, with weights re-derived for that subset
 *               (regression: E[F | x_o]), if they answered at least a minimum share of the battery.
 */
export const SCORE_MISSING = ['none', 'available'] as const;
export type ScoreMissing = (typeof SCORE_MISSING)[number];

export function isOblique(rotation: RotationName): boolean {
  return OBLIQUE_ROTATIONS.includes(rotation);
}

/** One entry per option, in the order a form shows them; `default` mirrors EFA_DEFAULTS. */
export type EfaOptionSpec =
  | { name: 'method'; title: string; kind: 'choice'; choices: readonly ExtractionMethod[]; default: ExtractionMethod }
  | { name: 'rotation'; title: string; kind: 'choice'; choices: readonly RotationName[]; default: RotationName }
  | { name: 'correlation'; title: string; kind: 'choice'; choices: readonly CorrelationType[]; default: CorrelationType }
  | { name: 'missing'; title: string; kind: 'choice'; choices: readonly MissingPolicy[]; default: MissingPolicy }
  | { name: 'scores'; title: string; kind: 'choice'; choices: readonly ScoreMethod[]; default: ScoreMethod }
  | { name: 'nFactors'; title: string; kind: 'integer-or-auto'; min: number; default: 'auto' };

export const EFA_OPTION_SCHEMA: readonly EfaOptionSpec[] = [
  { name: 'nFactors', title: 'Number of factors', kind: 'integer-or-auto', min: 1, default: 'auto' },
  { name: 'method', title: 'Extraction', kind: 'choice', choices: METHODS, default: 'minres' },
  { name: 'rotation', title: 'Rotation', kind: 'choice', choices: ROTATIONS, default: 'oblimin' },
  { name: 'correlation', title: 'Correlations', kind: 'choice', choices: CORRELATIONS, default: 'pearson' },
  { name: 'missing', title: 'Missing answers', kind: 'choice', choices: MISSING, default: 'pairwise' },
  { name: 'scores', title: 'Factor scores', kind: 'choice', choices: SCORES, default: 'regression' },
];
