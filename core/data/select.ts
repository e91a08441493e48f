/**
 * Column selection as the command line and the UI express it: a comma-separated list of names,
 * where any element may be a run `FIRST:LAST` of adjacent columns in file order.
 */
import { InputError } from '../errors';

export function resolveColumnList(spec: string, columnNames: readonly string[], file?: string): string[] {
  const selected: string[] = [];
  const parts = spec.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length === 0) {
    throw new InputError('option-invalid', 'The column list is empty; give names separated by commas, or FIRST:LAST for a run of columns.', fileLoc(file));
  }
  for (const part of parts) {
    if (columnNames.includes(part)) {
      selected.push(part);
      continue;
    }
    const colon = part.indexOf(':');
    if (colon > 0) {
      const first = part.slice(0, colon).trim();
      const last = part.slice(colon + 1).trim();
      const a = indexOrThrow(first, columnNames, file);
      const b = indexOrThrow(last, columnNames, file);
      if (b < a) {
        throw new InputError('option-invalid', `The run '${part}' goes backwards: '${last}' comes before '${first}' in the file. Write it as ${last}:${first}.`, fileLoc(file));
      }
      for (let i = a; i <= b; i++) selected.push(columnNames[i]!);
      continue;
    }
    indexOrThrow(part, columnNames, file);
  }
  const seen = new Set<string>();
  for (const name of selected) {
    if (seen.has(name)) {
      throw new InputError('option-invalid', `Column '${name}' is listed twice; give each column once.`, { ...fileLoc(file), column: name });
    }
    seen.add(name);
  }
  return selected;
}

function indexOrThrow(name: string, columnNames: readonly string[], file?: string): number {
  const index = columnNames.indexOf(name);
  if (index >= 0) return index;
  const near = columnNames.filter((c) => c.toLowerCase() === name.toLowerCase());
  const hint = near.length > 0 ? ` Did you mean '${near[0]}'? Names are case-sensitive.` : ` The file has: ${preview(columnNames)}.`;
  throw new InputError('column-unknown', `Column '${name}' is not in ${file ?? 'the data'}.${hint}`, { ...fileLoc(file), column: name });
}

function preview(names: readonly string[]): string {
  return names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')} … (${names.length} columns)`;
}

function fileLoc(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}
