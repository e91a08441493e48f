import { BugError } from '../errors';

export function assertNever(value: never): never {
  throw new BugError(`Unexpected value: ${JSON.stringify(value)}`);
}

export function strictAssert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new BugError(message);
}
