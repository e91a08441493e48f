import type { Command } from '../command';
import { importCommand } from './import';
import { factorCommand } from './factor';
import { lcaCommand } from './lca';
import { lpaCommand } from './lpa';
import { kmeansCommand } from './kmeans';

/** Every subcommand, in the order `segstudio --help` lists them. */
export const COMMANDS: readonly Command[] = [importCommand, factorCommand, lcaCommand, lpaCommand, kmeansCommand];
