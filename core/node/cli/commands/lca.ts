/**
 * `segstudio lca --data FILE --items LIST --classes A-B --indicators nominal|ordinal --starts N
 * --max-iter N --seed N [--covariates LIST] [--weights COL] [--missing fiml|listwise]
 * [--bootstrap N] [--posteriors] [--continuous LIST] [--workers N] --json OUT`: latent class
 * analysis for a range of K (nominal items as poLCA, ordinal items as Latent GOLD's
 * adjacent-category logit), many seeded starts in worker threads, selection by BIC (−2ℓ + npar ln N,
 * lower is better). With --continuous, the mixed model (mixed/mixed-model.ts) adds continuous
 * indicators (a normal per class and variable); each model entry then also carries `means` and
 * `variances`.
 */
import { resolveColumnList } from '../../../data/select';
import { InputError } from '../../../errors';
import { buildLcaData } from '../../../segment/lca/lca-data';
import { buildMixedData } from '../../../segment/mixed/mixed-data';
import { LCA_DEFAULTS, runLcaAnalysis } from '../../../segment/lca-analysis';
import { inProcessExecutor } from '../../../segment/executor';
import { choiceOption, integerOption, optionalString, rangeOption, requiredString } from '../args';
import type { Command } from '../command';
import { writeJsonOutput } from '../output';
import { loadDataset } from '../../data/load-dataset';
import { createPoolExecutor } from '../../jobs/pool-executor';
import { defaultPoolSize } from '../../jobs/worker-pool';
import { printNotices, SEED_OPTION, seedOption, WORKERS_OPTION } from './segment-options';

export const lcaCommand: Command = {
  name: 'lca',
  summary: 'Latent class analysis of categorical items (nominal or ordinal), optionally with continuous indicators, for a range of classes, many seeded starts, compared by BIC.',
  options: [
    { name: 'data', value: 'FILE', help: 'Survey file to read.', required: true },
    { name: 'items', value: 'LIST', help: 'Categorical items: names separated by commas, or FIRST:LAST.', required: true },
    { name: 'classes', value: 'A-B', help: 'Range of class counts (default 1-6).' },
    { name: 'indicators', value: 'nominal|ordinal', help: 'Item model: nominal (poLCA) or ordinal (adjacent-category logit). Default nominal.' },
    { name: 'starts', value: 'N', help: 'Random starts per K, plus one k-means start (default 20; 0 = the k-means start only).' },
    { name: 'max-iter', value: 'N', help: 'EM iteration limit per start (default 5000).' },
    SEED_OPTION,
    { name: 'covariates', value: 'LIST', help: 'Numeric covariates of class membership (latent class regression).' },
    { name: 'weights', value: 'COL', help: 'Case-weight column (rescaled to mean 1).' },
    { name: 'missing', value: 'fiml|listwise', help: 'Missing answers: fiml keeps every respondent (default), listwise drops incomplete ones.' },
    { name: 'bootstrap', value: 'N', help: 'Bootstrap replicates for stability (ARI) and the BLRT of K−1 vs K (default 0 = off).' },
    { name: 'posteriors', value: null, help: "Also write every respondent's posterior class probabilities." },
    { name: 'continuous', value: 'LIST', help: 'Continuous indicators added to the categorical --items (a normal per class; missing values FIML). Not with --covariates, --missing listwise or --bootstrap.' },
    WORKERS_OPTION,
    { name: 'json', value: 'OUT', help: "Where to write the result JSON ('-' for standard output).", required: true },
  ],
  async run(args, io) {
    const file = requiredString(args, 'data');
    const dataset = await loadDataset(file);
    const names = dataset.columns.map((c) => c.name);
    const items = resolveColumnList(requiredString(args, 'items'), names, file);
    const covariatesRaw = optionalString(args, 'covariates');
    const covariates = covariatesRaw === undefined ? [] : resolveColumnList(covariatesRaw, names, file);
    const weights = optionalString(args, 'weights') ?? null;
    const indicators = choiceOption(args, 'indicators', ['nominal', 'ordinal'] as const, 'nominal');
    const missing = choiceOption(args, 'missing', ['fiml', 'listwise'] as const, LCA_DEFAULTS.missing);
    const continuousRaw = optionalString(args, 'continuous');
    const continuous = continuousRaw === undefined ? null : resolveColumnList(continuousRaw, names, file);
    if (continuous !== null) {
      const clash = covariates.length > 0 ? '--covariates' : missing === 'listwise' ? '--missing listwise' : integerOption(args, 'bootstrap', 0, 0, 100000) > 0 ? '--bootstrap' : null;
      if (clash !== null) throw new InputError('option-invalid', `${clash} cannot be combined with --continuous (the mixed model has no covariates, always uses FIML and has no bootstrap yet); drop one of them.`, { file });
    }
    const data = continuous === null
      ? buildLcaData(dataset, items, { indicators, covariates, weights, missing })
      : buildMixedData(dataset, indicators === 'nominal' ? { nominal: items, continuous, weights } : { ordinal: items, continuous, weights });
    const params = {
      ...LCA_DEFAULTS,
      items,
      indicators,
      covariates,
      weights,
      missing,
      classes: rangeOption(args, 'classes', LCA_DEFAULTS.classes, 1, 30),
      starts: integerOption(args, 'starts', LCA_DEFAULTS.starts, 0, 10000),
      maxIterations: integerOption(args, 'max-iter', LCA_DEFAULTS.maxIterations, 1, 1_000_000),
      seed: seedOption(args),
      posteriors: args.flags.has('posteriors'),
      bootstrap: integerOption(args, 'bootstrap', 0, 0, 100000),
      ...(continuous === null ? {} : { continuous }),
    };
    const workers = integerOption(args, 'workers', defaultPoolSize(), 0, 64);
    const executor = workers === 0 ? null : await createPoolExecutor(data, { size: workers });
    try {
      const result = await runLcaAnalysis(data, params, executor ?? inProcessExecutor(data));
      result.notices = [...dataset.notices, ...data.notices, ...result.notices];
      printNotices(io, 'lca', result.notices);
      writeJsonOutput(requiredString(args, 'json'), result, io);
      return 0;
    } finally {
      await executor?.close();
    }
  },
};
