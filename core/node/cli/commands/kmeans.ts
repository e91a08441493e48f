/**
 * `segstudio kmeans --data FILE --vars LIST --classes A-B --starts N --seed N [--max-iter N] --json OUT`:
 * k-means++ segmentation on z-scored variables for a range of K, lowest within-SS of the starts per
 * K, selection by the Calinski–Harabasz index. Runs in this thread (seconds even at N = 20,000).
 */
import { resolveColumnList } from '../../../data/select';
import { runSteps } from '../../../jobs/run-steps';
import { buildLpaData } from '../../../segment/lpa/lpa-data';
import { KMEANS_DEFAULTS, runKmeansAnalysis } from '../../../segment/kmeans-analysis';
import { integerOption, rangeOption, requiredString } from '../args';
import type { Command } from '../command';
import { writeJsonOutput } from '../output';
import { loadDataset } from '../../data/load-dataset';
import { printNotices, SEED_OPTION, seedOption } from './segment-options';

export const kmeansCommand: Command = {
  name: 'kmeans',
  summary: 'k-means segmentation (k-means++ starts, standardised variables) for a range of K, compared by within-SS and Calinski–Harabasz.',
  options: [
    { name: 'data', value: 'FILE', help: 'Survey file to read.', required: true },
    { name: 'vars', value: 'LIST', help: 'Numeric variables: names separated by commas, or FIRST:LAST.', required: true },
    { name: 'classes', value: 'A-B', help: 'Range of cluster counts (default 2-8).' },
    { name: 'starts', value: 'N', help: 'k-means++ starts per K (default 20).' },
    { name: 'max-iter', value: 'N', help: 'Lloyd iteration limit per start (default 300).' },
    SEED_OPTION,
    { name: 'json', value: 'OUT', help: "Where to write the result JSON ('-' for standard output).", required: true },
  ],
  async run(args, io) {
    const file = requiredString(args, 'data');
    const dataset = await loadDataset(file);
    const variables = resolveColumnList(requiredString(args, 'vars'), dataset.columns.map((c) => c.name), file);
    const { data, notices } = buildLpaData(dataset, variables, { file, missing: 'listwise' });
    const params = {
      variables,
      classes: rangeOption(args, 'classes', KMEANS_DEFAULTS.classes, 1, Math.min(100, data.n - 1)),
      starts: integerOption(args, 'starts', KMEANS_DEFAULTS.starts, 1, 10000),
      maxIterations: integerOption(args, 'max-iter', KMEANS_DEFAULTS.maxIterations, 1, 100000),
      seed: seedOption(args),
      standardise: true as const,
      missing: 'listwise' as const,
    };
    const result = await runSteps(runKmeansAnalysis({ n: data.n, d: data.d, values: data.x }, data.rowIndex, data.totalRows, params));
    result.notices = [...dataset.notices, ...notices, ...result.notices];
    printNotices(io, 'kmeans', result.notices);
    writeJsonOutput(requiredString(args, 'json'), result, io);
    return 0;
  },
};
