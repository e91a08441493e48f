/**
 * The data of a latent class model with mixed indicators: nominal and ordinal categorical items
 * (Uint8 codes, as in the LCA response matrix) and continuous variables (a Float64 matrix, NaN =
 * missing), aligned on the same respondents.
 *
 * Category frames are built by buildLcaData (lca-data.ts) so that nominal and ordinal items get
 * exactly the code frames, checks and notices of the latent class model (poLCA's 1..max frame for
 * nominal items; the observed values for ordinal ones).
 *
 * Respondents: every row with at least one observed indicator (of any kind) and, with weights, a
 * non-missing weight is analysed; a respondent's missing indicators drop out of their likelihood
 * (full-information ML under MAR). Weights are rescaled to mean 1 over the analysed respondents
 * (Mplus convention, as lca-data.ts and lpa-data.ts).
 */
import { InputError } from '../../errors';
import { notice, type Notice } from '../../notices';
import { findColumn, numericValues, type Dataset } from '../../data/dataset';
import { buildLcaData, MISSING_CODE, type LcaData } from '../lca/lca-data';

export type MixedData = {
  kind: 'mixed-data';
  /** Respondents analysed. */
  n: number;
  /** Categorical items, nominal first then ordinal (the order of `codes` columns). */
  items: string[];
  /** Number of nominal items among `items` (items[0..nominalCount−1] are nominal, the rest ordinal). */
  nominalCount: number;
  /** n×J row-major codes 0..C_j−1, MISSING_CODE (255) when missing. */
  codes: Uint8Array;
  categoryCounts: Int32Array;
  /** Item j's categories occupy rows offsets[j]..offsets[j]+C_j−1 of θ. */
  offsets: Int32Array;
  totalCategories: number;
  categoryValues: number[][];
  categoryLabels: string[][];
  /**
   * The ordinal items as an LcaData frame (items, categoryCounts, offsets relative to the first
   * ordinal category; codes realigned to these respondents), for lca-ordinal.ts; null without
   * ordinal items.
   */
  ordinalFrame: LcaData | null;
  /** Continuous variables. */
  variables: string[];
  /** d, the number of continuous variables. */
  d: number;
  /** n×d row-major values, NaN = missing. */
  x: Float64Array;
  /** Weights with mean 1 over the analysed respondents, or null (all 1). */
  weights: Float64Array | null;
  /** 0-based source row of each analysed respondent. */
  rowIndex: Int32Array;
  sourceRows: number;
  notices: Notice[];
};

export type MixedDataOptions = { nominal?: string[]; ordinal?: string[]; continuous?: string[]; weights?: string | null };

export { MISSING_CODE };

function categoricalFrame(dataset: Dataset, items: string[], indicators: 'nominal' | 'ordinal'): LcaData | null {
  if (items.length === 0) return null;
  return buildLcaData(dataset, items, { indicators, missing: 'fiml' });
}

/** Builds the mixed data; throws InputError naming the file and column on a bad column or option. */
export function buildMixedData(dataset: Dataset, options: MixedDataOptions): MixedData {
  const file = dataset.source.file;
  const nominal = options.nominal ?? [];
  const ordinal = options.ordinal ?? [];
  const continuous = options.continuous ?? [];
  const all = [...nominal, ...ordinal, ...continuous];
  if (all.length === 0) throw new InputError('option-invalid', 'No indicators were given for the mixed model; list nominal, ordinal or continuous columns.', { file });
  const duplicate = all.find((name, i) => all.indexOf(name) !== i);
  if (duplicate !== undefined) throw new InputError('option-invalid', `Column '${duplicate}' is listed twice among the indicators; list each column once, under one measurement level.`, { file, column: duplicate });

  const notices: Notice[] = [];
  const frames = [categoricalFrame(dataset, nominal, 'nominal'), categoricalFrame(dataset, ordinal, 'ordinal')];
  for (const f of frames) if (f !== null) notices.push(...f.notices.filter((n) => n.code !== 'rows-dropped'));
  const continuousValues = continuous.map((name) => {
    const column = findColumn(dataset, name);
    if (column === undefined) throw new InputError('column-unknown', `The continuous column '${name}' is not in ${file}; check the spelling or the column list.`, { file, column: name });
    if (column.values === null) throw new InputError('column-type', `Continuous variable '${name}' in ${file} holds text; choose a numeric column.`, { file, column: name });
    const values = numericValues(column, dataset.rows);
    let observed = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      if (!Number.isFinite(v)) throw new InputError('column-type', `Continuous variable '${name}' has the value ${v} in row ${i + 1} of ${file}; values must be finite.`, { file, row: i + 1, column: name });
      observed++;
    }
    if (observed < 2) throw new InputError('data-insufficient', `Continuous variable '${name}' in ${file} has fewer than two observed values; remove it from the list.`, { file, column: name });
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) { lo = Math.min(lo, values[i]!); hi = Math.max(hi, values[i]!); }
    if (!(hi > lo)) throw new InputError('data-degenerate', `Continuous variable '${name}' in ${file} has the same value (${lo}) for every respondent; it cannot separate classes, remove it from the list.`, { file, column: name });
    return values;
  });
  const weightName = options.weights ?? null;
  let weightValues: Float64Array | null = null;
  if (weightName !== null) {
    const column = findColumn(dataset, weightName);
    if (column === undefined) throw new InputError('column-unknown', `The weight column '${weightName}' is not in ${file}; check the spelling.`, { file, column: weightName });
    weightValues = numericValues(column, dataset.rows);
  }

  // Source row → row of each categorical frame (−1 = all its items missing).
  const frameRow = frames.map((f) => {
    const map = new Int32Array(dataset.rows).fill(-1);
    if (f !== null) for (let r = 0; r < f.n; r++) map[f.rowIndex[r]!] = r;
    return map;
  });
  const keep: number[] = [];
  let droppedEmpty = 0, droppedWeight = 0;
  for (let i = 0; i < dataset.rows; i++) {
    let observed = frameRow.some((m) => m[i]! >= 0);
    if (!observed) for (const v of continuousValues) if (!Number.isNaN(v[i]!)) { observed = true; break; }
    if (!observed) { droppedEmpty++; continue; }
    if (weightValues !== null) {
      const w = weightValues[i]!;
      if (Number.isNaN(w)) { droppedWeight++; continue; }
      if (!Number.isFinite(w) || w < 0) throw new InputError('column-type', `Weight column '${weightName}' has the invalid weight ${w} in row ${i + 1} of ${file}; weights must be finite and non-negative.`, { file, row: i + 1, column: weightName ?? '' });
    }
    keep.push(i);
  }
  if (droppedEmpty > 0) notices.push(notice('rows-dropped', 'warning', `${droppedEmpty} row(s) with no observed indicator were not analysed and get no class.`));
  if (droppedWeight > 0) notices.push(notice('rows-dropped', 'warning', `${droppedWeight} row(s) with a missing weight were not analysed and get no class.`));
  const n = keep.length;
  if (n < 2) throw new InputError('data-insufficient', `Only ${n} respondent(s) in ${file} can be analysed with these indicators.`, { file });

  const J = nominal.length + ordinal.length;
  const categoryCounts = new Int32Array(J);
  const offsets = new Int32Array(J);
  const categoryValues: number[][] = [];
  const categoryLabels: string[][] = [];
  let total = 0, j0 = 0;
  for (const f of frames) {
    if (f === null) continue;
    for (let j = 0; j < f.items.length; j++) {
      categoryCounts[j0 + j] = f.categoryCounts[j]!;
      offsets[j0 + j] = total;
      total += f.categoryCounts[j]!;
      categoryValues.push(f.categoryValues[j]!);
      categoryLabels.push(f.categoryLabels[j]!);
    }
    j0 += f.items.length;
  }
  const codes = new Uint8Array(n * J).fill(MISSING_CODE);
  let ordinalFrame: LcaData | null = null;
  j0 = 0;
  frames.forEach((f, which) => {
    if (f === null) return;
    const Jf = f.items.length;
    const own = new Uint8Array(n * Jf).fill(MISSING_CODE);
    for (let r = 0; r < n; r++) {
      const fr = frameRow[which]![keep[r]!]!;
      if (fr < 0) continue;
      for (let j = 0; j < Jf; j++) {
        const c = f.codes[fr * Jf + j]!;
        codes[r * J + j0 + j] = c;
        own[r * Jf + j] = c;
      }
    }
    if (which === 1) ordinalFrame = { ...f, n, codes: own, weights: null, rowIndex: Int32Array.from(keep), notices: [] };
    j0 += Jf;
  });

  const d = continuous.length;
  const x = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) x[r * d + j] = continuousValues[j]![keep[r]!]!;

  let weights: Float64Array | null = null;
  if (weightValues !== null) {
    const source = weightValues;
    weights = Float64Array.from(keep, (i) => source[i]!);
    const sum = weights.reduce((a, b) => a + b, 0);
    if (!(sum > 0)) throw new InputError('data-degenerate', `Weight column '${weightName}' sums to zero over the analysed rows of ${file}.`, { file, column: weightName ?? '' });
    const scale = n / sum;
    if (Math.abs(scale - 1) > 1e-12) notices.push(notice('weights-normalised', 'info', `Weights '${weightName}' were rescaled to average 1 over the ${n} analysed respondents (sum ${sum.toPrecision(6)} → ${n}).`));
    for (let r = 0; r < n; r++) weights[r]! *= scale;
  }
  return {
    kind: 'mixed-data', n, items: [...nominal, ...ordinal], nominalCount: nominal.length, codes, categoryCounts, offsets,
    totalCategories: total, categoryValues, categoryLabels, ordinalFrame, variables: [...continuous], d, x, weights,
    rowIndex: Int32Array.from(keep), sourceRows: dataset.rows, notices,
  };
}
