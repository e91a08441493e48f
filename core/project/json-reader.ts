/**
 * A tiny path-aware reader for untrusted JSON (project files, exported weights). Every accessor
 * names the field it failed on ("segmentation.kRange[1]"), so the message that reaches the user
 * says exactly what is wrong. The caller turns a JsonShapeError into its own InputError code.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export class JsonShapeError extends Error {
  override readonly name = 'JsonShapeError';
  readonly path: string;
  constructor(path: string, expected: string, got: unknown) {
    super(`field '${path || '(top level)'}' should be ${expected} but is ${describe(got)}`);
    this.path = path;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  return `a ${typeof value}`;
}

export function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

export function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new JsonShapeError(path, 'an object', value);
  return value as Record<string, unknown>;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new JsonShapeError(path, 'a list', value);
  return value;
}

export function asString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new JsonShapeError(path, 'text', value);
  return value;
}

export function asNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new JsonShapeError(path, 'a finite number', value);
  return value;
}

export function asInteger(value: unknown, path: string, min = -Infinity, max = Infinity): number {
  const n = asNumber(value, path);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new JsonShapeError(path, `a whole number${Number.isFinite(min) ? ` from ${min}` : ''}${Number.isFinite(max) ? ` to ${max}` : ''}`, value);
  }
  return n;
}

export function asBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new JsonShapeError(path, 'true or false', value);
  return value;
}

export function asChoice<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new JsonShapeError(path, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value);
  }
  return value as T;
}

export function orNull<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): T | null {
  return value === null || value === undefined ? null : read(value, path);
}

export function listOf<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): T[] {
  return asArray(value, path).map((item, i) => read(item, join(path, i)));
}

export function stringList(value: unknown, path: string): string[] {
  return listOf(value, path, asString);
}

export function numberList(value: unknown, path: string): number[] {
  return listOf(value, path, asNumber);
}

/** Any JSON value, checked to be plain JSON (no functions, finite numbers only). */
export function asJson(value: unknown, path: string): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return asNumber(value, path);
  if (Array.isArray(value)) return value.map((v, i) => asJson(v, join(path, i)));
  const obj = asObject(value, path);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) out[k] = asJson(v, join(path, k));
  return out;
}

export function asJsonObject(value: unknown, path: string): JsonObject {
  asObject(value, path);
  return asJson(value, path) as JsonObject;
}
