/**
 * Options shared by the segmentation commands (lca, lpa, kmeans): seed drawn at the job boundary
 * when absent, worker count, notices on stderr.
 */
import { randomInt } from 'node:crypto';
import { integerOption, type ParsedArgs } from '../args';
import type { CliIo } from '../command';
import type { Notice } from '../../../notices';

export const SEED_OPTION = { name: 'seed', value: 'N', help: 'Random seed (recorded in the result; drawn at random when absent).' } as const;
export const WORKERS_OPTION = { name: 'workers', value: 'N', help: 'Worker threads (default min(2, cores); 0 runs in this thread).' } as const;

export function seedOption(args: ParsedArgs): number {
  return integerOption(args, 'seed', randomInt(0, 2 ** 31), 0, 4294967295);
}

export function printNotices(io: CliIo, command: string, notices: readonly Notice[]): void {
  for (const n of notices) {
    if (n.severity === 'info') continue;
    const about = n.subjects === undefined ? '' : ` [${n.subjects.join(', ')}]`;
    io.stderr(`segstudio ${command}: ${n.severity}${about}: ${n.message}\n`);
  }
}
