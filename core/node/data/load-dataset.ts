/**
 * Node entry point for reading a survey file from disk into a Dataset.
 * CSV/TSV stream from the file in 1 MB pieces (the first 256 KB) through the same chunked
 * session the browser uses (decoder → numeric fast path or papaparse Parser → column builders),
 * so a 100 MB file needs the columns plus a few MB, never the file as a string. .sav/.zsav/.xlsx
 * (and anything not named like text) are read whole and dispatched by readSurveyBytes. An
 * unreadable path is an InputError naming it.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors';
import { throwIfAborted, type RunOptions } from '../../jobs/run-steps';
import { createCsvSession } from '../../data/csv/csv-session';
import { EncodingRestart, type EncodingFallback } from '../../data/csv/encoding';
import { PIECE_BYTES } from '../../data/csv/read-csv';
import type { Dataset } from '../../data/dataset';
import { detectKind, readSurveyBytes } from '../../data/read-survey';

export type LoadOptions = { sheet?: string } & RunOptions;

/**
 * Bytes per read after the first: large enough that reads and decoder calls cost little, small
 * next to the columns. The first read is PIECE_BYTES, the piece the browser reader starts with,
 * as the binary-content check looks at the whole first piece.
 */
const FILE_PIECE_BYTES = 1024 * 1024;

export async function loadDataset(file: string, options: LoadOptions = {}): Promise<Dataset> {
  const { sheet, ...run } = options;
  const fd = openOrThrow(file);
  let kind: ReturnType<typeof detectKind>;
  try {
    const head = new Uint8Array(8);
    kind = detectKind(head.subarray(0, readSync(fd, head, 0, 8, 0)), file);
    if (kind === 'text' && sheet === undefined) {
      try {
        return await streamCsv(fd, file, null, run);
      } catch (error) {
        if (!(error instanceof EncodingRestart)) throw error;
        return await streamCsv(fd, file, error.fallback, run);
      }
    }
  } finally {
    closeSync(fd);
  }
  const bytes = await readWhole(file);
  return readSurveyBytes(bytes, file, sheet === undefined ? run : { ...run, sheet });
}

/**
 * Reads with synchronous calls (a CLI process has nothing else to do meanwhile, and each
 * asynchronous read is a thread-pool round trip); every YIELD_EVERY pieces it lets the event loop
 * run, so an abort signal raised there is seen.
 */
async function streamCsv(fd: number, file: string, fallback: EncodingFallback | null, run: RunOptions): Promise<Dataset> {
  const total = fstatSync(fd).size;
  const session = createCsvSession(file, fallback, { expectedBytes: total });
  const buffer = new Uint8Array(FILE_PIECE_BYTES);
  for (let piece = 1; ; piece++) {
    if (piece % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    throwIfAborted(run.signal);
    const bytesRead = readOrThrow(fd, file, buffer, session.bytesRead === 0 ? PIECE_BYTES : FILE_PIECE_BYTES, session.bytesRead);
    if (bytesRead === 0) break;
    // The session keeps no reference to a piece once push returns except a short sniff
    // sample, so that one is copied and the buffer is reused for the next read.
    session.push(session.bytesRead < 64 * 1024 ? buffer.slice(0, bytesRead) : buffer.subarray(0, bytesRead));
    run.onProgress?.({ stage: 'read', current: session.bytesRead, total });
  }
  return session.finish();
}

const YIELD_EVERY = 16;

function readOrThrow(fd: number, file: string, buffer: Uint8Array, length: number, position: number): number {
  try {
    return readSync(fd, buffer, 0, length, position);
  } catch (error) {
    throw unreadable(file, error);
  }
}

async function readWhole(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw unreadable(file, error);
  }
}

function openOrThrow(file: string): number {
  try {
    if (statSync(file).isDirectory()) throw new InputError('file-unreadable', `'${file}' is a folder, not a file. Give the path of the survey file inside it.`, { file });
    return openSync(file, 'r');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unreadable(file, error);
  }
}

function unreadable(file: string, error: unknown): InputError {
  const code = (error as { code?: unknown }).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String((error as Error).message ?? error);
  return new InputError('file-unreadable', `Cannot read '${file}' (${why}). Check the path, and that the file is not open or locked elsewhere.`, { file });
}
