import { describe, expect, it } from 'vitest';
import type { Column, Dataset } from '../../core/data/dataset';
import { InputError } from '../../core/errors';
import { buildLcaData, MISSING_CODE } from '../../core/segment/lca/lca-data';

function column(name: string, values: number[], labels: { code: number; label: string }[] = []): Column {
  return { name, label: name, measurement: 'nominal', valueLabels: labels, missing: { codes: [9], range: null, strings: [] }, values: Float64Array.from(values), text: null, reversed: false };
}

function dataset(columns: Column[]): Dataset {
  return { source: { file: 'wave1.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, rows: columns[0]!.values!.length, columns, weight: null, id: null, notices: [] };
}

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('buildLcaData(dataset, items, options)', () => {
  const ds = dataset([
    column('q1', [1, 2, 3, NaN, 1, 9], [{ code: 1, label: 'no' }, { code: 2, label: 'maybe' }, { code: 3, label: 'yes' }, { code: 4, label: 'never chosen' }]),
    column('q2', [5, 7, NaN, NaN, 7, 5]),
    column('w', [1, 2, 1, 1, 4, 1]),
    column('x', [0.5, 1, 2, 3, NaN, 1]),
  ]);

  it('codes categories 0..C−1 in ascending value order, 255 for missing (user-missing 9 included)', () => {
    const data = buildLcaData(ds, ['q1', 'q2'], { indicators: 'ordinal' });
    expect(data.categoryValues).toEqual([[1, 2, 3], [5, 7]]);
    expect(data.categoryLabels).toEqual([['no', 'maybe', 'yes'], ['5', '7']]);
    expect(Array.from(data.offsets)).toEqual([0, 3]);
    expect(data.totalCategories).toBe(5);
    // FIML keeps rows with at least one answer: row 4 (index 3) has none and is dropped.
    expect(Array.from(data.rowIndex)).toEqual([0, 1, 2, 4, 5]);
    expect(Array.from(data.codes)).toEqual([0, 0, 1, 1, 2, MISSING_CODE, 0, 1, MISSING_CODE, 0]);
    expect(data.notices.map((n) => n.code)).toEqual(['categories-collapsed', 'rows-dropped']);
  });

  it("nominal items coded 1..max use poLCA's frame 1..max: unchosen codes stay categories (npar as poLCA)", () => {
    const data = buildLcaData(ds, ['q1', 'q2'], { indicators: 'nominal' });
    expect(data.categoryValues).toEqual([[1, 2, 3], [1, 2, 3, 4, 5, 6, 7]]);
    expect(data.categoryLabels[1]).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(Array.from(data.codes.filter((_, q) => q % 2 === 1))).toEqual([4, 6, MISSING_CODE, 6, 4]);
    expect(data.notices.find((n) => n.code === 'info')!.message).toMatch(/'q2': code\(s\) 1, 2, 3, 4, 6 were never chosen; as in poLCA/);
    const zeroBased = buildLcaData(dataset([column('a', [0, 2, 0]), column('b', [1, 2, 1])]), ['a', 'b'], { indicators: 'nominal' });
    expect(zeroBased.categoryValues[0]).toEqual([0, 2]);
  });

  it("listwise keeps complete rows only; covariate rows with a missing value are dropped; weights rescale to mean 1", () => {
    const data = buildLcaData(ds, ['q1', 'q2'], { indicators: 'ordinal', missing: 'listwise', weights: 'w', covariates: ['x'] });
    expect(Array.from(data.rowIndex)).toEqual([0, 1]);
    expect(Array.from(data.weights!)).toEqual([2 / 3, 4 / 3]);
    expect(data.design).toEqual({ rows: 2, cols: 2, data: Float64Array.from([1, 0.5, 1, 1]) });
    expect(data.notices.some((n) => n.code === 'weights-normalised')).toBe(true);
  });

  it('refuses non-integer codes, naming the column and row', () => {
    const error = inputError(() => buildLcaData(dataset([column('q1', [1, 2.5, 1]), column('q2', [1, 2, 1])]), ['q1', 'q2'], { indicators: 'nominal' }));
    expect(error.code).toBe('column-type');
    expect(error.location).toEqual({ file: 'wave1.csv', row: 2, column: 'q1' });
    expect(error.message).toContain("'q1'");
  });

  it('refuses an item with a single category and one with more than 20', () => {
    const single = inputError(() => buildLcaData(dataset([column('q1', [1, 1, 1]), column('q2', [1, 2, 1])]), ['q1', 'q2'], { indicators: 'nominal' }));
    expect(single.code).toBe('data-degenerate');
    expect(single.location.column).toBe('q1');
    const many = inputError(() => buildLcaData(dataset([column('age', Array.from({ length: 30 }, (_, i) => 18 + i))]), ['age'], { indicators: 'nominal' }));
    expect(many.message).toMatch(/recode it into fewer categories or use a latent profile model/);
  });

  it('accepts a single-category item when building data to score', () => {
    const data = buildLcaData(dataset([column('q1', [1, 1, 1]), column('q2', [1, 2, 1])]), ['q1', 'q2'], { indicators: 'nominal', forScoring: true });
    expect(data.categoryValues[0]).toEqual([1]);
  });

  it('a reverse-coded item keeps the label of the answer given (value 1 after reversal was stored as 3)', () => {
    const reversed = { ...column('r', [1, 3, 2, 3], [{ code: 1, label: 'no' }, { code: 2, label: 'maybe' }, { code: 3, label: 'yes' }]), reversed: true };
    const data = buildLcaData(dataset([reversed, column('q2', [1, 2, 1, 2])]), ['r', 'q2'], { indicators: 'ordinal' });
    expect(data.categoryValues[0]).toEqual([1, 2, 3]);
    expect(data.categoryLabels[0]).toEqual(['yes', 'maybe', 'no']);
    expect(Array.from(data.codes.filter((_, q) => q % 2 === 0))).toEqual([2, 0, 1, 0]);
  });

  it('names an unknown column', () => {
    const error = inputError(() => buildLcaData(ds, ['q1', 'q9'], { indicators: 'nominal' }));
    expect(error.code).toBe('column-unknown');
    expect(error.location.column).toBe('q9');
  });
});
