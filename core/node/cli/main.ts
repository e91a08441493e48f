/**
 * The `segstudio` command line: dispatches to one subcommand, prints help, and turns errors into
 * one clear line on stderr with a non-zero exit code (2 for input the user can fix, 130 for a
 * cancel, 70 for a bug). Never a stack trace unless SEGSTUDIO_DEBUG=1.
 */
import { toSerializedError } from '../../errors';
import { formatHelp, parseArgs } from './args';
import type { CliIo, Command } from './command';
import { COMMANDS } from './commands/index';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: segstudio <command> [options]',
    '',
    'Segment Studio: survey import, factor analysis, latent class and profile segmentation, personas and profile decks.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'segstudio <command> --help' for a command's options.",
    '',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(topLevelHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout(`${process.env['SEGSTUDIO_VERSION'] ?? '0.1.0'}\n`);
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`segstudio: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(formatHelp(command.name, command.summary, command.options));
    return 0;
  }
  try {
    const args = parseArgs(rest, command.options, command.name);
    return await command.run(args, io);
  } catch (error) {
    const serialized = toSerializedError(error);
    switch (serialized.kind) {
      case 'input':
        io.stderr(`segstudio ${command.name}: ${serialized.message}\n`);
        return 2;
      case 'cancelled':
        io.stderr(`segstudio ${command.name}: cancelled.\n`);
        return 130;
      case 'bug':
        io.stderr(`segstudio ${command.name}: internal error: ${serialized.message}. Please report it with the command you ran.\n`);
        if (process.env['SEGSTUDIO_DEBUG'] === '1' && serialized.stack !== undefined) io.stderr(`${serialized.stack}\n`);
        return 70;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`segstudio: internal error: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
