/**
 * Writing results: `--json OUT` writes a file (atomically, so a crash never leaves half a file),
 * `--json -` writes to standard output. Typed arrays become plain arrays, NaN becomes null.
 */
import { closeSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
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

/** Writes `content` (text, bytes, or text in consecutive pieces) to a temporary file, then renames it over `target`. */
export function writeFileAtomic(target: string, content: string | Uint8Array | Iterable<string>): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(temp, content);
  else {
    const fd = openSync(temp, 'w');
    try {
      for (const piece of content) {
        const bytes = Buffer.from(piece, 'utf8');
        for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      }
    } finally {
      closeSync(fd);
    }
  }
  renameSync(temp, target);
}
