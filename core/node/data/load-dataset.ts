/**
 * Node entry point for reading a survey file from disk into a Dataset.
 * FIRST VERSION: plain UTF-8 CSV only; the data-layer work replaces this with streaming CSV/TSV in
 * every encoding, .sav/.zsav and .xlsx.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from '../../errors';
import { EMPTY_MISSING, type Column, type Dataset } from '../../data/dataset';

export type LoadOptions = { sheet?: string };

export async function loadDataset(file: string, _options: LoadOptions = {}): Promise<Dataset> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('file-unreadable', `Cannot read '${file}': check the path and that the file is not open elsewhere.`, { file });
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...body] = parsed.data;
  if (header === undefined) throw new InputError('file-empty', `'${file}' is empty; choose a file with a header row and respondents.`, { file });
  const columns: Column[] = header.map((name, j) => {
    const raw = body.map((row) => row[j] ?? '');
    const numeric = raw.every((v) => v.trim() === '' || Number.isFinite(Number(v)));
    return {
      name,
      label: name,
      measurement: numeric ? 'continuous' : 'text',
      valueLabels: [],
      missing: { ...EMPTY_MISSING },
      values: numeric ? Float64Array.from(raw, (v) => (v.trim() === '' ? NaN : Number(v))) : null,
      text: numeric ? null : raw.map((v) => (v === '' ? null : v)),
      reversed: false,
    };
  });
  return {
    source: { file, format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null },
    rows: body.length,
    columns,
    weight: null,
    id: null,
    notices: [],
  };
}
