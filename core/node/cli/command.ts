import type { OptionSpec, ParsedArgs } from './args';

/** What a subcommand may touch: its output streams. Files are opened by the command itself. */
export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

export type Command = {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  run(args: ParsedArgs, io: CliIo): Promise<number>;
};
