/**
 * Exports built in the worker: the assignments .sav opens with our SAV reader with one case per
 * survey row and the segment names as value labels; the CSV marks excluded rows.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_MISSING, findColumn } from '../../core/data/dataset';
import { readSav } from '../../core/data/sav/read-sav';
import { assignmentsCsvText, runExportJob, type ExportSpec } from './export-job';

const spec: ExportSpec = {
  kind: 'export',
  format: 'assignments-sav',
  rows: 4,
  idColumn: { name: 'resp_id', label: 'Respondent', measurement: 'id', valueLabels: [], missing: EMPTY_MISSING, values: Float64Array.from([101, 102, 103, 104]), text: null, reversed: false },
  keptRows: Int32Array.from([0, 2, 3]),
  assignments: Int32Array.from([1, 0, -1]),
  posteriors: null,
  names: ['Bargain Hunters', 'Quality Seekers'],
  letters: ['A', 'B'],
  profile: null,
  priority: null,
};

describe('export job', () => {
  it('writes a .sav with one case per survey row and the segment names as value labels', async () => {
    const { bytes } = await runExportJob(spec);
    const data = readSav(bytes, 'assignments.sav');
    expect(data.rows).toBe(4);
    const segment = findColumn(data, 'segment')!;
    expect(Array.from(segment.values!)).toEqual([2, NaN, 1, NaN]);
    expect(segment.valueLabels).toEqual([
      { code: 1, label: 'Bargain Hunters' },
      { code: 2, label: 'Quality Seekers' },
    ]);
    expect(Array.from(findColumn(data, 'excluded')!.values!)).toEqual([0, 1, 0, 0]);
    expect(Array.from(findColumn(data, 'resp_id')!.values!)).toEqual([101, 102, 103, 104]);
  });

  it('writes a CSV line per survey row, excluded and unassigned rows marked', () => {
    expect(assignmentsCsvText({ ...spec, format: 'assignments-csv' }).trim().split('\n')).toEqual([
      'row,id,status,segment,segment_letter,segment_name',
      '1,101,assigned,2,B,Quality Seekers',
      '2,102,excluded,,,',
      '3,103,assigned,1,A,Bargain Hunters',
      '4,104,unassigned,,,',
    ]);
  });

  it('carries the posterior probabilities of a latent class or profile model, in the CSV and the .sav', async () => {
    const posteriors = Float64Array.from([0.1, 0.9, 0.75, 0.25, NaN, NaN]);
    expect(assignmentsCsvText({ ...spec, format: 'assignments-csv', posteriors }).trim().split('\n')).toEqual([
      'row,id,status,segment,segment_letter,segment_name,p_A,p_B',
      '1,101,assigned,2,B,Quality Seekers,0.100000,0.900000',
      '2,102,excluded,,,,,',
      '3,103,assigned,1,A,Bargain Hunters,0.750000,0.250000',
      '4,104,unassigned,,,,,',
    ]);
    const data = readSav((await runExportJob({ ...spec, posteriors })).bytes, 'assignments.sav');
    expect(Array.from(findColumn(data, 'p_B')!.values!)).toEqual([0.9, NaN, 0.25, NaN]);
    expect(findColumn(data, 'p_B')!.label).toBe('Posterior probability of Quality Seekers');
  });
});
