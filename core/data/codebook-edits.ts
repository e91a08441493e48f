/**
 * Codebook edits a researcher makes after import, as pure functions Dataset → Dataset (the
 * project file records them and replays them on the source file):
 * - setReversed: reverse-code items (the `reversed` flag; numericValues applies c → min + max − c
 *   over the labelled/observed range, so codes on disk never change).
 * - reorderCategories: the user's order for a text-derived column (likert.ts recodeTextOrder).
 * Weight and id: roles.ts (setWeightColumn, setIdColumn).
 */
import { InputError } from '../errors';
import type { Column, Dataset } from './dataset';
import { recodeTextOrder } from './likert';

export function setReversed(dataset: Dataset, names: readonly string[], reversed: boolean): Dataset {
  const wanted = new Set(names);
  for (const name of names) {
    const column = requireColumn(dataset, name);
    if (column.values === null) {
      throw new InputError('column-type', `Column '${name}' holds text and cannot be reverse-coded; only numeric or labelled answers can.`, { file: dataset.source.file, column: name });
    }
  }
  return { ...dataset, columns: dataset.columns.map((c) => (wanted.has(c.name) ? { ...c, reversed } : c)) };
}

export function reorderCategories(dataset: Dataset, name: string, orderedLabels: readonly string[]): Dataset {
  const column = requireColumn(dataset, name);
  const recoded = recodeTextOrder(column, orderedLabels);
  return { ...dataset, columns: dataset.columns.map((c) => (c === column ? recoded : c)) };
}

function requireColumn(dataset: Dataset, name: string): Column {
  const column = dataset.columns.find((c) => c.name === name);
  if (column === undefined) {
    throw new InputError('column-unknown', `Column '${name}' is not in ${dataset.source.file}; check the name (names are case-sensitive).`, { file: dataset.source.file, column: name });
  }
  return column;
}
