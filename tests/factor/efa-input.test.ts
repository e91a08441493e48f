import { describe, expect, it } from 'vitest';
import type { Column, Dataset } from '../../core/data/dataset';
import { EMPTY_MISSING } from '../../core/data/dataset';
import { InputError } from '../../core/errors';
import { buildEfaInput } from '../../core/factor/efa';

function column(name: string, values: number[], extra: Partial<Column> = {}): Column {
  return { name, label: name, measurement: 'ordinal', valueLabels: [], missing: EMPTY_MISSING, values: Float64Array.from(values), text: null, reversed: false, ...extra };
}

const dataset: Dataset = {
  source: { file: 'survey.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null },
  rows: 4,
  columns: [
    column('plain', [1, 2, NaN, 4]),
    column('coded', [1, 9, 3, 4], { missing: { codes: [9], range: null, strings: [] } }),
    column('reversed', [1, 2, 3, 5], { reversed: true }),
    column('w', [1, 2, 1, 1]),
    { ...column('comment', []), values: null, text: ['a', 'b', null, 'c'], measurement: 'text' },
  ],
  weight: 'w',
  id: null,
  notices: [],
};

describe('buildEfaInput(dataset, items)', () => {
  it('reads items in the order given, NaN for system- and user-missing, reverse-coding applied, weights attached', () => {
    const input = buildEfaInput(dataset, ['reversed', 'plain', 'coded']);
    expect(input.items).toEqual(['reversed', 'plain', 'coded']);
    expect(input.data.rows).toBe(4);
    const rows = Array.from({ length: 4 }, (_, r) => input.data.columns.map((column) => column[r]!));
    expect(rows).toEqual([[5, 1, 1], [4, 2, NaN], [3, NaN, 3], [1, 4, 4]]);
    expect(Array.from(input.weights!)).toEqual([1, 2, 1, 1]);
  });

  it('a text column is an InputError naming it', () => {
    expect(() => buildEfaInput(dataset, ['plain', 'comment'])).toThrow(InputError);
    expect(() => buildEfaInput(dataset, ['plain', 'comment'])).toThrow(/'comment' holds text/);
  });
});
