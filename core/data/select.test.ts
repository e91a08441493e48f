import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { resolveColumnList } from './select';

const names = ['id', 'q1', 'q2', 'q3', 'q4', 'age'];

describe('resolveColumnList', () => {
  it('takes comma-separated names in the order given', () => {
    expect(resolveColumnList('q3, q1,age', names)).toEqual(['q3', 'q1', 'age']);
  });
  it('expands FIRST:LAST into the run of adjacent columns in file order', () => {
    expect(resolveColumnList('q1:q4', names)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(resolveColumnList('id,q2:q3', names)).toEqual(['id', 'q2', 'q3']);
  });
  it('refuses an unknown column, naming it and suggesting the right case', () => {
    expect(() => resolveColumnList('Q1', names, 'wave1.csv')).toThrow(/Column 'Q1' is not in wave1.csv. Did you mean 'q1'/);
    try {
      resolveColumnList('q9', names, 'wave1.csv');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toEqual({ file: 'wave1.csv', column: 'q9' });
    }
  });
  it('refuses a backwards run and a repeated column', () => {
    expect(() => resolveColumnList('q4:q1', names)).toThrow(/goes backwards/);
    expect(() => resolveColumnList('q1,q1:q2', names)).toThrow(/listed twice/);
  });
});
