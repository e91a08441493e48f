/**
 * Reading CSV/TSV held in memory (the browser's File bytes): the bytes are fed in 1 MB pieces
 * to a chunked session, as the Node loader feeds a file stream, so no whole-file string is made.
 * A generator, so runSteps can report progress and cancel between pieces.
 */
import type { Progress } from '../../jobs/run-steps';
import type { Dataset } from '../dataset';
import { createCsvSession } from './csv-session';
import { EncodingRestart, type EncodingFallback } from './encoding';

export const PIECE_BYTES = 256 * 1024;

export function* readCsvSteps(bytes: Uint8Array, file: string): Generator<Progress, Dataset, void> {
  try {
    return yield* feed(bytes, file, null);
  } catch (error) {
    if (!(error instanceof EncodingRestart)) throw error;
    return yield* feed(bytes, file, error.fallback);
  }
}

function* feed(bytes: Uint8Array, file: string, fallback: EncodingFallback | null): Generator<Progress, Dataset, void> {
  const session = createCsvSession(file, fallback);
  for (let offset = 0; offset < bytes.length; offset += PIECE_BYTES) {
    session.push(bytes.subarray(offset, Math.min(bytes.length, offset + PIECE_BYTES)));
    yield { stage: 'read', current: Math.min(bytes.length, offset + PIECE_BYTES), total: bytes.length };
  }
  return session.finish();
}
