/**
 * Plain checks for data already in shape, used before a zod schema by the parsers that read
 * thousands of records per call (instances, stored machines). Each says "in shape" only where
 * the schema would give the same result; anything else is left to the schema.
 */

/**
 * An object of own string keys only, as `z.object` and `z.record` read it: no array, no class
 * instance, no symbol key, and no inherited enumerable key (which `for…in` would meet).
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && Object.getOwnPropertySymbols(value).length === 0;
}

/**
 * A fresh copy of a `z.record(z.string(), z.string())` value, or undefined when it is not one
 * the plain check is sure of (a key named `__proto__`, which an assignment would not copy as
 * it is, goes to the schema too).
 */
export function copyTextRecord(value: unknown): Record<string, string> | undefined {
  if (!isPlainRecord(value)) return undefined;
  const copy: Record<string, string> = {};
  for (const key in value) {
    const text = value[key];
    if (typeof text !== 'string' || key === '__proto__') return undefined;
    copy[key] = text;
  }
  return copy;
}

/** A fresh shallow copy of a `z.record(z.string(), z.unknown())` value, or undefined as above. */
export function copyPlainRecord(value: unknown): Record<string, unknown> | undefined {
  if (!isPlainRecord(value) || Object.hasOwn(value, '__proto__')) return undefined;
  return { ...value };
}

/**
 * Copies each of `fields` of `value` into `into` as `z.string().nullable().default(null)` gives
 * it: a text, or null when it is null or absent. False when one is anything else.
 */
export function copyNullableTexts(value: Record<string, unknown>, fields: readonly string[], into: Record<string, unknown>): boolean {
  for (const field of fields) {
    const text = value[field];
    if (text !== undefined && text !== null && typeof text !== 'string') return false;
    into[field] = text ?? null;
  }
  return true;
}

/**
 * Copies each of `fields` of `value` into `into` as `z.string().optional()` gives it: a text, or
 * left out when absent. False when one is anything else.
 */
export function copyOptionalTexts(value: Record<string, unknown>, fields: readonly string[], into: Record<string, unknown>): boolean {
  for (const field of fields) {
    const text = value[field];
    if (text === undefined) continue;
    if (typeof text !== 'string') return false;
    into[field] = text;
  }
  return true;
}
