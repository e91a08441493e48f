/**
 * Large results outside the store, keyed by the settings that produced them (STYLE §14): the same
 * data version and the same settings give the same key, so re-running an unchanged step (or
 * returning to an earlier rotation, or extending a K range by one) reuses what is already known.
 * Keys are canonical JSON of their parts (object keys sorted), readable when debugging.
 */
export type ResultCache = {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  has(key: string): boolean;
  clear(): void;
};

export function createResultCache(limit = 200): ResultCache {
  const map = new Map<string, unknown>();
  return {
    get: <T,>(key: string) => map.get(key) as T | undefined,
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      while (map.size > limit) {
        const oldest = map.keys().next().value;
        if (oldest === undefined) break;
        map.delete(oldest);
      }
    },
    has: (key) => map.has(key),
    clear: () => map.clear(),
  };
}

/** Canonical JSON: object keys sorted, so {a,b} and {b,a} give one key. */
export function cacheKey(kind: string, ...parts: unknown[]): string {
  return `${kind}:${JSON.stringify(parts, (_k, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  })}`;
}
