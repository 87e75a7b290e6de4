import { TEMPLATE_FIELDS } from './template-fields.js';

const fieldOrder = new Map(TEMPLATE_FIELDS.map((definition, index) => [definition.field as string, index]));

function topLevelField(path: string): string {
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}

/** `${` would be expanded when the file is read back; `$${` reads back as a literal `${`. */
function escapeReferences(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('${') ? value.replaceAll('${', () => '$${') : value;
  if (Array.isArray(value)) return value.map(escapeReferences);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, escapeReferences(child)]));
  }
  return value;
}

/**
 * Writes merge entries as one camelCase record (the Template's own field names), in the
 * canonical field order. `null` entries stay `null`: in a file they unset what lower files give.
 * Where `rawValues` has a path, that value is written instead, so `${ENV}` references survive.
 */
export function recordFromEntries(
  entries: ReadonlyMap<string, unknown>,
  rawValues?: ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  const paths = [...entries.keys()].sort(
    (left, right) => (fieldOrder.get(topLevelField(left)) ?? 999) - (fieldOrder.get(topLevelField(right)) ?? 999),
  );
  const record: Record<string, unknown> = {};
  for (const path of paths) {
    const value = rawValues?.has(path) ? rawValues.get(path) : escapeReferences(entries.get(path));
    const field = topLevelField(path);
    if (field === path) {
      record[path] = value;
      continue;
    }
    const rest = path.slice(field.length + 1);
    const container = (record[field] ??= {}) as Record<string, unknown>;
    if (field === 'providerOptions') {
      const dot = rest.indexOf('.');
      if (dot === -1) {
        container[rest] = value;
      } else {
        const provider = rest.slice(0, dot);
        const options = (container[provider] ??= {}) as Record<string, unknown>;
        options[rest.slice(dot + 1)] = value;
      }
    } else {
      container[rest] = value;
    }
  }
  return record;
}

/** Structural equality for JSON values (key order ignored). */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => jsonEqual(item, right[index]));
  }
  const leftKeys = Object.keys(left);
  const rightRecord = right as Record<string, unknown>;
  if (leftKeys.length !== Object.keys(rightRecord).length) return false;
  return leftKeys.every((key) => Object.hasOwn(rightRecord, key) && jsonEqual((left as Record<string, unknown>)[key], rightRecord[key]));
}
