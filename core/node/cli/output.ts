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

/**
 * Writes `content` (text, bytes, or consecutive pieces of text or UTF-8 bytes) to a temporary
 * file, then renames it over `target`. A byte piece is copied or written before the next piece is
 * asked for, so it may be a view its producer reuses.
 */
export function writeFileAtomic(target: string, content: string | Uint8Array | Iterable<string | Uint8Array>): void {
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  if (typeof content === 'string' || content instanceof Uint8Array) writeFileSync(temp, content);
  else {
    const fd = openSync(temp, 'w');
    try {
      writePieces(fd, content);
    } finally {
      closeSync(fd);
    }
  }
  renameSync(temp, target);
}

/** Bytes gathered before each write call. */
const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * Writes the pieces as UTF-8 through one reused buffer: encoding each piece into a fresh Buffer
 * costs a fresh allocation per piece (a 10 MB result means 10 MB of new memory to map and zero).
 */
function writePieces(fd: number, pieces: Iterable<string | Uint8Array>): void {
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      if (used + piece.length > buffer.length) {
        writeAll(fd, buffer.subarray(0, used));
        used = 0;
      }
      if (piece.length > buffer.length) writeAll(fd, piece);
      else {
        buffer.set(piece, used);
        used += piece.length;
      }
      continue;
    }
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (used + piece.length * 3 > buffer.length) {
      writeAll(fd, buffer.subarray(0, used));
      used = 0;
    }
    if (piece.length * 3 > buffer.length) writeAll(fd, Buffer.from(piece, 'utf8'));
    else used += buffer.write(piece, used, 'utf8');
  }
  writeAll(fd, buffer.subarray(0, used));
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
