/**
 * The segmentation step: a latent class (items) or latent profile (factor scores or variables)
 * model over the project's K range with seeded multi-start EM (core/segment/multistart.ts), the
 * choice of K, modal assignments per file row, and the chosen solution frozen as plain JSON for
 * scoring later waves (frozen-model.ts).
 *
 * Choice of K (unless the analyst fixed one): the lowest BIC among the solutions whose smallest
 * segment holds at least `minShare` (default 5 %) of respondents — a segment smaller than that is
 * rarely actionable and often a spurious split; if none qualifies, the lowest BIC overall.
 */
import { InputError } from '../errors';
import type { Dataset } from '../data/dataset';
import { runSteps, type RunOptions } from '../jobs/run-steps';
import { notice, type Notice } from '../notices';
import { buildLcaData, type LcaData } from '../segment/lca/lca-data';
import { lcaModelForDriver } from '../segment/model-registry';
import type { LcaParams } from '../segment/lca/lca-params';
import { buildLpaData, lpaDataFromMatrix, type LpaData } from '../segment/lpa/lpa-data';
import { lpaModel } from '../segment/lpa/lpa-model';
import type { LpaParams } from '../segment/lpa/lpa-model';
import { COVARIANCE_MODELS, type CovarianceModel } from '../segment/lpa/covariance-models';
import { modalClasses } from '../segment/mixture-report';
import { fitMixtureRange, fitMixtureRangeAsync, isFailedFit, MULTISTART_DEFAULTS, SAME_SOLUTION_ARI, type MixtureFit, type MultistartOptions, type UnitExecutor } from '../segment/multistart';
import type { MixtureModel } from '../segment/mixture-model';
import { LCA_DEFAULTS } from '../segment/lca-analysis';
import type { SegmentationSettings } from '../project/project';
import type { FitRow } from '../report/deck-types';
import { freezeLca, freezeLpa } from './frozen-model';
import type { FactorScoring } from './factors-step';
import type { ModelSummary } from './pipeline-types';
import type { JsonObject } from '../project/json-reader';

export type SegmentStep = {
  k: number;
  /** Segment 0..k−1 per dataset row (largest segment first), −1 when the row was not analysed. */
  assignments: Int32Array;
  /** rows × k posteriors, NaN rows for respondents not analysed. */
  posteriors: Float64Array;
  modelShares: number[];
  summary: ModelSummary;
  frozen: JsonObject;
};

/** Runs the K-range fits in place of the in-process loop (the CLI passes a worker pool). */
export type RangeRunner = <D, P>(model: MixtureModel<D, P>, ref: { kind: 'lca' } | { kind: 'lpa'; covariance: CovarianceModel }, data: D, options: MultistartOptions, run: RunOptions) => Promise<(MixtureFit<P> | { k: number; failed: true; message: string })[]>;

export const inProcessRunner: RangeRunner = async (model, _ref, data, options, run) => (await runSteps(fitMixtureRange(model, data, options), run)).fits;

export function executorRunner(executorFor: (ref: { kind: 'lca' } | { kind: 'lpa'; covariance: CovarianceModel }, data: unknown) => UnitExecutor<unknown>): RangeRunner {
  async function runRange<D, P>(model: MixtureModel<D, P>, ref: { kind: 'lca' } | { kind: 'lpa'; covariance: CovarianceModel }, data: D, options: MultistartOptions, run: RunOptions): Promise<(MixtureFit<P> | { k: number; failed: true; message: string })[]> {
    const execute = executorFor(ref, data) as unknown as UnitExecutor<P>;
    return (await fitMixtureRangeAsync(model, data, options, execute, run)).fits;
  }
  return runRange;
}

type Basis = { factorScores: Float64Array[] | null; factorNames: string[]; scoring: FactorScoring | null };

export async function runSegmentStep(dataset: Dataset, settings: SegmentationSettings, basis: Basis, run: RunOptions = {}, runner: RangeRunner = inProcessRunner): Promise<SegmentStep> {
  const s = settings.settings;
  // The engine's own defaults (what `segstudio lca` / `lpa` run), unless the project overrides them.
  const engine = settings.model === 'lca' ? LCA_DEFAULTS : { ...MULTISTART_DEFAULTS, tolerance: 1e-8 };
  const options: MultistartOptions = {
    ...MULTISTART_DEFAULTS,
    classes: [settings.kMin, settings.kMax],
    seed: settings.seed,
    starts: typeof s['starts'] === 'number' ? s['starts'] : engine.starts,
    tolerance: typeof s['tolerance'] === 'number' ? s['tolerance'] : engine.tolerance,
    maxIterations: typeof s['maxIterations'] === 'number' ? s['maxIterations'] : engine.maxIterations,
    screening: engine.screening,
  };
  const minShare = typeof s['minShare'] === 'number' ? s['minShare'] : 0.05;
  const weights = dataset.weight ?? undefined;
  if (settings.model === 'lca') {
    if (settings.basis !== 'items') throw new InputError('option-invalid', 'A latent class model segments on the items themselves; choose the basis "items" (or a latent profile model for factor scores).');
    const indicators = s['indicators'] === 'ordinal' ? 'ordinal' : 'nominal';
    const data = buildLcaData(dataset, settings.variables, weights === undefined ? { indicators } : { indicators, weights });
    const fits = await runner<LcaData, LcaParams>(lcaModelForDriver(), { kind: 'lca' }, data, options, run);
    const chosen = chooseK(fits, settings, minShare);
    const title = `Latent class analysis (${indicators} indicators)`;
    return finish(dataset, chosen, fits, data.rowIndex, settings, title, 'the battery items', options, freezeLca(data, chosen.fit.params), data.notices);
  }
  if (settings.model !== 'lpa') throw new InputError('option-invalid', `The ${settings.model} model is not available in the pipeline yet; choose 'lca' or 'lpa'.`);
  const covariance = (COVARIANCE_MODELS as readonly string[]).includes(String(s['covariance'])) ? (s['covariance'] as CovarianceModel) : 'EEE';
  let data: LpaData;
  let notices: Notice[] = [];
  let basisTitle: string;
  if (settings.basis === 'factor-scores') {
    if (basis.factorScores === null) throw new InputError('option-invalid', 'Segmenting on factor scores needs the factor step; run the factor analysis first.');
    const d = basis.factorScores.length;
    const x = new Float64Array(dataset.rows * d);
    for (let i = 0; i < dataset.rows; i++) for (let f = 0; f < d; f++) x[i * d + f] = basis.factorScores[f]![i]!;
    data = lpaDataFromMatrix(x, dataset.rows, d, basis.factorNames, null);
    basisTitle = `${d} factor scores`;
  } else {
    const built = buildLpaData(dataset, settings.variables, weights === undefined ? {} : { weights });
    data = built.data;
    notices = built.notices;
    basisTitle = `${settings.variables.length} variables`;
  }
  const fits = await runner<LpaData, LpaParams>(lpaModel(covariance), { kind: 'lpa', covariance }, data, options, run);
  const chosen = chooseK(fits, settings, minShare);
  return finish(dataset, chosen, fits, data.rowIndex, settings, `Latent profile analysis (${covariance} covariances)`, basisTitle, options, freezeLpa(chosen.fit.params, settings.basis, basis.scoring, data.variables), notices);
}

type Chosen<P> = { fit: MixtureFit<P>; why: string };

function chooseK<P>(fits: readonly (MixtureFit<P> | { k: number; failed: true; message: string })[], settings: SegmentationSettings, minShare: number): Chosen<P> {
  const ok = fits.filter((f): f is MixtureFit<P> => !('failed' in f));
  if (ok.length === 0) throw new InputError('data-insufficient', `No segmentation from K = ${settings.kMin} to ${settings.kMax} could be estimated (${fits.map((f) => ('failed' in f ? f.message : '')).join(' ')}); try fewer segments or other variables.`);
  if (settings.chosenK !== null) {
    const fixed = ok.find((f) => f.k === settings.chosenK);
    if (fixed !== undefined) return { fit: fixed, why: 'the analyst’s choice' };
  }
  const usable = ok.filter((f) => f.fit.smallestShare >= minShare);
  const pool = usable.length > 0 ? usable : ok;
  const best = pool.reduce((a, b) => (b.fit.bic < a.fit.bic ? b : a));
  const why = usable.length > 0 ? `the lowest BIC among solutions whose smallest segment holds at least ${Math.round(100 * minShare)}% of respondents` : 'the lowest BIC (every solution has a segment under the minimum size)';
  return { fit: best, why };
}

function finish<P>(dataset: Dataset, chosen: Chosen<P>, fits: readonly (MixtureFit<P> | { k: number; failed: true; message: string })[], rowIndex: Int32Array, settings: SegmentationSettings, title: string, basis: string, options: MultistartOptions, frozen: JsonObject, dataNotices: Notice[]): SegmentStep {
  const { fit } = chosen;
  const k = fit.k;
  const modal = modalClasses(fit.posteriors, k);
  const assignments = new Int32Array(dataset.rows).fill(-1);
  const posteriors = new Float64Array(dataset.rows * k).fill(NaN);
  rowIndex.forEach((row, i) => {
    assignments[row] = modal[i]!;
    for (let c = 0; c < k; c++) posteriors[row * k + c] = fit.posteriors[i * k + c]!;
  });
  const fitRows: FitRow[] = fits.filter((f): f is MixtureFit<P> => !isFailedFit(f as MixtureFit<P>)).map((f) => ({ k: f.k, logLik: f.logLik, parameters: f.npar, bic: f.fit.bic, aic: f.fit.aic, entropy: f.fit.entropy ?? NaN, smallestShare: f.fit.smallestShare }));
  const notices = [...dataNotices, ...fit.notices];
  const analysed = rowIndex.length;
  if (analysed < dataset.rows) notices.push(notice('rows-unscored', 'info', `${dataset.rows - analysed} respondents could not be assigned (no usable answers) and are left out of the profiles.`));
  return {
    k,
    assignments,
    posteriors,
    modelShares: Array.from({ length: k }, (_, c) => { let s = 0; for (let i = 0; i < analysed; i++) s += fit.posteriors[i * k + c]!; return s / Math.max(analysed, 1); }),
    summary: {
      kind: settings.model === 'lca' ? 'lca' : 'lpa',
      title,
      basis,
      variables: settings.variables,
      kMin: settings.kMin,
      kMax: settings.kMax,
      chosenK: k,
      why: chosen.why,
      seed: settings.seed,
      starts: options.starts,
      fit: fitRows,
      replicated: replicationSentence(fit, options),
      notices,
    },
    frozen,
  };
}

/** How the chosen solution was replicated across starts, for the method page and result.json. */
function replicationSentence<P>(fit: MixtureFit<P>, options: MultistartOptions): string {
  const plan = `${fit.startsRun} starts (${options.starts} random + k-means)${options.screening === null ? '' : `, screened for ${options.screening.iterations} EM iterations, the best ${fit.startsFinal} run to convergence`}`;
  const ll = `The best log-likelihood was reached by ${fit.bestLogLikReplicated} of ${fit.startsFinal} starts run to convergence`;
  const same = fit.sameSolutionStarts > fit.bestLogLikReplicated ? `; ${fit.sameSolutionStarts} of ${fit.startsFinal} gave the same segments (adjusted Rand index ≥ ${SAME_SOLUTION_ARI})` : '';
  return `${plan}. ${ll}${same}.`;
}
