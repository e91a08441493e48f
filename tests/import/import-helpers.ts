/** Shared helpers for the import suites: fixture paths and a plain view of a Dataset. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Column, Dataset } from '../../core/data/dataset';

export const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixture(name)));
}

/** A column's answers as a researcher reads them: labels for labelled codes, text, numbers, null. */
export function answers(column: Column): (string | number | null)[] {
  if (column.values === null) return column.text!.map((t) => t);
  const labels = new Map(column.valueLabels.map((v) => [v.code, v.label]));
  return Array.from(column.values, (v) => (Number.isNaN(v) ? null : labels.get(v) ?? v));
}

export function column(dataset: Dataset, name: string): Column {
  const found = dataset.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no column ${name} in ${dataset.columns.map((c) => c.name).join(',')}`);
  return found;
}

/** Everything but the source and notices, for comparing two reads of the same survey. */
export function content(dataset: Dataset) {
  return {
    rows: dataset.rows,
    weight: dataset.weight,
    id: dataset.id,
    columns: dataset.columns.map((c) => ({ name: c.name, measurement: c.measurement, valueLabels: c.valueLabels, answers: answers(c) })),
  };
}
