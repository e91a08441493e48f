/**
 * A latent class analysis as the `lca` command and the UI run it: every K in a range through the
 * multi-start driver on an executor (in-process or worker pool), the comparison table with item
 * probabilities (item → class × category, categories in ascending code order), covariate
 * coefficients, bivariate residuals of the selected model, selection by BIC (lowest
 * −2ℓ + npar ln N), and the opt-in bootstrap (stability, BLRT).
 *
 * Defaults: |Δℓ| < 1e-7 (poLCA's 1e-10 is below the rounding noise of ℓ at N = 20,000, where
 * |ℓ| ≈ 10⁶; EM here is SQUAREM-accelerated, so 1e-7 leaves ℓ within ~1e-6 of the maximum), at most
 * 5000 iterations; screening: 25 (accelerated) iterations of every start, the best 4 of the 20 + 1
 * starts continued to convergence.
 *
 * With continuous indicators (`continuous`, built by buildMixedData) the same run fits the mixed
 * latent class model (mixed/mixed-model.ts: categorical items as above plus a normal per class and
 * variable, local independence); each model then also reports `means` and `variances` (variable →
 * per class). Covariates, listwise deletion, bivariate residuals and the bootstrap are
 * categorical-only and are not offered there.
 */
import type { Notice } from '../notices';
import { notice } from '../notices';
import type { RunOptions } from '../jobs/run-steps';
import { throwIfAborted } from '../jobs/run-steps';
import { selectByBic } from './fit-statistics';
import { unitExecutorFor, type SegmentExecutor } from './executor';
import { failedEntry, mixtureEntry, type FailedEntry, type MixtureEntryBase } from './mixture-report';
import { describeEstimation, fitMixtureRangeAsync, isFailedFit, MULTISTART_DEFAULTS, type MixtureFit, type MixtureRangeResult, type MultistartOptions, type ScreeningOptions } from './multistart';
import { runBootstrapSuite, type BootstrapReport } from './bootstrap-suite';
import { lcaModelForDriver, mixedModelForDriver } from './model-registry';
import type { MixedData } from './mixed/mixed-data';
import { mixedSummary } from './mixed/mixed-params';
import type { LcaData, LcaIndicators, LcaMissing } from './lca/lca-data';
import type { LcaParams } from './lca/lca-params';
import type { MixedParams } from './mixed/mixed-params';
import { bivariateResiduals, lcaCoefficients, lcaItemProbs, type LcaCoefficients } from './lca/lca-output';

export type LcaAnalysisParams = {
  items: string[];
  indicators: LcaIndicators;
  covariates: string[];
  weights: string | null;
  missing: LcaMissing;
  classes: [number, number];
  starts: number;
  maxIterations: number;
  tolerance: number;
  seed: number;
  screening: ScreeningOptions | null;
  posteriors: boolean;
  bootstrap: number;
  /** Continuous indicators (mixed model); absent for a categorical-only analysis. */
  continuous?: string[];
};

export const LCA_DEFAULTS: Omit<LcaAnalysisParams, 'items' | 'seed' | 'indicators'> = {
  covariates: [],
  weights: null,
  missing: 'fiml',
  classes: [1, 6],
  starts: MULTISTART_DEFAULTS.starts,
  maxIterations: 5000,
  tolerance: 1e-7,
  screening: { iterations: 25, keep: 4 },
  posteriors: false,
  bootstrap: 0,
};

export type LcaEntry =
  | (MixtureEntryBase & { itemProbs: Record<string, number[][]>; categories: Record<string, number[]>; coefficients?: LcaCoefficients; means?: Record<string, number[]>; variances?: Record<string, number[]> })
  | FailedEntry;

export type BivariateResidualSummary = { items: [string, string]; bvr: number; chiSquare: number; df: number };

export type LcaResult = {
  kind: 'lca';
  schemaVersion: 1;
  params: LcaAnalysisParams;
  seed: number;
  n: number;
  items: string[];
  classNumbering: string;
  /** How the starts were run and what "replicated" means (multistart.ts). */
  estimation: string;
  models: LcaEntry[];
  /** K with the lowest BIC. */
  selected: number | null;
  assignments: (number | null)[];
  posteriors?: (number[] | null)[];
  /** Local dependence of the selected model (BVR ≈ 1 under local independence; > 3.84 flags a pair). */
  bivariateResiduals?: BivariateResidualSummary[];
  bootstrap?: BootstrapReport;
  notices: Notice[];
};

/** The fields every latent class data frame shares (LcaData and MixedData). */
type ClassData = { n: number; items: string[]; categoryValues: number[][]; rowIndex: Int32Array; sourceRows: number };

function driverOptions(params: LcaAnalysisParams): MultistartOptions {
  return { classes: params.classes, starts: params.starts, kmeansStart: true, maxIterations: params.maxIterations, tolerance: params.tolerance, seed: params.seed, screening: params.screening };
}

/**
 * The result common to both models: one entry per K (the model's own fields from `details`), K=…
 * notices, selection by BIC. Returns the fitted models aligned with `models` (null = failed) and
 * the index of the selected one (−1 = none).
 */
function assembleResult<P>(data: ClassData, params: LcaAnalysisParams, range: MixtureRangeResult<P>, details: (fit: MixtureFit<P>) => Omit<Exclude<LcaEntry, FailedEntry>, keyof MixtureEntryBase | 'categories'>): { result: LcaResult; fits: (MixtureFit<P> | null)[]; best: number } {
  const notices: Notice[] = [];
  const categories = Object.fromEntries(data.items.map((item, j) => [item, data.categoryValues[j]!]));
  const fits: (MixtureFit<P> | null)[] = [];
  const models: LcaEntry[] = range.fits.map((fit) => {
    for (const n of fit.notices) notices.push({ ...n, subjects: [`K=${fit.k}`] });
    if (isFailedFit(fit)) {
      fits.push(null);
      return failedEntry(fit);
    }
    fits.push(fit);
    const { itemProbs, ...rest } = details(fit);
    return { ...mixtureEntry(fit, data.rowIndex, data.sourceRows, params.posteriors), itemProbs, categories, ...rest };
  });
  const best = selectByBic(models.map((m) => ('failed' in m ? NaN : m.bic)));
  const chosen = best >= 0 ? (models[best] as Exclude<LcaEntry, FailedEntry>) : null;
  const result: LcaResult = {
    kind: 'lca',
    schemaVersion: 1,
    params,
    seed: params.seed,
    n: data.n,
    items: data.items,
    classNumbering: 'Classes are numbered 1..K by decreasing size (class 1 is the largest).',
    estimation: describeEstimation(driverOptions(params), true),
    models,
    selected: chosen?.classes ?? null,
    assignments: chosen?.assignments ?? new Array<number | null>(data.sourceRows).fill(null),
    notices,
  };
  if (chosen?.posteriors !== undefined) result.posteriors = chosen.posteriors;
  if (chosen === null) notices.push(notice('empty-class', 'error', 'No latent class model could be fitted to these data.'));
  return { result, fits, best };
}

/** Runs the latent class analysis; mixed data (continuous indicators) fit the mixed model instead (see the header). */
export async function runLcaAnalysis(data: LcaData | MixedData, params: LcaAnalysisParams, executor: SegmentExecutor, run: RunOptions = {}): Promise<LcaResult> {
  throwIfAborted(run.signal);
  if (data.kind === 'mixed-data') {
    const range = await fitMixtureRangeAsync(mixedModelForDriver(), data, driverOptions(params), unitExecutorFor<MixedParams>(executor, { kind: 'mixed' }), run);
    return assembleResult(data, params, range, (fit) => {
      const summary = mixedSummary(data, fit.params);
      return { itemProbs: summary.itemProbs, means: summary.means, variances: summary.variances };
    }).result;
  }
  const model = lcaModelForDriver();
  const range = await fitMixtureRangeAsync(model, data, driverOptions(params), unitExecutorFor<LcaParams>(executor, { kind: 'lca' }), run);
  const { result, fits, best } = assembleResult(data, params, range, (fit) => {
    const coefficients = lcaCoefficients(data, fit.params);
    return coefficients === null ? { itemProbs: lcaItemProbs(data, fit.params) } : { itemProbs: lcaItemProbs(data, fit.params), coefficients };
  });
  const fit = best >= 0 ? fits[best]! : null;
  if (fit !== null) {
    result.bivariateResiduals = bivariateResiduals(data, fit.params).map((b) => ({ items: b.items, bvr: b.bvr, chiSquare: b.chiSquare, df: b.df }));
    const flagged = result.bivariateResiduals.filter((b) => b.bvr > 3.84);
    if (flagged.length > 0) {
      result.notices.push(notice('info', 'info', `${flagged.length} item pair(s) show local dependence in the ${fit.k}-class model (bivariate residual > 3.84): ${flagged.slice(0, 5).map((b) => b.items.join('–')).join(', ')}${flagged.length > 5 ? ', …' : ''}.`));
    }
    if (params.bootstrap > 0) result.bootstrap = await runBootstrapSuite(model, { kind: 'lca' }, data, fits, params.bootstrap, params.seed, executor, run);
  }
  return result;
}
