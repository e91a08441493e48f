/**
 * The three error families of Segment Studio, and the only codec that lets them cross a worker,
 * the Electron bridge or the CLI boundary (custom error classes lose their identity in a
 * structured clone, so they travel as SerializedError and are rebuilt on the other side).
 *
 * - InputError: the user can fix it (bad file, unknown column, impossible option). Its message is a
 *   full sentence naming the file, row or column, the value, and what to do.
 * - CancellationError: the user asked to stop. Never reported as a crash.
 * - BugError: a broken invariant in our own code.
 */

export type InputErrorCode =
  | 'file-unreadable'
  | 'file-empty'
  | 'file-format'
  | 'file-truncated'
  | 'encoding'
  | 'csv-structure'
  | 'sav-structure'
  | 'xlsx-structure'
  | 'column-unknown'
  | 'column-type'
  | 'option-invalid'
  | 'data-insufficient'
  | 'data-degenerate'
  | 'code-mismatch'
  | 'project-invalid'
  | 'project-version';

export type ErrorLocation = { file?: string; row?: number; column?: string };

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly code: InputErrorCode;
  readonly location: ErrorLocation;
  constructor(code: InputErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.code = code;
    this.location = location;
  }
}

export class CancellationError extends Error {
  override readonly name = 'CancellationError';
  constructor(message = 'The job was cancelled.') {
    super(message);
  }
}

export class BugError extends Error {
  override readonly name = 'BugError';
}

export type SerializedError =
  | { kind: 'input'; code: InputErrorCode; message: string; location: ErrorLocation }
  | { kind: 'cancelled'; message: string }
  | { kind: 'bug'; message: string; stack?: string };

export function toSerializedError(error: unknown): SerializedError {
  if (error instanceof InputError) {
    return { kind: 'input', code: error.code, message: error.message, location: { ...error.location } };
  }
  if (error instanceof CancellationError) return { kind: 'cancelled', message: error.message };
  if (isAbortError(error)) return { kind: 'cancelled', message: 'The job was cancelled.' };
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack : undefined;
  return stack === undefined ? { kind: 'bug', message } : { kind: 'bug', message, stack };
}

export function fromSerializedError(serialized: SerializedError): Error {
  switch (serialized.kind) {
    case 'input':
      return new InputError(serialized.code, serialized.message, serialized.location);
    case 'cancelled':
      return new CancellationError(serialized.message);
    case 'bug': {
      const bug = new BugError(serialized.message);
      if (serialized.stack !== undefined) bug.stack = serialized.stack;
      return bug;
    }
  }
}

/** An AbortSignal's reason surfaces as a DOMException named AbortError, or as our own error. */
export function isAbortError(error: unknown): boolean {
  return (
    error instanceof CancellationError ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError')
  );
}
