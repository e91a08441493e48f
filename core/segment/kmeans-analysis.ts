/**
 * A k-means segmentation as the `kmeans` command and the UI run it: every K in a range with
 * seeded k-means++ starts (kmeans.ts states the method and statistics), the comparison table and
 * selection by the largest Calinski–Harabasz index. There is no likelihood, so no AIC/BIC/entropy.
 */
import type { Notice } from '../notices';
import { notice } from '../notices';
import type { Progress } from '../jobs/run-steps';
import { kmeansRange, type NumericView } from './kmeans';

export type KmeansAnalysisParams = { variables: string[]; classes: [number, number]; starts: number; maxIterations: number; seed: number; standardise: true; missing: 'listwise' };

export const KMEANS_DEFAULTS = { classes: [2, 8] as [number, number], starts: 20, maxIterations: 300 };

export type KmeansEntry = {
  classes: number;
  withinSS: number;
  betweenSS: number;
  totalSS: number;
  rSquared: number;
  calinskiHarabasz: number | null;
  /** Cluster shares, descending; cluster 1 is the largest. */
  sizes: number[];
  counts: number[];
  /** Cluster × variable, original units. */
  centres: number[][];
  /** Cluster × variable, z-score units. */
  centresStandardised: number[][];
  bestWithinSSReplicated: number;
  startsRun: number;
  startsFailed: number;
  converged: boolean;
  iterations: number;
  /** Cluster (1-based) of every file row; null when not analysed. */
  assignments: (number | null)[];
};

export type KmeansResult = {
  kind: 'kmeans';
  schemaVersion: 1;
  params: KmeansAnalysisParams;
  seed: number;
  n: number;
  variables: string[];
  models: KmeansEntry[];
  /** K with the largest Calinski–Harabasz index. */
  selected: number | null;
  assignments: (number | null)[];
  notices: Notice[];
};

function rows(values: Float64Array, k: number, d: number): number[][] {
  return Array.from({ length: k }, (_, c) => Array.from(values.subarray(c * d, c * d + d)));
}

export function* runKmeansAnalysis(view: NumericView, rowIndex: Int32Array, totalRows: number, params: KmeansAnalysisParams): Generator<Progress, KmeansResult, void> {
  const solutions = yield* kmeansRange(view, { classes: params.classes, starts: params.starts, maxIterations: params.maxIterations, seed: params.seed });
  const notices: Notice[] = [];
  const models: KmeansEntry[] = solutions.map((s) => {
    const assignments = new Array<number | null>(totalRows).fill(null);
    rowIndex.forEach((row, i) => (assignments[row] = s.labels[i]! + 1));
    if (!s.converged) notices.push(notice('not-converged', 'warning', `k-means with K=${s.k} did not converge within ${params.maxIterations} iterations; raise --max-iter.`));
    if (s.counts.some((c) => c === 0)) notices.push(notice('empty-class', 'warning', `k-means with K=${s.k} left a cluster empty; fewer clusters describe these data.`));
    return {
      classes: s.k,
      withinSS: s.withinSS,
      betweenSS: s.betweenSS,
      totalSS: s.totalSS,
      rSquared: s.rSquared,
      calinskiHarabasz: s.calinskiHarabasz,
      sizes: s.sizes,
      counts: s.counts,
      centres: rows(s.centres, s.k, view.d),
      centresStandardised: rows(s.centresStandardised, s.k, view.d),
      bestWithinSSReplicated: s.bestReplicated,
      startsRun: s.startsRun,
      startsFailed: 0,
      converged: s.converged,
      iterations: s.iterations,
      assignments,
    };
  });
  let selected: KmeansEntry | null = null;
  for (const m of models) if (m.calinskiHarabasz !== null && (selected === null || m.calinskiHarabasz > selected.calinskiHarabasz!)) selected = m;
  return {
    kind: 'kmeans',
    schemaVersion: 1,
    params,
    seed: params.seed,
    n: view.n,
    variables: params.variables,
    models,
    selected: selected?.classes ?? null,
    assignments: selected?.assignments ?? new Array<number | null>(totalRows).fill(null),
    notices,
  };
}
