import { describe, expect, it } from 'vitest';
import type { Column, Dataset } from '../../core/data/dataset';
import { InputError } from '../../core/errors';
import { drainSteps } from '../../core/jobs/run-steps';
import { createRng } from '../../core/random/rng';
import { buildLcaData } from '../../core/segment/lca/lca-data';
import { lcaModel } from '../../core/segment/lca/lca-model';
import { checkCodeFrame, scoreLca } from '../../core/segment/lca/lca-score';

const LABELS = [{ code: 1, label: 'Disagree' }, { code: 2, label: 'Neutral' }, { code: 3, label: 'Agree' }];

function column(name: string, values: number[], valueLabels = LABELS): Column {
  return { name, label: name, measurement: 'ordinal', valueLabels, missing: { codes: [], range: null, strings: [] }, values: Float64Array.from(values), text: null, reversed: false };
}
function dataset(file: string, columns: Column[]): Dataset {
  return { source: { file, format: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, rows: columns[0]!.values!.length, columns, weight: null, id: null, notices: [] };
}

// Two clear groups: low answers and high answers on four items.
const rng = createRng(8);
const rows = Array.from({ length: 400 }, (_, i) => Array.from({ length: 4 }, () => (i % 2 === 0 ? (rng.uniform() < 0.85 ? 1 : 2) : rng.uniform() < 0.85 ? 3 : 2)));
const ITEMS = ['a', 'b', 'c', 'd'];
const wave1 = dataset('wave1.csv', ITEMS.map((name, j) => column(name, rows.map((r) => r[j]!))));
const fittedData = buildLcaData(wave1, ITEMS, { indicators: 'nominal' });
const fitted = { data: fittedData, params: drainSteps(lcaModel.runEm(fittedData, lcaModel.randomStart(fittedData, 2, createRng(1)), { maxIterations: 2000, tolerance: 1e-10 })).params };

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('scoreLca(newData, fitted) and checkCodeFrame(fittedData, newDataset)', () => {
  it('scoring the fitted file again reproduces the fit posteriors', () => {
    const { posteriors, assignments } = scoreLca(fittedData, fitted);
    const own = lcaModel.posteriors(fittedData, fitted.params).posteriors;
    own.forEach((p, i) => expect(posteriors[i]).toBeCloseTo(p, 12));
    expect(assignments.every((a) => a === 0 || a === 1)).toBe(true);
  });

  it('scores a later wave that lacks a category and has unanswered rows (null), without refitting', () => {
    const wave2 = dataset('wave2.csv', [
      column('d', [rows[1]![3]!, 3, NaN, 1]), column('a', [rows[1]![0]!, 3, NaN, 1]), column('b', [rows[1]![1]!, 2, NaN, 1]), column('c', [rows[1]![2]!, 3, NaN, NaN]),
    ]);
    checkCodeFrame(fittedData, wave2);
    const newData = buildLcaData(wave2, ITEMS, { indicators: 'nominal', forScoring: true });
    const { posteriors, assignments } = scoreLca(newData, fitted);
    expect(assignments[2]).toBeNull();
    expect(Number.isNaN(posteriors[2 * 2])).toBe(true);
    expect(assignments[1]).not.toBe(assignments[3]);
    // Wave 2's first respondent answers exactly like wave 1's second: same posterior.
    const reference = scoreLca(fittedData, fitted).posteriors;
    expect(posteriors[0]).toBeCloseTo(reference[2]!, 12);
    expect(posteriors[1]).toBeCloseTo(reference[3]!, 12);
  });

  it('refuses a code the model never saw, naming the item, the code and the remedy', () => {
    const wave2 = dataset('wave2.csv', ITEMS.map((name) => column(name, name === 'c' ? [1, 4, 2] : [1, 2, 3])));
    const error = inputError(() => checkCodeFrame(fittedData, wave2));
    expect(error.code).toBe('code-mismatch');
    expect(error.location).toEqual({ file: 'wave2.csv', row: 2, column: 'c' });
    expect(error.message).toMatch(/'c'.*code 4.*never saw.*1, 2, 3.*Recode/);
  });

  it('refuses a reversed scale (same codes, different labels)', () => {
    const reversed = [{ code: 1, label: 'Agree' }, { code: 2, label: 'Neutral' }, { code: 3, label: 'Disagree' }];
    const wave2 = dataset('wave2.csv', ITEMS.map((name) => column(name, [1, 2, 3], name === 'b' ? reversed : LABELS)));
    const error = inputError(() => checkCodeFrame(fittedData, wave2));
    expect(error.code).toBe('code-mismatch');
    expect(error.message).toMatch(/'b': code 1 is labelled 'Agree' in wave2.csv but 'Disagree' in the model/);
  });

  it('refuses a file without one of the model items', () => {
    const wave2 = dataset('wave2.csv', ITEMS.slice(0, 3).map((name) => column(name, [1, 2, 3])));
    expect(inputError(() => checkCodeFrame(fittedData, wave2)).location.column).toBe('d');
  });
});
