import { describe, expect, it } from 'vitest';
import { readSurveyBytes } from '../../core/data/read-survey';
import { loadDataset } from '../../core/node/data/load-dataset';
import { answers, column, fixture, fixtureBytes } from './import-helpers';

describe('Excel .xlsx (two-sheets.xlsx written by write-excel-file)', () => {
  it('reads the first sheet by default, numbers exact and blanks missing', async () => {
    const dataset = await loadDataset(fixture('two-sheets.xlsx'));
    expect(dataset.source).toMatchObject({ format: 'xlsx', sheet: 'Respondents', delimiter: null });
    expect(dataset.rows).toBe(3);
    expect(answers(column(dataset, 'age'))).toEqual([34, 51, 27]);
    expect(answers(column(dataset, 'gender'))).toEqual(['Female', 'Male', 'Female']);
    expect(answers(column(dataset, 'q2'))).toEqual([5, null, 4]);
    expect(dataset.id).toBe('resp_id');
  });

  it('reads a named sheet, with Likert text mapped and dates as ISO text', async () => {
    const dataset = await readSurveyBytes(fixtureBytes('two-sheets.xlsx'), 'two-sheets.xlsx', { sheet: 'Wave 2' });
    expect(dataset.source.sheet).toBe('Wave 2');
    expect(answers(column(dataset, 'q1'))).toEqual(['Agree', 'Strongly disagree', 'Neither agree nor disagree']);
    expect(Array.from(column(dataset, 'q1').values!)).toEqual([4, 1, 3]);
    expect(answers(column(dataset, 'visited'))).toEqual(['2026-03-14', '2026-03-15', '2026-03-16']);
    expect(answers(column(dataset, 'note'))).toEqual(['Grüße', null, 'ok']);
  });

  it('refuses a missing sheet, listing the sheets there are', async () => {
    await expect(loadDataset(fixture('two-sheets.xlsx'), { sheet: 'Wave 3' })).rejects.toThrow(/has no sheet named 'Wave 3'\. Its sheets are: 'Respondents', 'Wave 2'\./);
  });

  it('refuses a zip that is not a workbook', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(60).fill(0)]);
    await expect(readSurveyBytes(zip, 'odd.xlsx')).rejects.toThrow(/could not be read as an Excel workbook/);
  });
});
