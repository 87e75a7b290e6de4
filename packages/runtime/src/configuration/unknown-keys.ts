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

function editDistance(left: string, right: string): number {
  const previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    let diagonal = previous[0]!;
    previous[0] = row;
    for (let column = 1; column <= right.length; column += 1) {
      const above = previous[column]!;
      previous[column] = Math.min(above + 1, previous[column - 1]! + 1, diagonal + (left[row - 1] === right[column - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[right.length]!;
}

/** The candidate closest to `word`, when it is close enough to be a slip of the keyboard. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.candidate : undefined;
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
