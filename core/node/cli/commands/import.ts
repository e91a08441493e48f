/**
 * `segstudio import --data FILE [--sheet NAME] --json OUT`: reads a survey file and writes its
 * codebook (rows; per column name, label, measurement, value labels, missing codes and missing
 * count), the detected format, encoding and delimiter, the weight and id columns, the default
 * quality screen (battery = detectBattery, duration column by name, id column) with per-
 * respondent flags and counts, and the notices. A broken file ends in one line on stderr
 * (main.ts) and exit code 2.
 */
import { optionalString, requiredString } from '../args';
import type { Command } from '../command';
import { writeJsonOutput } from '../output';
import { loadDataset } from '../../data/load-dataset';
import { missingCount, type Column, type Dataset } from '../../../data/dataset';
import { detectBattery, detectDurationColumn, screenQuality } from '../../../data/quality';

export const importCommand: Command = {
  name: 'import',
  summary: 'Read a survey file (CSV/TSV, SPSS .sav/.zsav, Excel .xlsx) and write its codebook and quality screen as JSON.',
  options: [
    { name: 'data', value: 'FILE', help: 'Survey file to read.', required: true },
    { name: 'sheet', value: 'NAME', help: 'Excel sheet to read (default: the first).' },
    { name: 'json', value: 'OUT', help: "Where to write the codebook JSON ('-' for standard output).", required: true },
  ],
  async run(args, io) {
    const file = requiredString(args, 'data');
    const sheet = optionalString(args, 'sheet');
    const target = requiredString(args, 'json');
    const dataset = await loadDataset(file, sheet === undefined ? {} : { sheet });
    writeJsonOutput(target, codebookJson(dataset), io);
    return 0;
  },
};

export function codebookJson(dataset: Dataset) {
  const battery = detectBattery(dataset);
  const quality = screenQuality(dataset, { battery, durationColumn: detectDurationColumn(dataset), idColumn: dataset.id });
  return {
    file: dataset.source.file,
    rows: dataset.rows,
    format: dataset.source.format,
    encoding: dataset.source.encoding,
    delimiter: dataset.source.delimiter,
    sheet: dataset.source.sheet,
    weight: dataset.weight,
    id: dataset.id,
    columns: dataset.columns.map((c) => ({
      name: c.name,
      label: c.label,
      measurement: c.measurement,
      valueLabels: c.valueLabels,
      missingCodes: c.missing,
      missingCount: countMissing(c, dataset.rows),
      reversed: c.reversed,
    })),
    quality: {
      battery: quality.params.battery,
      durationColumn: quality.params.durationColumn,
      idColumn: quality.params.idColumn,
      maxMissingShare: quality.params.maxMissingShare,
      speederShare: quality.params.speederShare,
      straightLineMin: quality.params.straightLineMin,
      medianDuration: quality.medianDuration,
      counts: quality.counts,
      flagged: quality.flagged,
    },
    notices: [...dataset.notices, ...quality.notices],
  };
}

/** missingCount, with a fast path for columns without user-missing codes (most CSV columns). */
function countMissing(column: Column, rows: number): number {
  const { codes, range, strings } = column.missing;
  if (column.values === null || codes.length > 0 || range !== null || strings.length > 0) return missingCount(column, rows);
  let count = 0;
  for (let i = 0; i < rows; i++) if (Number.isNaN(column.values[i]!)) count++;
  return count;
}
