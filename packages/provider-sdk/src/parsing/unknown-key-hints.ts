import type { z } from 'zod';
import { closestMatch } from './closest-match.js';

interface SchemaDefinition {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
}

const definitionOf = (schema: z.ZodType): SchemaDefinition => (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;

/** The keys an object schema knows at `path` (through optionals, defaults and arrays); none when it is no object. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let definition = definitionOf(schema);
  for (let index = 0; ; ) {
    while (definition.innerType !== undefined) definition = definitionOf(definition.innerType);
    if (index === path.length) return definition.type === 'object' && definition.shape ? Object.keys(definition.shape) : [];
    const step = path[index++]!;
    const next = definition.type === 'object' ? definition.shape?.[String(step)] : definition.type === 'array' ? definition.element : undefined;
    if (next === undefined) return [];
    definition = definitionOf(next);
  }
}

/**
 * zod says only "Unrecognized key"; a misspelled option is far quicker to fix when the message
 * names the key it most likely meant. Issues of other kinds are left as they are.
 */
export function withUnknownKeyHints(error: z.ZodError, schema: z.ZodType): z.ZodError['issues'] {
  return error.issues.map((issue) => {
    if (issue.code !== 'unrecognized_keys') return issue;
    const known = knownKeysAt(schema, issue.path);
    const hints = issue.keys.map((key) => {
      const suggestion = closestMatch(key, known);
      return `"${key}" is not an option${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`;
    });
    return { ...issue, message: hints.join('; ') };
  });
}
