/**
 * The CLI and the REST API receive snake_case JSON (`min_success_rate`) while the TypeScript
 * API is camelCase; converting the keys of one object level lets both reach the same schema.
 */
export function camelCaseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const converted: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const camelKey = key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
    // A camelCase key given explicitly wins over its snake_case spelling.
    if (camelKey !== key && Object.hasOwn(value, camelKey)) continue;
    converted[camelKey] = entry;
  }
  return converted;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
