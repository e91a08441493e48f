import type { Command } from '../command';
import { importCommand } from './import';
import { factorCommand } from './factor';
import { lcaCommand } from './lca';
import { lpaCommand } from './lpa';
import { kmeansCommand } from './kmeans';
import { demoCommand } from './demo';
import { runCommand } from './run';
import { scoreCommand } from './score';

/** Every subcommand, in the order `segstudio --help` lists them. */
export const COMMANDS: readonly Command[] = [importCommand, factorCommand, lcaCommand, lpaCommand, kmeansCommand, demoCommand, runCommand, scoreCommand];
