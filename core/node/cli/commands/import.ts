import { optionalString, requiredString } from '../args';
import type { Command } from '../command';
import { writeJsonOutput } from '../output';
import { loadDataset } from '../../data/load-dataset';
import { missingCount } from '../../../data/dataset';

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
    const dataset = await loadDataset(file, sheet === undefined ? {} : { sheet });
    writeJsonOutput(requiredString(args, 'json'), {
      rows: dataset.rows,
      format: dataset.source.format,
      encoding: dataset.source.encoding,
      delimiter: dataset.source.delimiter,
      columns: dataset.columns.map((c) => ({
        name: c.name,
        label: c.label,
        measurement: c.measurement,
        valueLabels: c.valueLabels,
        missingCodes: c.missing,
        missingCount: missingCount(c, dataset.rows),
      })),
      notices: dataset.notices,
    }, io);
    return 0;
  },
};
