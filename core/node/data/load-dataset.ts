/**
 * Node entry point for reading a survey file from disk into a Dataset.
 * CSV/TSV stream from the file in 1 MB pieces through the same chunked session the browser uses
 * (decoder → papaparse Parser → column builders), so a 100 MB file needs the columns plus a few
 * MB, never the file as a string. .sav/.zsav/.xlsx (and anything not named like text) are read
 * whole and dispatched by readSurveyBytes. An unreadable path is an InputError naming it.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { InputError } from '../../errors';
import { throwIfAborted, type RunOptions } from '../../jobs/run-steps';
import { createCsvSession } from '../../data/csv/csv-session';
import { EncodingRestart, type EncodingFallback } from '../../data/csv/encoding';
import { PIECE_BYTES } from '../../data/csv/read-csv';
import type { Dataset } from '../../data/dataset';
import { detectKind, readSurveyBytes } from '../../data/read-survey';

export type LoadOptions = { sheet?: string } & RunOptions;

export async function loadDataset(file: string, options: LoadOptions = {}): Promise<Dataset> {
  const { sheet, ...run } = options;
  const head = await readHead(file);
  const kind = detectKind(head, file);
  if (kind !== 'text' || sheet !== undefined) {
    const bytes = await readWhole(file);
    return readSurveyBytes(bytes, file, sheet === undefined ? run : { ...run, sheet });
  }
  try {
    return await streamCsv(file, null, run);
  } catch (error) {
    if (!(error instanceof EncodingRestart)) throw error;
    return streamCsv(file, error.fallback, run);
  }
}

async function streamCsv(file: string, fallback: EncodingFallback | null, run: RunOptions): Promise<Dataset> {
  const session = createCsvSession(file, fallback);
  const total = (await stat(file)).size;
  const handle = await openOrThrow(file);
  try {
    const buffer = new Uint8Array(PIECE_BYTES);
    for (;;) {
      throwIfAborted(run.signal);
      const { bytesRead } = await handle.read(buffer, 0, PIECE_BYTES, null);
      if (bytesRead === 0) break;
      // The session keeps no reference to a piece once push returns except a short sniff
      // sample, so that one is copied and the buffer is reused for the next read.
      session.push(session.bytesRead < 64 * 1024 ? buffer.slice(0, bytesRead) : buffer.subarray(0, bytesRead));
      run.onProgress?.({ stage: 'read', current: session.bytesRead, total });
    }
  } finally {
    await handle.close();
  }
  return session.finish();
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await openOrThrow(file);
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readWhole(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw unreadable(file, error);
  }
}

async function openOrThrow(file: string) {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError('file-unreadable', `'${file}' is a folder, not a file. Give the path of the survey file inside it.`, { file });
    return await open(file, 'r');
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
