/**
 * Minimal, strict argument parsing for the segstudio subcommands: every option is declared once
 * (name, whether it takes a value, help text), unknown options and missing values are InputErrors
 * with the way out, and `--help` is handled by the dispatcher for every subcommand.
 */
import { InputError } from '../../errors';

export type OptionSpec = {
  name: string;
  value: string | null; // placeholder shown in help, null for a flag
  help: string;
  required?: boolean;
};

export type ParsedArgs = {
  values: Map<string, string>;
  flags: Set<string>;
};

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('--')) {
      throw new InputError('option-invalid', `Unexpected argument '${token}' for 'segstudio ${command}'; options start with --. See 'segstudio ${command} --help'.`);
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(2, eq) : token.slice(2);
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) {
      throw new InputError('option-invalid', `Unknown option '--${name}' for 'segstudio ${command}'. See 'segstudio ${command} --help'.`);
    }
    if (spec.value === null) {
      flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq > 0) value = token.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (value.startsWith('--') && value.length > 2)) {
      throw new InputError('option-invalid', `Option '--${name}' needs a value (${spec.value}). See 'segstudio ${command} --help'.`);
    }
    values.set(name, value);
  }
  for (const spec of specs) {
    if (spec.required === true && !values.has(spec.name)) {
      throw new InputError('option-invalid', `Option '--${spec.name} ${spec.value ?? ''}' is required for 'segstudio ${command}'. See 'segstudio ${command} --help'.`);
    }
  }
  return { values, flags };
}

export function optionalString(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name);
}

export function requiredString(args: ParsedArgs, name: string): string {
  const value = args.values.get(name);
  if (value === undefined) throw new InputError('option-invalid', `Option '--${name}' is required.`);
  return value;
}

export function integerOption(args: ParsedArgs, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  const raw = args.values.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = Number.isFinite(max) ? `${min}..${max}` : `at least ${min}`;
    throw new InputError('option-invalid', `Option '--${name}' must be a whole number ${range}; got '${raw}'.`);
  }
  return value;
}

export function choiceOption<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const raw = args.values.get(name);
  if (raw === undefined) return fallback;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new InputError('option-invalid', `Option '--${name}' must be one of ${choices.join(', ')}; got '${raw}'.`);
}

/** `A-B` or a single `K`: the range of class counts to fit. */
export function rangeOption(args: ParsedArgs, name: string, fallback: [number, number], min = 1, max = 50): [number, number] {
  const raw = args.values.get(name);
  if (raw === undefined) return fallback;
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(raw.trim());
  const a = match ? Number(match[1]) : NaN;
  const b = match ? Number(match[2] ?? match[1]) : NaN;
  if (!match || a < min || b > max || b < a) {
    throw new InputError('option-invalid', `Option '--${name}' must be a range like 2-6 (from ${min} to ${max}); got '${raw}'.`);
  }
  return [a, b];
}

export function formatHelp(command: string, summary: string, specs: readonly OptionSpec[]): string {
  const width = Math.max(...specs.map((s) => s.name.length + (s.value?.length ?? 0) + 4), 10);
  const lines = specs.map((s) => {
    const left = `  --${s.name}${s.value === null ? '' : ` ${s.value}`}`;
    return `${left.padEnd(width + 2)}  ${s.help}${s.required === true ? ' (required)' : ''}`;
  });
  return [`Usage: segstudio ${command} [options]`, '', summary, '', 'Options:', ...lines, '  --help'.padEnd(width + 4) + 'Show this help.', ''].join('\n');
}
