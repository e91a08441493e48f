/**
 * The response matrix of a latent class model, built once from a Dataset and then shared by every
 * start, K and bootstrap draw. Items become Uint8 codes 0..C_j−1 (255 = missing) in row-major
 * (respondent-major) order, the layout the EM kernel streams (see lca-kernels.generated.ts).
 *
 * Categories of an item (its code frame), in ascending numeric order (code 0 = smallest value):
 * - nominal items whose answers are integers 1..max with max ≤ MAX_CATEGORIES: every integer
 *   1..max, poLCA's frame (it requires codes 1..C and takes C_j = max y). A value in the frame that
 *   nobody chose stays a category with probability 0 in every class and counts in npar, exactly as
 *   in poLCA, so npar, BIC and the item-probability matrices line up with poLCA's; a notice says so.
 * - otherwise (ordinal items, codes from 0 or below, wider code ranges): the distinct observed
 *   values. An ordinal category nobody chose would have location −∞; its scores are the ranks.
 * Labelled values outside the frame that nobody chose are reported in a notice.
 *
 * Missing answers: 'fiml' keeps every respondent with at least one observed item (a respondent's
 * missing items drop out of their likelihood: full-information ML under MAR, poLCA's
 * na.rm = FALSE); 'listwise' keeps only respondents who answered every item (poLCA's default
 * na.rm = TRUE). Rows with a missing covariate or weight are always dropped, with a notice.
 * Survey weights are rescaled to mean 1 over the analysed respondents (Mplus convention), so the
 * log-likelihood and every information criterion stay on the scale of the sample size.
 */
import { InputError } from '../../errors';
import { notice, type Notice } from '../../notices';
import { findColumn, isUserMissing, numericValues, type Column, type Dataset } from '../../data/dataset';
import type { Matrix } from '../../math/matrix';

export type LcaIndicators = 'nominal' | 'ordinal';
export type LcaMissing = 'fiml' | 'listwise';

/** Largest number of categories an item may have; beyond it the item is not categorical. */
export const MAX_CATEGORIES = 20;
export const MISSING_CODE = 255;

export type LcaData = {
  kind: 'lca-data';
  indicators: LcaIndicators;
  missing: LcaMissing;
  /** Respondents analysed (rows of `codes`). */
  n: number;
  items: string[];
  /** n×J row-major codes 0..C_j−1, MISSING_CODE for a missing answer. */
  codes: Uint8Array;
  /** C_j, the number of categories of each item. */
  categoryCounts: Int32Array;
  /** offset_j = Σ_{j'<j} C_j': item j's categories occupy rows offset_j..offset_j+C_j−1 of θ. */
  offsets: Int32Array;
  /** Σ_j C_j. */
  totalCategories: number;
  /** Per item, the file value of each code (ascending). */
  categoryValues: number[][];
  /** Per item, the value label of each code (the value itself when unlabelled). */
  categoryLabels: string[][];
  /** Case weights rescaled to mean 1 over the analysed respondents, or null (all 1). */
  weights: Float64Array | null;
  /** Covariate names (the design matrix adds an intercept in column 0). */
  covariates: string[];
  /** n×S design matrix [1, covariates...] for the class-membership model, or null. */
  design: Matrix | null;
  /** 0-based row of the source dataset for each analysed respondent. */
  rowIndex: Int32Array;
  /** Rows of the source dataset (analysed or not). */
  sourceRows: number;
  notices: Notice[];
};

export type LcaDataOptions = {
  indicators: LcaIndicators;
  weights?: string | null;
  covariates?: string[];
  missing?: LcaMissing;
  /**
   * Building the respondents of a later wave for scoreLca: an item that has one category, or no
   * answers, in the new file is accepted (the model's code frame applies; see lca-score.ts).
   */
  forScoring?: boolean;
};

function requireColumn(dataset: Dataset, name: string, role: string): Column {
  const column = findColumn(dataset, name);
  if (column === undefined) {
    throw new InputError('column-unknown', `The ${role} column '${name}' is not in ${dataset.source.file}; check the spelling or the column list.`, { file: dataset.source.file, column: name });
  }
  return column;
}

type ItemFrame = { values: Float64Array; categories: number[]; labels: string[] };

function frameItem(dataset: Dataset, name: string, notices: Notice[], forScoring: boolean, indicators: LcaIndicators): ItemFrame {
  const file = dataset.source.file;
  const column = requireColumn(dataset, name, 'item');
  const values = numericValues(column, dataset.rows);
  if (column.values === null) {
    throw new InputError('column-type', `Item '${name}' in ${file} holds text, not numeric codes; recode it to integer categories before a latent class analysis.`, { file, column: name });
  }
  const observedLabels = analysisLabels(column, values);
  const byCode = new Map(column.valueLabels.map((v) => [v.code, v.label] as const));
  const labelOf = (c: number): string | undefined => observedLabels.get(c) ?? (column.reversed ? undefined : byCode.get(c));
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) {
      throw new InputError('column-type', `Item '${name}' has the non-integer value ${v} in row ${i + 1} of ${file}; latent class items must be integer category codes (recode it, or use a latent profile model for continuous variables).`, { file, row: i + 1, column: name });
    }
    seen.add(v);
  }
  let categories = [...seen].sort((a, b) => a - b);
  const top = categories[categories.length - 1] ?? 0;
  if (indicators === 'nominal' && !forScoring && categories.length > 0 && categories[0]! >= 1 && top <= MAX_CATEGORIES) {
    const empty = Array.from({ length: top }, (_, c) => c + 1).filter((c) => !seen.has(c));
    if (empty.length > 0) {
      categories = Array.from({ length: top }, (_, c) => c + 1);
      notices.push(notice('info', 'info', `Item '${name}': code(s) ${empty.map((c) => (labelOf(c) !== undefined ? `${c} '${labelOf(c)}'` : String(c))).join(', ')} were never chosen; as in poLCA they stay categories of the item (probability 0 in every class, counted in the number of parameters).`, [name]));
    }
  }
  if (!forScoring && seen.size === 0) {
    throw new InputError('data-insufficient', `Item '${name}' in ${file} has no observed answers; remove it from the item list.`, { file, column: name });
  } else if (!forScoring && seen.size === 1) {
    throw new InputError('data-degenerate', `Item '${name}' in ${file} has a single observed category (${[...seen][0]}); it cannot separate classes, remove it from the item list.`, { file, column: name });
  }
  if (categories.length > MAX_CATEGORIES) {
    throw new InputError('column-type', `Item '${name}' in ${file} has ${categories.length} distinct values (at most ${MAX_CATEGORIES} are allowed for a categorical item); recode it into fewer categories or use a latent profile model.`, { file, column: name });
  }
  const raw = column.values;
  const chosen = new Set<number>();
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) chosen.add(raw[i]!);
  const inFrame = new Set(categories);
  const unused = column.valueLabels.filter((v) => !chosen.has(v.code) && !isUserMissing(column.missing, v.code) && !(inFrame.has(v.code) && !column.reversed));
  if (unused.length > 0) {
    notices.push(notice('categories-collapsed', 'info', `Item '${name}': labelled value(s) ${unused.map((v) => `${v.code} '${v.label}'`).join(', ')} were never chosen and are not categories of the model.`, [name]));
  }
  return { values, categories, labels: categories.map((c) => labelOf(c) ?? String(c)) };
}

/**
 * Value label of each analysis value of a column, through the stored codes, so that a
 * reverse-coded item keeps the label of the answer the respondent gave. Unlabelled values are
 * absent from the map.
 */
export function analysisLabels(column: Column, values: Float64Array): Map<number, string> {
  const byCode = new Map(column.valueLabels.map((v) => [v.code, v.label] as const));
  const out = new Map<number, string>();
  if (column.values === null) return out;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || out.has(v)) continue;
    const label = byCode.get(column.values[i]!);
    if (label !== undefined) out.set(v, label);
  }
  return out;
}

/** Builds the response matrix; see the header for the rules. Throws InputError naming the column. */
export function buildLcaData(dataset: Dataset, items: string[], options: LcaDataOptions): LcaData {
  const file = dataset.source.file;
  const missing = options.missing ?? 'fiml';
  const covariateNames = options.covariates ?? [];
  if (items.length === 0) throw new InputError('option-invalid', 'No items were given for the latent class model; list at least two categorical columns.', { file });
  const duplicate = items.find((name, i) => items.indexOf(name) !== i);
  if (duplicate !== undefined) throw new InputError('option-invalid', `Item '${duplicate}' is listed twice; list each item once.`, { file, column: duplicate });
  const notices: Notice[] = [];
  const frames = items.map((name) => frameItem(dataset, name, notices, options.forScoring === true, options.indicators));
  const covariateValues = covariateNames.map((name) => {
    const column = requireColumn(dataset, name, 'covariate');
    if (column.values === null) throw new InputError('column-type', `Covariate '${name}' in ${file} is text; covariates must be numeric (use dummy codes for categories).`, { file, column: name });
    return numericValues(column, dataset.rows);
  });
  const weightName = options.weights ?? null;
  const weightValues = weightName === null ? null : numericValues(requireColumn(dataset, weightName, 'weight'), dataset.rows);

  const keep: number[] = [];
  let droppedItems = 0, droppedEmpty = 0, droppedCovariate = 0, droppedWeight = 0;
  for (let i = 0; i < dataset.rows; i++) {
    let observed = 0;
    for (const f of frames) if (!Number.isNaN(f.values[i]!)) observed++;
    if (observed === 0) { droppedEmpty++; continue; }
    if (missing === 'listwise' && observed < frames.length) { droppedItems++; continue; }
    if (covariateValues.some((v) => !Number.isFinite(v[i]!))) { droppedCovariate++; continue; }
    if (weightValues !== null) {
      const w = weightValues[i]!;
      if (Number.isNaN(w)) { droppedWeight++; continue; }
      if (!Number.isFinite(w) || w < 0) {
        throw new InputError('column-type', `Weight column '${weightName}' has the invalid weight ${w} in row ${i + 1} of ${file}; weights must be finite and non-negative.`, { file, row: i + 1, column: weightName ?? '' });
      }
    }
    keep.push(i);
  }
  const dropNote = (count: number, why: string): void => {
    if (count > 0) notices.push(notice('rows-dropped', 'warning', `${count} row(s) ${why} were not analysed and get no class.`));
  };
  dropNote(droppedEmpty, 'with no answer to any item');
  dropNote(droppedItems, "with a missing item (missing = 'listwise'; choose 'fiml' to keep them)");
  dropNote(droppedCovariate, 'with a missing covariate');
  dropNote(droppedWeight, 'with a missing weight');
  const n = keep.length;
  if (n < 2 && options.forScoring !== true) throw new InputError('data-insufficient', `Only ${n} respondent(s) in ${file} can be analysed with these items; check the missing-data setting and the item list.`, { file });

  const J = items.length;
  const codes = new Uint8Array(n * J);
  const categoryCounts = Int32Array.from(frames, (f) => f.categories.length);
  const offsets = new Int32Array(J);
  let total = 0;
  for (let j = 0; j < J; j++) { offsets[j] = total; total += categoryCounts[j]!; }
  for (let j = 0; j < J; j++) {
    const f = frames[j]!;
    const index = new Map(f.categories.map((c, code) => [c, code] as const));
    for (let r = 0; r < n; r++) {
      const v = f.values[keep[r]!]!;
      codes[r * J + j] = Number.isNaN(v) ? MISSING_CODE : index.get(v)!;
    }
  }

  let weights: Float64Array | null = null;
  if (weightValues !== null) {
    weights = Float64Array.from(keep, (i) => weightValues[i]!);
    const sum = weights.reduce((a, b) => a + b, 0);
    if (!(sum > 0)) throw new InputError('data-degenerate', `Weight column '${weightName}' sums to zero over the analysed rows of ${file}.`, { file, column: weightName ?? '' });
    const scale = n / sum;
    if (Math.abs(scale - 1) > 1e-12) notices.push(notice('weights-normalised', 'info', `Weights '${weightName}' were rescaled to average 1 over the ${n} analysed respondents (sum ${sum.toPrecision(6)} → ${n}).`));
    for (let r = 0; r < n; r++) weights[r]! *= scale;
  }

  let design: Matrix | null = null;
  if (covariateValues.length > 0) {
    const S = covariateValues.length + 1;
    const data = new Float64Array(n * S);
    for (let r = 0; r < n; r++) {
      data[r * S] = 1;
      for (let s = 1; s < S; s++) data[r * S + s] = covariateValues[s - 1]![keep[r]!]!;
    }
    design = { rows: n, cols: S, data };
  }
  return {
    kind: 'lca-data', indicators: options.indicators, missing, n, items: [...items], codes, categoryCounts, offsets,
    totalCategories: total, categoryValues: frames.map((f) => f.categories), categoryLabels: frames.map((f) => f.labels),
    weights, covariates: [...covariateNames], design, rowIndex: Int32Array.from(keep), sourceRows: dataset.rows, notices,
  };
}
