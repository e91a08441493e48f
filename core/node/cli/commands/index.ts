import type { Command } from '../command';
import { importCommand } from './import';
import { factorCommand } from './factor';

/** Every subcommand, in the order `segstudio --help` lists them. */
export const COMMANDS: readonly Command[] = [importCommand, factorCommand];
