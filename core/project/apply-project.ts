/**
 * Applying a project's recorded decisions to a freshly read Dataset: codebook edits (labels,
 * measurement, missing codes, reverse-coding, Likert order of text answers, weight and id
 * columns) and the quality exclusions. The raw file is never changed; the same file plus the same
 * project always gives the same analysis data.
 */
import { InputError } from '../errors';
import type { Dataset } from '../data/dataset';
import { recodeTextOrder } from '../data/likert';
import type { Codebook, DataReference, Exclusion } from './project';
import { sha256Hex } from './content-hash';
import { encodeBase64 } from './base64';
import type { SourceFormat } from '../data/dataset';

export function applyCodebook(dataset: Dataset, codebook: Codebook): Dataset {
  const columns = dataset.columns.map((c) => ({ ...c }));
  const byName = new Map(columns.map((c, j) => [c.name, j]));
  for (const edit of codebook.columns) {
    const j = byName.get(edit.name);
    if (j === undefined) throw unknownColumn(dataset, edit.name, 'the codebook edits');
    let column = columns[j]!;
    if (edit.likertOrder !== undefined) column = recodeTextOrder(column, edit.likertOrder);
    if (edit.label !== undefined) column.label = edit.label;
    if (edit.measurement !== undefined) column.measurement = edit.measurement;
    if (edit.valueLabels !== undefined) column.valueLabels = [...edit.valueLabels].sort((a, b) => a.code - b.code);
    if (edit.missing !== undefined) column.missing = edit.missing;
    if (edit.reversed !== undefined) column.reversed = edit.reversed;
    columns[j] = column;
  }
  for (const name of [...codebook.batteryItems, codebook.weight, codebook.id]) {
    if (name !== null && !byName.has(name)) throw unknownColumn(dataset, name, 'the project');
  }
  return { ...dataset, columns, weight: codebook.weight ?? dataset.weight, id: codebook.id ?? dataset.id };
}

function unknownColumn(dataset: Dataset, name: string, where: string): InputError {
  return new InputError(
    'column-unknown',
    `Column '${name}' named in ${where} is not in '${dataset.source.file}'. The data file may have changed since the project was saved; rename the column back or edit the project.`,
    { file: dataset.source.file, column: name },
  );
}

/** Keeps the rows not excluded; returns the kept original row positions too. */
export function applyExclusions(dataset: Dataset, exclusions: readonly Exclusion[]): { dataset: Dataset; keptRows: Int32Array } {
  const excluded = new Set(exclusions.map((e) => e.row));
  for (const e of exclusions) {
    if (e.row >= dataset.rows) {
      throw new InputError('project-invalid', `The project excludes row ${e.row + 1} but '${dataset.source.file}' has only ${dataset.rows} respondents; the data file has changed since the project was saved.`, { file: dataset.source.file, row: e.row + 1 });
    }
  }
  const kept: number[] = [];
  for (let i = 0; i < dataset.rows; i++) if (!excluded.has(i)) kept.push(i);
  const keptRows = Int32Array.from(kept);
  return { dataset: selectRows(dataset, keptRows), keptRows };
}

export function selectRows(dataset: Dataset, rows: Int32Array): Dataset {
  const columns = dataset.columns.map((c) => ({
    ...c,
    values: c.values === null ? null : Float64Array.from(rows, (i) => c.values![i]!),
    text: c.text === null ? null : Array.from(rows, (i) => c.text![i] ?? null),
  }));
  return { ...dataset, rows: rows.length, columns };
}

/** A project's reference to a data file, fingerprinted; `embed` stores the bytes in the project. */
export function makeDataReference(
  bytes: Uint8Array,
  options: { path: string; fileName: string; format: SourceFormat; rows: number; sheet?: string | null; embed?: boolean },
): DataReference {
  const sha256 = sha256Hex(bytes);
  const sheet = options.sheet ?? null;
  if (options.embed === true) return { kind: 'embedded', fileName: options.fileName, format: options.format, sheet, sha256, rows: options.rows, base64: encodeBase64(bytes) };
  return { kind: 'file', path: options.path, format: options.format, sheet, sha256, rows: options.rows };
}

/** Checks that bytes read for a project are the data it was made on. */
export function verifyDataHash(reference: DataReference, bytes: Uint8Array, where: string): void {
  const actual = sha256Hex(bytes);
  if (actual !== reference.sha256) {
    throw new InputError(
      'project-invalid',
      `The data file '${where}' has changed since the project was saved (content hash ${actual.slice(0, 12)}… instead of ${reference.sha256.slice(0, 12)}…). Restore the original file, or re-import it to start a new analysis.`,
      { file: where },
    );
  }
}
