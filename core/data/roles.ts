/**
 * The two special columns of a survey: the respondent id and the case weight.
 *
 * Detection (used for CSV/TSV/XLSX; a .sav file names its weight itself):
 * - weight: a numeric column named weight, weights, wt, wgt, weighting or with "weight" as a
 *   word of its name (final_weight, weight_2024) whose answered values are all finite and > 0.
 *   A weight-named column with zero, negative or missing values is not used, and a notice says why.
 * - id: the first column whose measurement was inferred as 'id' (see infer-columns.ts). For files
 *   that carry their own levels (.sav), detectIdColumn applies the same name-and-uniqueness rule
 *   and marks the column 'id', so a .sav and its CSV export get the same codebook.
 * The explicit API (setWeightColumn, setIdColumn) validates and returns a new Dataset.
 */
import { InputError } from '../errors';
import { notice, type Notice } from '../notices';
import { findColumn, isMissingValue, type Column, type Dataset } from './dataset';
import { hasNameHint, looksLikeIdName } from './table/infer-columns';

export const WEIGHT_NAME = /^(weights?|wt|wgt|weighting)$|(^|[_.\s-])weights?($|[_.\s-])/i;
/** One of these is in every name WEIGHT_NAME matches (see hasNameHint). */
export const WEIGHT_HINTS = ['weight', 'wt', 'wgt'];

export function looksLikeWeightName(name: string): boolean {
  return hasNameHint(name, WEIGHT_HINTS) && WEIGHT_NAME.test(name.trim());
}

/** Fills dataset.weight and dataset.id when unset, adding notices; returns a new Dataset. */
export function detectRoles(dataset: Dataset): Dataset {
  const notices: Notice[] = [];
  let weight = dataset.weight;
  if (weight === null) {
    for (const column of dataset.columns) {
      if (!looksLikeWeightName(column.name)) continue;
      const problem = weightProblem(dataset, column.name);
      if (problem === null) {
        weight = column.name;
        notices.push(notice('info', 'info', `Column '${column.name}' is used as the case weight (found by its name); choose another weight or none in the codebook.`, [column.name]));
        break;
      }
      notices.push(notice('info', 'warning', `Column '${column.name}' looks like a weight but is not used as one: ${problem}`, [column.name]));
    }
  }
  const id = dataset.id ?? dataset.columns.find((c) => c.measurement === 'id')?.name ?? null;
  return { ...dataset, weight, id, notices: [...dataset.notices, ...notices] };
}

/**
 * When the dataset has no id: the first column named like an id (looksLikeIdName) whose answered
 * values are at least 90 % distinct becomes the id, with measurement 'id'. Returns a new Dataset.
 */
export function detectIdColumn(dataset: Dataset): Dataset {
  if (dataset.id !== null) return dataset;
  const found = dataset.columns.find((c) => looksLikeIdName(c.name) && mostlyDistinct(c, dataset.rows));
  if (found === undefined) return dataset;
  return { ...dataset, id: found.name, columns: dataset.columns.map((c) => (c === found ? { ...c, measurement: 'id' as const } : c)) };
}

function mostlyDistinct(column: Column, rows: number): boolean {
  const seen = new Set<number | string>();
  let answered = 0;
  for (let i = 0; i < rows; i++) {
    if (isMissingValue(column, i)) continue;
    const v = column.values !== null ? column.values[i]! : column.text![i]!;
    if (typeof v === 'number' && !Number.isInteger(v)) return false;
    answered++;
    seen.add(v);
  }
  return answered > 0 && seen.size >= 0.9 * answered;
}

/** Sets (or clears with null) the weight column; InputError when it is not a valid weight. */
export function setWeightColumn(dataset: Dataset, name: string | null): Dataset {
  if (name === null) return { ...dataset, weight: null };
  const problem = weightProblem(dataset, name);
  if (problem !== null) throw new InputError('column-type', `Column '${name}' cannot be the weight: ${problem}`, { file: dataset.source.file, column: name });
  return { ...dataset, weight: name };
}

/** Sets (or clears with null) the respondent-id column. Duplicates are allowed: the quality screen flags them. */
export function setIdColumn(dataset: Dataset, name: string | null): Dataset {
  if (name === null) return { ...dataset, id: null };
  requireColumn(dataset, name);
  return { ...dataset, id: name };
}

function requireColumn(dataset: Dataset, name: string) {
  const column = findColumn(dataset, name);
  if (column === undefined) {
    throw new InputError('column-unknown', `Column '${name}' is not in ${dataset.source.file}; choose one of: ${dataset.columns.map((c) => c.name).join(', ')}.`, { file: dataset.source.file, column: name });
  }
  return column;
}

/** Why a column cannot be a weight (a sentence with the row), or null when it can. */
function weightProblem(dataset: Dataset, name: string): string | null {
  const column = requireColumn(dataset, name);
  if (column.values === null) return 'it holds text, and weights must be positive numbers.';
  for (let i = 0; i < dataset.rows; i++) {
    const v = column.values[i]!;
    if (Number.isNaN(v)) return `respondent ${i + 1} has no weight; give every respondent a positive weight.`;
    if (!(v > 0) || !Number.isFinite(v)) return `respondent ${i + 1} has weight ${v}; weights must be greater than 0.`;
  }
  return null;
}
