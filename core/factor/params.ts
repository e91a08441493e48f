/**
 * Parameters of an exploratory factor analysis: plain, fully defaulted data (no logic lives in
 * a constructor). EFA_DEFAULTS are psych::fa's defaults; resolveEfaParams validates a partial
 * set and fills the rest, so an EfaResult's `params` always shows exactly what ran.
 */
import { InputError } from '../errors';
import type { CorrelationType, ExtractionMethod, MissingPolicy, RotationName, ScoreMethod, ScoreMissing } from './options';
import { CORRELATIONS, METHODS, MISSING, ROTATIONS, SCORES, SCORE_MISSING } from './options';

export type EfaParams = {
  /** Number of factors, or 'auto' = the suggested count (parallel analysis, see factor-count.ts). */
  nFactors: number | 'auto';
  method: ExtractionMethod;
  rotation: RotationName;
  correlation: CorrelationType;
  missing: MissingPolicy;
  scores: ScoreMethod;
  /** Respondents with unanswered items: 'none' (psych: unscored) or 'available' (scored from the answered items; factor-scores.ts). */
  scoreMissing: ScoreMissing;
  /** With scoreMissing 'available': the least share of the battery a respondent must have answered to be scored (default ½). */
  scoreMinObservedShare: number;
  /** Master seed of every random step (parallel analysis); null until drawn at the job boundary. */
  seed: number | null;
  /** Principal axis: at most this many communality iterations (psych max.iter). */
  paMaxIterations: number;
  /** Principal axis: stop when the summed communality moves less than this (psych min.err). */
  minErr: number;
  /** Minres/ML: quasi-Newton iteration cap. */
  optimizerMaxIterations: number;
  /** Rotation: iteration cap (GPArotation maxit, stats::varimax's 1000 sweeps). */
  rotationMaxIterations: number;
  /** Rotation: convergence tolerance (GPArotation eps, stats::varimax eps). */
  rotationEpsilon: number;
  /** Kaiser row normalisation before gradient-projection rotations (GPArotation default false). */
  rotationNormalize: boolean;
  /** Parallel analysis replications (psych fa.parallel n.iter). */
  parallelIterations: number;
};

/** What callers pass: any subset of the parameters; undefined means "use the default". */
export type EfaParamsInput = { [K in keyof EfaParams]?: EfaParams[K] | undefined };

export const EFA_DEFAULTS: Readonly<EfaParams> = Object.freeze({
  nFactors: 'auto',
  method: 'minres',
  rotation: 'oblimin',
  correlation: 'pearson',
  missing: 'pairwise',
  scores: 'regression',
  scoreMissing: 'none',
  scoreMinObservedShare: 0.5,
  seed: null,
  paMaxIterations: 50,
  minErr: 0.001,
  optimizerMaxIterations: 500,
  rotationMaxIterations: 1000,
  rotationEpsilon: 1e-5,
  rotationNormalize: false,
  parallelIterations: 20,
});

export function resolveEfaParams(partial: EfaParamsInput = {}): EfaParams {
  const params: EfaParams = { ...EFA_DEFAULTS, ...stripUndefined(partial) };
  const { nFactors } = params;
  if (nFactors !== 'auto' && (!Number.isInteger(nFactors) || nFactors < 1)) {
    throw new InputError('option-invalid', `The number of factors must be a whole number of at least 1, or 'auto'; got ${String(nFactors)}.`);
  }
  choice('method', params.method, METHODS);
  choice('rotation', params.rotation, ROTATIONS);
  choice('correlation', params.correlation, CORRELATIONS);
  choice('missing', params.missing, MISSING);
  choice('scores', params.scores, SCORES);
  choice('scoreMissing', params.scoreMissing, SCORE_MISSING);
  if (!(params.scoreMinObservedShare > 0 && params.scoreMinObservedShare <= 1)) {
    throw new InputError('option-invalid', `Option 'scoreMinObservedShare' must be a share in (0, 1]; got ${String(params.scoreMinObservedShare)}.`);
  }
  if (params.seed !== null && (!Number.isInteger(params.seed) || params.seed < 0 || params.seed > 0xffffffff)) {
    throw new InputError('option-invalid', `The seed must be a whole number from 0 to 4294967295; got ${String(params.seed)}.`);
  }
  positiveInteger('paMaxIterations', params.paMaxIterations);
  positiveInteger('optimizerMaxIterations', params.optimizerMaxIterations);
  positiveInteger('rotationMaxIterations', params.rotationMaxIterations);
  positiveInteger('parallelIterations', params.parallelIterations);
  positiveNumber('minErr', params.minErr);
  positiveNumber('rotationEpsilon', params.rotationEpsilon);
  return params;
}

function choice(name: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) throw new InputError('option-invalid', `Option '${name}' must be one of ${allowed.join(', ')}; got '${value}'.`);
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new InputError('option-invalid', `Option '${name}' must be a whole number of at least 1; got ${String(value)}.`);
}

function positiveNumber(name: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new InputError('option-invalid', `Option '${name}' must be a positive number; got ${String(value)}.`);
}

function stripUndefined(partial: EfaParamsInput): Partial<EfaParams> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(partial)) if (v !== undefined) out[k] = v;
  return out as Partial<EfaParams>;
}
