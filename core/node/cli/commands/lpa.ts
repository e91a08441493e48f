/**
 * `segstudio lpa --data FILE --vars LIST --classes A-B --models EII,VII,EEI,VVI,EEE,VVV --starts N
 * --seed N [--weights COL] [--missing fiml|listwise] [--posteriors] [--bootstrap N] [--max-iter N]
 * [--workers N] --json OUT`:
 * latent profile analysis (Gaussian mixtures with mclust's parameterisations), every model × K,
 * selection by BIC (−2ℓ + npar ln N, lower is better). Fitting runs in worker threads.
 */
import { InputError } from '../../../errors';
import { resolveColumnList } from '../../../data/select';
import { buildLpaData } from '../../../segment/lpa/lpa-data';
import { COVARIANCE_MODELS, type CovarianceModel } from '../../../segment/lpa/covariance-models';
import { LPA_DEFAULTS, runLpaAnalysis } from '../../../segment/lpa/lpa-analysis';
import { inProcessExecutor } from '../../../segment/executor';
import { choiceOption, integerOption, optionalString, rangeOption, requiredString } from '../args';
import type { Command } from '../command';
import { writeJsonOutput } from '../output';
import { loadDataset } from '../../data/load-dataset';
import { createPoolExecutor } from '../../jobs/pool-executor';
import { defaultPoolSize } from '../../jobs/worker-pool';
import { printNotices, SEED_OPTION, seedOption, WORKERS_OPTION } from './segment-options';

function parseModels(raw: string | undefined): CovarianceModel[] {
  if (raw === undefined) return [...LPA_DEFAULTS.models];
  const names = raw.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0);
  for (const name of names) {
    if (!(COVARIANCE_MODELS as readonly string[]).includes(name)) {
      throw new InputError('option-invalid', `Option '--models' accepts ${COVARIANCE_MODELS.join(', ')}; got '${name}'.`);
    }
  }
  if (names.length === 0) throw new InputError('option-invalid', `Option '--models' is empty; give e.g. EEE,VVV.`);
  return [...new Set(names)] as CovarianceModel[];
}

export const lpaCommand: Command = {
  name: 'lpa',
  summary: 'Latent profile analysis: Gaussian mixtures (mclust models EII…VVV) for a range of classes, many seeded starts, compared by BIC.',
  options: [
    { name: 'data', value: 'FILE', help: 'Survey file to read.', required: true },
    { name: 'vars', value: 'LIST', help: 'Continuous variables: names separated by commas, or FIRST:LAST.', required: true },
    { name: 'classes', value: 'A-B', help: 'Range of class counts (default 1-6).' },
    { name: 'models', value: 'LIST', help: 'Covariance models, any of EII,VII,EEI,VVI,EEE,VVV (default all).' },
    { name: 'starts', value: 'N', help: 'Random starts per model and K, plus one k-means start (default 20; 0 = the k-means start only).' },
    { name: 'max-iter', value: 'N', help: 'EM iteration limit per start (default 5000).' },
    SEED_OPTION,
    { name: 'weights', value: 'COL', help: 'Case-weight column (rescaled to sum to N).' },
    { name: 'missing', value: 'fiml|listwise', help: 'Missing values: fiml uses every observed value (default), listwise drops incomplete respondents (as mclust).' },
    { name: 'posteriors', value: null, help: 'Also write every respondent\'s posterior class probabilities.' },
    { name: 'bootstrap', value: 'N', help: 'Bootstrap replicates for stability (ARI) and the BLRT of K−1 vs K (default 0 = off).' },
    WORKERS_OPTION,
    { name: 'json', value: 'OUT', help: "Where to write the result JSON ('-' for standard output).", required: true },
  ],
  async run(args, io) {
    const file = requiredString(args, 'data');
    const dataset = await loadDataset(file);
    const names = dataset.columns.map((c) => c.name);
    const variables = resolveColumnList(requiredString(args, 'vars'), names, file);
    const weights = optionalString(args, 'weights');
    const missing = choiceOption(args, 'missing', ['fiml', 'listwise'] as const, 'fiml');
    const { data, notices } = buildLpaData(dataset, variables, weights === undefined ? { file, missing } : { file, weights, missing });
    const classes = rangeOption(args, 'classes', [1, 6], 1, 30);
    if (classes[1] * (variables.length + 1) >= data.n) {
      throw new InputError('option-invalid', `${classes[1]} classes on ${variables.length} variables need more than the ${data.n} respondents analysed; lower the top of --classes.`, { file });
    }
    const params = {
      ...LPA_DEFAULTS,
      variables,
      models: parseModels(optionalString(args, 'models')),
      classes,
      starts: integerOption(args, 'starts', LPA_DEFAULTS.starts, 0, 10000),
      maxIterations: integerOption(args, 'max-iter', LPA_DEFAULTS.maxIterations, 1, 1_000_000),
      seed: seedOption(args),
      weights: weights ?? null,
      missing,
      posteriors: args.flags.has('posteriors'),
      bootstrap: integerOption(args, 'bootstrap', 0, 0, 100000),
    };
    const workers = integerOption(args, 'workers', defaultPoolSize(), 0, 64);
    const executor = workers === 0 ? null : await createPoolExecutor(data, { size: workers });
    try {
      const result = await runLpaAnalysis(data, params, executor ?? inProcessExecutor(data));
      result.notices = [...dataset.notices, ...notices, ...result.notices];
      printNotices(io, 'lpa', result.notices);
      writeJsonOutput(requiredString(args, 'json'), result, io);
      return 0;
    } finally {
      await executor?.close();
    }
  },
};
