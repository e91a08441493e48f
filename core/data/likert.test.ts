import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { EMPTY_MISSING, type Column } from './dataset';
import { chooseScales, fittingScales, recodeTextOrder, scaleValueLabels } from './likert';

describe('Likert scales', () => {
  it('maps the 5-point agreement scale Strongly disagree=1 … Strongly agree=5, Neutral as the midpoint', () => {
    const counts = new Map([
      ['Strongly disagree', 3],
      ['Disagree', 2],
      ['Neutral', 4],
      ['Agree', 1],
      ['Strongly agree', 9],
    ]);
    expect(scaleValueLabels('agree-5', counts)).toEqual([
      { code: 1, label: 'Strongly disagree' },
      { code: 2, label: 'Disagree' },
      { code: 3, label: 'Neutral' },
      { code: 4, label: 'Agree' },
      { code: 5, label: 'Strongly agree' },
    ]);
  });

  it('matches case- and space-insensitively', () => {
    expect(fittingScales(['  strongly AGREE', 'neither  agree nor disagree.', 'DISAGREE'])).toContain('agree-5');
    expect(fittingScales(['Very Unlikely', 'likely'])).toEqual(['likely-5']);
    expect(fittingScales(['Never', 'Always'])).toEqual(['frequency-5']);
    expect(fittingScales(['Very dissatisfied', 'Very satisfied'])).toEqual(['satisfied-5', 'satisfied-7']);
    expect(fittingScales(['Agree', 'Maybe'])).toEqual([]);
  });

  it('codes a sparse column on the FULL scale the rest of the file uses (unused categories keep their codes)', () => {
    const five = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
    const seven = ['Strongly disagree', 'Somewhat disagree', 'Somewhat agree', 'Strongly agree'];
    expect(chooseScales([five, five, ['Agree', 'Disagree'], seven, ['Rarely']])).toEqual(['agree-5', 'agree-5', 'agree-5', 'agree-7', 'frequency-5']);
    const labels = scaleValueLabels('agree-5', new Map([['Agree', 2], ['Disagree', 1]]));
    expect(labels.map((l) => l.code)).toEqual([1, 2, 3, 4, 5]);
    expect(labels[2]!.label).toBe('Neither agree nor disagree');
  });
});

describe('recodeTextOrder(column, orderedLabels)', () => {
  const column: Column = {
    name: 'size',
    label: 'size',
    measurement: 'nominal',
    valueLabels: [
      { code: 1, label: 'Large' },
      { code: 2, label: 'Medium' },
      { code: 3, label: 'Small' },
    ],
    missing: EMPTY_MISSING,
    values: Float64Array.from([1, 3, NaN, 2, 3]),
    text: null,
    reversed: false,
  };

  it('recodes to 1..k in the given order, keeping missing answers missing and extra categories coded', () => {
    const recoded = recodeTextOrder(column, ['small', 'Medium', 'Large', 'Huge']);
    expect(Array.from(recoded.values!)).toEqual([3, 1, NaN, 2, 1]);
    expect(recoded.valueLabels).toEqual([
      { code: 1, label: 'small' },
      { code: 2, label: 'Medium' },
      { code: 3, label: 'Large' },
      { code: 4, label: 'Huge' },
    ]);
    expect(recoded.measurement).toBe('ordinal');
  });

  it('works on a text column too', () => {
    const text: Column = { ...column, valueLabels: [], values: null, text: ['b', 'a', null, 'b'], measurement: 'text' };
    expect(Array.from(recodeTextOrder(text, ['b', 'a']).values!)).toEqual([1, 2, NaN, 1]);
  });

  it('refuses an order that leaves out an answer, naming it', () => {
    expect(() => recodeTextOrder(column, ['Small', 'Large'])).toThrow(InputError);
    expect(() => recodeTextOrder(column, ['Small', 'Large'])).toThrow(/leaves out 'Medium'/);
  });
});
