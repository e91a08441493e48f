/**
 * CLI bundle with `segstudio factor` alone (out/cli/cli-factor.cjs): the factor analysis starts
 * without parsing or initialising the import-format, segmentation and report code it never uses.
 * main.ts sends `segstudio factor …` here; everything else (help included) goes to cli-all.
 */
import { factorCommand } from './commands/factor';
import { startCli } from './run-cli';

startCli([factorCommand]);
