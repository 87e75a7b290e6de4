import { closestMatch } from '@ohf/provider-sdk';
import type { z } from 'zod';

export interface UnknownConfigurationKey {
  /** Dotted path of the key, e.g. `providers.providers.0.wieght`. */
  readonly path: string;
  /** The known key at the same place it most likely meant, when one is close. */
  readonly suggestion?: string;
}

interface SchemaDefinition {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly out?: z.ZodType;
}

const definitionOf = (schema: z.ZodType): SchemaDefinition => (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;

/** The object or array schema under wrappers (defaults, optionals, preprocessing). */
function unwrap(schema: z.ZodType): SchemaDefinition {
  let definition = definitionOf(schema);
  for (let depth = 0; depth < 10; depth += 1) {
    const inner = definition.innerType ?? (definition.type === 'pipe' ? definition.out : undefined);
    if (inner === undefined) break;
    definition = definitionOf(inner);
  }
  return definition;
}

/**
 * Keys the schema does not know. The schema drops them silently, so a misspelled `wieght: 10`
 * would otherwise leave the default in force without a word. Provider `config:` maps are the
 * providers' own and are checked by their settings schemas.
 */
export function findUnknownKeys(document: unknown, schema: z.ZodType, path: readonly string[] = []): UnknownConfigurationKey[] {
  const definition = unwrap(schema);
  if (definition.type === 'object' && definition.shape !== undefined && document !== null && typeof document === 'object' && !Array.isArray(document)) {
    const known = Object.keys(definition.shape);
    return Object.entries(document).flatMap(([key, value]) => {
      const child = definition.shape![key];
      if (child === undefined) {
        const suggestion = closestMatch(key, known);
        return [{ path: [...path, key].join('.'), ...(suggestion === undefined ? {} : { suggestion }) }];
      }
      return findUnknownKeys(value, child, [...path, key]);
    });
  }
  if (definition.type === 'array' && definition.element !== undefined && Array.isArray(document)) {
    return document.flatMap((item, index) => findUnknownKeys(item, definition.element!, [...path, String(index)]));
  }
  return [];
}

export function describeUnknownKey(file: string, key: UnknownConfigurationKey): string {
  return `${file}: ${key.path} is not a configuration key and has no effect${key.suggestion === undefined ? '' : `; did you mean ${key.suggestion}?`}`;
}
