/**
 * Reading CSV/TSV held in memory (the browser's File bytes): the bytes are fed in 1 MB pieces
 * to a chunked session, as the Node loader feeds a file stream, so no whole-file string is made.
 * A generator, so runSteps can report progress and cancel between pieces.
 */
import type { Progress } from '../../jobs/run-steps';
import { notice } from '../../notices';
import type { Dataset } from '../dataset';
import { createCsvSession } from './csv-session';
import { EncodingRestart } from './encoding';

export const PIECE_BYTES = 256 * 1024;

export function* readCsvSteps(bytes: Uint8Array, file: string): Generator<Progress, Dataset, void> {
  try {
    return yield* feed(bytes, file, false);
  } catch (error) {
    if (!(error instanceof EncodingRestart)) throw error;
    return yield* feed(bytes, file, true);
  }
}

function* feed(bytes: Uint8Array, file: string, asWindows1252: boolean): Generator<Progress, Dataset, void> {
  const session = asWindows1252
    ? createCsvSession(file, 'windows-1252', [restartNotice(file)])
    : createCsvSession(file);
  for (let offset = 0; offset < bytes.length; offset += PIECE_BYTES) {
    session.push(bytes.subarray(offset, Math.min(bytes.length, offset + PIECE_BYTES)));
    yield { stage: 'read', current: Math.min(bytes.length, offset + PIECE_BYTES), total: bytes.length };
  }
  return session.finish();
}

export function restartNotice(file: string) {
  return notice(
    'encoding-guessed',
    'warning',
    `'${file}' starts as UTF-8 but contains bytes further on that are not UTF-8; it was read as Windows-1252 (Western European). If accents look wrong, save the file as CSV UTF-8 and import it again.`,
  );
}
