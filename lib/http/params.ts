// One reader for what arrives in a URL. Path segments: an id is checked for its shape before it
// reaches a query (a malformed uuid is a database error, i.e. a 500). Query parameters: Next.js hands a page its `searchParams` as `string | string[] | undefined` per key, whatever the
// page's type says: `?t=a&t=b` is an array, and `token.split(…)` on it is a 500. Pages read their
// query through these, so a repeated or odd parameter is one value (the first) or none, never a throw.

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** One value of a query parameter: the first when repeated, undefined when absent or not a string. */
export function firstParam(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
}

/**
 * The page's query with each parameter as one string (the first of a repeated key); keys the page
 * does not name are left out. Own keys only (no `__proto__` or `constructor` tricks).
 */
export function scalarParams<K extends string>(sp: unknown, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  if (!sp || typeof sp !== 'object') return out;
  for (const key of keys) {
    const v = Object.hasOwn(sp, key) ? firstParam((sp as Record<string, unknown>)[key]) : undefined;
    if (v !== undefined) out[key] = v;
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path or query value that PostgreSQL will take as a uuid (anything else is "not found", not a 500). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * A server action's form argument as sent: anything else (a hand-made call with `[]`, `[1]`, an
 * object) is an empty form, so the action's own checks refuse it in words, never with a TypeError (a 500).
 */
export function asForm(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** True when a query names any key twice (`?a=1&a=2`): for readers that take one value per key and throw on more. */
export function hasRepeatedKey(params: URLSearchParams): boolean {
  const keys = [...params.keys()];
  return new Set(keys).size !== keys.length;
}
