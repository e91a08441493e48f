import { InputError } from '../../../errors';
import type { Command } from '../command';

export const factorCommand: Command = {
  name: 'factor',
  summary: 'Exploratory factor analysis of an item battery (as psych::fa): correlations, number of factors, extraction, rotation, scores, fit and reliability.',
  options: [
    { name: 'data', value: 'FILE', help: 'Survey file to read.', required: true },
    { name: 'items', value: 'LIST', help: 'Items: comma-separated names or FIRST:LAST.', required: true },
    { name: 'json', value: 'OUT', help: "Where to write the result JSON ('-' for standard output).", required: true },
  ],
  async run() {
    throw new InputError('option-invalid', 'The factor command is being built in this change.');
  },
};
