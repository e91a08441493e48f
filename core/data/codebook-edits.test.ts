import { describe, expect, it } from 'vitest';
import { drainSteps } from '../jobs/run-steps';
import { readCsvSteps } from './csv/read-csv';
import { numericValues } from './dataset';
import { reorderCategories, setReversed } from './codebook-edits';
import { setIdColumn, setWeightColumn } from './roles';

const read = (text: string) => drainSteps(readCsvSteps(new TextEncoder().encode(text), 'edit.csv'));

describe('codebook edits', () => {
  const dataset = read('id,q1,size,w,t\n1,Agree,Small,1.5,a\n2,Strongly disagree,Large,0.5,b\n3,Disagree,Medium,1,c\n4,,Small,1,d\n5,Neither agree nor disagree,Large,2,e\n');

  it('setReversed reverse-codes over the full scale (Agree=4 → 2 on 1..5)', () => {
    const reversed = setReversed(dataset, ['q1'], true);
    expect(Array.from(numericValues(reversed.columns[1]!, 5))).toEqual([2, 5, 4, NaN, 3]);
    expect(() => setReversed(dataset, ['t'], true)).toThrow(/holds text and cannot be reverse-coded/);
  });

  it('reorderCategories puts a nominal column in the researcher\'s order', () => {
    const edited = reorderCategories(dataset, 'size', ['Small', 'Medium', 'Large']);
    expect(Array.from(edited.columns[2]!.values!)).toEqual([1, 3, 2, 1, 3]);
    expect(edited.columns[2]!.measurement).toBe('ordinal');
  });

  it('setWeightColumn validates positive weights; setIdColumn checks the name', () => {
    expect(setWeightColumn(dataset, 'w').weight).toBe('w');
    expect(() => setWeightColumn(dataset, 'q1')).toThrow(/respondent 4 has no weight/);
    expect(setIdColumn(dataset, null).id).toBeNull();
    expect(() => setIdColumn(dataset, 'ID')).toThrow(/Column 'ID' is not in edit.csv/);
  });

  it('reads an Excel "sep=;" first line as the delimiter', () => {
    const d = read('sep=;\r\na;b\r\n1,5;x\r\n2;y\r\n');
    expect(d.source.delimiter).toBe(';');
    expect(d.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(Array.from(d.columns[0]!.values!)).toEqual([1.5, 2]);
  });
});
