/**
 * Writing results: `--json OUT` writes a file (atomically, so a crash never leaves half a file),
 * `--json -` writes to standard output. Typed arrays become plain arrays, NaN becomes null.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliIo } from './command';

export function toJsonText(value: unknown): string {
  return JSON.stringify(value, jsonReplacer, 2) + '\n';
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

export function writeJsonOutput(target: string, value: unknown, io: CliIo): void {
  const text = toJsonText(value);
  if (target === '-') {
    io.stdout(text);
    return;
  }
  writeFileAtomic(target, text);
}

export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, target);
}
