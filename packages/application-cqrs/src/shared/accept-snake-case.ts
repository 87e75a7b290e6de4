import { z } from 'zod';

/**
 * The strategy operations arrive as the strategy guide writes them (`provider_name`,
 * `filter_healthy_only`) from the CLI and REST API, while our messages are camelCase. This
 * converts the keys of one object level before the schema sees them; nested objects opt in by
 * wrapping their own schema. A camelCase key given explicitly wins over its snake_case twin.
 */
export function acceptSnakeCase<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(camelCaseKeys, schema);
}

function camelCaseKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const converted: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const camelKey = key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
    if (camelKey !== key && Object.hasOwn(value, camelKey)) continue;
    converted[camelKey] = entry;
  }
  return converted;
}
