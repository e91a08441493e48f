/**
 * Exploratory factor analysis in the worker (core/factor/efa.ts), shaped for the Factors screen:
 * sampling adequacy, the scree with its parallel-analysis line and MAP suggestion, loadings,
 * reliability per factor and the factor scores that the Segments step can use as its basis.
 *
 * Caching inside the worker: the correlation matrix and the factor-count study (parallel analysis,
 * MAP; seeded) depend only on the data, the items, the correlation type, missing policy and seed,
 * so they are kept per worker under that key and handed to runEfa as `precomputed`: a change of
 * rotation, method or factor number redoes neither (the result is identical to a fresh run).
 *
 * Factor scores as core/pipeline computes them (scoreFactors): the regression weights applied to
 * items standardised with the analysed sample's mean and n−1 SD, an unanswered item counting as
 * the mean (psych's impute = "mean"). So a respondent with a few gaps still gets a segment, and
 * the app and `segstudio run` segment the same respondents.
 */
import { findColumn, numericValues, type Dataset } from '../../core/data/dataset';
import type { EfaResult } from '../../core/factor/efa';
import { draftFactorNames, scoreFactors, type FactorScoring } from '../../core/pipeline/factors-step';
import { correlationSteps, type CorrelationResult } from '../../core/factor/correlation';
import { buildEfaInput, runEfa } from '../../core/factor/efa';
import { factorCountSteps, type FactorCount } from '../../core/factor/factor-count';
import { resolveEfaParams } from '../../core/factor/params';
import { runSteps, type RunOptions } from '../../core/jobs/run-steps';
import type { Notice } from '../../core/notices';
import type { FactorChoices } from '../state/app-reducer';

export type EfaSpec = { kind: 'efa'; dataset: Dataset; items: string[]; choices: Omit<FactorChoices, 'names'>; dataKey: string };

export type EfaView = {
  kind: 'efa-view';
  items: string[];
  itemLabels: string[];
  n: number;
  nFactors: number;
  method: string;
  rotation: string;
  oblique: boolean;
  kmo: number;
  kmoItems: number[];
  bartlett: { chiSquare: number; df: number; p: number };
  eigenvalues: number[];
  /** 95th percentile of eigenvalues of random data (components), per position. */
  parallel: number[];
  suggestions: { kaiser: number; parallel: number; map: number; suggested: number };
  /** items × factors pattern loadings. */
  loadings: number[][];
  communalities: number[];
  phi: number[][] | null;
  /** Proportion of total variance per factor. */
  varianceExplained: number[];
  reliability: { factor: number; items: string[]; alpha: number | null; omega: number | null }[];
  /** Draft factor names from the top-loading items (core/pipeline draftFactorNames), until the user names them. */
  draftNames: string[];
  /** n × factors row-major factor scores aligned with the dataset rows (unanswered items count as the mean). */
  scores: Float64Array;
  fit: Record<string, number | null>;
  converged: boolean;
  notices: Notice[];
};

const countCache = new Map<string, { correlation: CorrelationResult; count: FactorCount }>();

export async function runEfaJob(spec: EfaSpec, run: RunOptions): Promise<EfaView> {
  const params = resolveEfaParams({ ...spec.choices });
  const input = buildEfaInput(spec.dataset, spec.items);
  const countKey = JSON.stringify([spec.dataKey, spec.items, params.correlation, params.missing, params.seed]);
  let cached = countCache.get(countKey);
  if (cached === undefined) {
    const correlation = await runSteps(correlationSteps(input.data, { method: params.correlation, missing: params.missing, weights: input.weights, itemNames: spec.items }), run);
    const n = params.missing === 'listwise' ? correlation.nUsed : input.data.rows;
    const count = await runSteps(factorCountSteps(input.data, correlation.matrix, n, { seed: params.seed!, iterations: params.parallelIterations, method: params.correlation }), run);
    cached = { correlation, count };
    countCache.set(countKey, cached);
  }
  const { count } = cached;
  const result = await runEfa({ ...input, precomputed: { correlation: cached.correlation, factorCount: cached.count } }, params, run);
  const m = result.params.nFactors;
  const rows = (matrix: { rows: number; cols: number; data: Float64Array }): number[][] =>
    Array.from({ length: matrix.rows }, (_, i) => Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols)));
  const byFactor = scoreFactors(spec.dataset, factorScoring(spec.dataset, result));
  const scores = new Float64Array(spec.dataset.rows * m);
  byFactor.forEach((column, f) => column.forEach((v, i) => (scores[i * m + f] = v)));
  const labelOf = new Map(spec.dataset.columns.map((c) => [c.name, c.label]));
  return {
    kind: 'efa-view',
    items: result.items,
    itemLabels: result.items.map((name) => labelOf.get(name) || name),
    n: result.n,
    nFactors: m,
    method: result.params.method,
    rotation: result.params.rotation,
    oblique: result.phi !== null,
    kmo: result.kmo.overall,
    kmoItems: Array.from(result.kmo.items),
    bartlett: result.bartlett,
    eigenvalues: Array.from(result.eigenvalues),
    parallel: count.scree.map((p) => p.simulatedPcThreshold),
    suggestions: { kaiser: result.nfactors.kaiser, parallel: result.nfactors.parallel, map: result.nfactors.map, suggested: result.nfactors.suggested },
    loadings: rows(result.loadings),
    communalities: Array.from(result.communalities),
    phi: result.phi === null ? null : rows(result.phi),
    varianceExplained: Array.from(result.varianceExplained.proportionOfTotal),
    reliability: result.reliability.map((r) => ({ factor: r.factor, items: r.items.map((it) => `${it.name}${it.reversed ? ' (R)' : ''}`), alpha: r.alpha, omega: r.omega })),
    scores,
    draftNames: draftFactorNames(spec.dataset, result),
    fit: { ...(result.fit as unknown as Record<string, number | null>) },
    converged: result.converged,
    notices: result.notices,
  };
}

/** Item means, n−1 SDs (over the answered values) and the EFA's regression score weights. */
function factorScoring(dataset: Dataset, efa: EfaResult): FactorScoring {
  const m = efa.loadings.cols;
  const mean: number[] = [];
  const sd: number[] = [];
  for (const item of efa.items) {
    const column = findColumn(dataset, item);
    const values = (column === undefined ? new Float64Array(0) : numericValues(column, dataset.rows)).filter((v) => !Number.isNaN(v));
    const mu = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
    mean.push(mu);
    sd.push(values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mu) ** 2, 0) / (values.length - 1)) : 1);
  }
  const weights = efa.items.map((_, j) => Array.from({ length: m }, (_, f) => efa.scoreWeights.data[j * m + f]!));
  return { items: [...efa.items], mean, sd, weights };
}
