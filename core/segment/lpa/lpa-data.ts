/**
 * The data a latent profile model is fitted to: continuous variables as an N×d row-major matrix of
 * the respondents analysed, their case weights (normalised to sum to N) and the file row each came
 * from, so that assignments are reported in file row order.
 *
 * Missing values: 'fiml' (default) keeps every respondent with at least one observed variable; the
 * missing ones drop out of the likelihood (gaussian-missing.ts). 'listwise' keeps only complete
 * respondents (mclust's and tidyLPA's behaviour). Either way, dropped rows are announced by a
 * 'rows-dropped' notice with the count and get a null assignment.
 */
import { InputError } from '../../errors';
import { findColumn, numericValues, type Dataset } from '../../data/dataset';
import { notice, type Notice } from '../../notices';
import { detectPatterns, type MissingPatterns } from './gaussian-missing';

export type LpaData = {
  /** Respondents analysed. */
  n: number;
  /** Variables. */
  d: number;
  /** N×d row-major values; NaN = missing (only with missing = 'fiml'). */
  x: Float64Array;
  /** Missingness patterns, or null when every value is observed. */
  patterns: MissingPatterns | null;
  /** Case weights normalised to sum to n, or null when unweighted. */
  weights: Float64Array | null;
  variables: string[];
  /** 0-based file row of each analysed respondent. */
  rowIndex: Int32Array;
  /** Rows in the file (assignments are reported for all of them). */
  totalRows: number;
};

export type LpaMissing = 'fiml' | 'listwise';

export type LpaDataOptions = { weights?: string; file?: string; missing?: LpaMissing };

export function buildLpaData(dataset: Dataset, variables: readonly string[], options: LpaDataOptions = {}): { data: LpaData; notices: Notice[] } {
  const file = options.file ?? dataset.source.file;
  const columns = variables.map((name) => {
    const column = findColumn(dataset, name);
    if (column === undefined) throw new InputError('column-unknown', `Column '${name}' is not in ${file}.`, { file, column: name });
    if (column.values === null) {
      throw new InputError('column-type', `Column '${name}' holds text; latent profile analysis needs numeric variables. Choose numeric columns or recode it.`, { file, column: name });
    }
    return numericValues(column, dataset.rows);
  });
  let weightValues: Float64Array | null = null;
  if (options.weights !== undefined) {
    const column = findColumn(dataset, options.weights);
    if (column === undefined) throw new InputError('column-unknown', `Weight column '${options.weights}' is not in ${file}.`, { file, column: options.weights });
    if (column.values === null) throw new InputError('column-type', `Weight column '${options.weights}' holds text; weights must be positive numbers.`, { file, column: options.weights });
    weightValues = numericValues(column, dataset.rows);
  }
  const missing = options.missing ?? 'fiml';
  const keep: number[] = [];
  let droppedMissing = 0;
  let droppedWeight = 0;
  for (let i = 0; i < dataset.rows; i++) {
    const drop = missing === 'listwise' ? columns.some((c) => Number.isNaN(c[i]!)) : columns.every((c) => Number.isNaN(c[i]!));
    if (drop) {
      droppedMissing++;
      continue;
    }
    if (weightValues !== null && !(weightValues[i]! > 0)) {
      droppedWeight++;
      continue;
    }
    keep.push(i);
  }
  const d = variables.length;
  const n = keep.length;
  if (n < 2 * d + 2) {
    throw new InputError('data-insufficient', `Only ${n} respondents have all of ${variables.join(', ')} observed; a latent profile model on ${d} variables needs far more. Choose fewer variables or a file with more complete answers.`, { file });
  }
  const x = new Float64Array(n * d);
  keep.forEach((row, i) => columns.forEach((c, j) => (x[i * d + j] = c[row]!)));
  const notices: Notice[] = [];
  for (let j = 0; j < d; j++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[i * d + j]!;
      if (Number.isNaN(v)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min === max) {
      throw new InputError('data-degenerate', `Variable '${variables[j]}' has the same value (${min}) for every respondent analysed; it cannot separate profiles. Remove it from --vars.`, { file, column: variables[j]! });
    }
  }
  if (droppedMissing > 0) {
    const why = missing === 'listwise' ? 'miss at least one of the profile variables and were left out (listwise deletion)' : 'have none of the profile variables and were left out';
    notices.push(notice('rows-dropped', 'warning', `${droppedMissing} of ${dataset.rows} respondents ${why}; they get no class assignment.`));
  }
  if (droppedWeight > 0) {
    notices.push(notice('rows-dropped', 'warning', `${droppedWeight} respondents have a missing, zero or negative weight in '${options.weights ?? ''}' and were left out.`));
  }
  let weights: Float64Array | null = null;
  if (weightValues !== null) {
    let sum = 0;
    for (const row of keep) sum += weightValues[row]!;
    weights = Float64Array.from(keep, (row) => (weightValues[row]! * n) / sum);
    notices.push(notice('weights-normalised', 'info', `Weights from '${options.weights}' were rescaled to sum to the ${n} respondents analysed (pseudo-maximum likelihood); information criteria use N = ${n}.`));
  }
  const patterns = detectPatterns(x, n, d);
  if (patterns !== null) {
    let incomplete = 0;
    for (let i = 0; i < n; i++) if (patterns.masks[patterns.patternOf[i]!]!.includes(0)) incomplete++;
    notices.push(notice('info', 'info', `${incomplete} respondents miss some profile variables; their observed values enter the likelihood (full-information ML under MAR).`));
  }
  return { data: { n, d, x, patterns, weights, variables: [...variables], rowIndex: Int32Array.from(keep), totalRows: dataset.rows }, notices };
}

/** LpaData straight from a matrix (tests, simulation, bootstrap). */
export function lpaDataFromMatrix(x: Float64Array, n: number, d: number, variables?: readonly string[], weights: Float64Array | null = null): LpaData {
  const rowIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) rowIndex[i] = i;
  return { n, d, x, patterns: detectPatterns(x, n, d), weights, variables: variables === undefined ? Array.from({ length: d }, (_, j) => `V${j + 1}`) : [...variables], rowIndex, totalRows: n };
}
