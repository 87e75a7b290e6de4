export type Environment = Readonly<Record<string, string | undefined>>;

export interface ExpansionResult {
  readonly value: unknown;
  /** True when at least one reference was replaced (the raw form is then worth keeping). */
  readonly changed: boolean;
  /** Variables referenced without a value and without a `:-default`. */
  readonly missing: readonly string[];
}

// ${NAME}, ${NAME:-default}; a doubled dollar ($${NAME}) stays literal.
const referencePattern = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

function expandString(text: string, environment: Environment, missing: string[]): string {
  if (!text.includes('${')) return text;
  return text.replace(referencePattern, (whole, escape: string, name: string, fallback: string | undefined) => {
    if (escape === '$') return whole.slice(1);
    const value = environment[name];
    if (value !== undefined && (value !== '' || fallback === undefined)) return value;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return whole;
  });
}

/**
 * Expands `${NAME}` references in every string of a JSON value. Unknown variables are left
 * as written and listed in `missing`, so the caller can report them with their location.
 */
export function expandEnvironment(value: unknown, environment: Environment): ExpansionResult {
  const missing: string[] = [];
  let changed = false;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const expanded = expandString(node, environment, missing);
      if (expanded !== node) changed = true;
      return expanded;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) {
      const result: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) result[key] = visit(child);
      return result;
    }
    return node;
  };
  const expanded = visit(value);
  return { value: expanded, changed: changed || missing.length > 0, missing };
}

/** Cheap pre-check: most values hold no reference and need no copy. */
export function mayReferenceEnvironment(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (mayReferenceEnvironment(item)) return true;
    return false;
  }
  for (const key in value) if (mayReferenceEnvironment((value as Record<string, unknown>)[key])) return true;
  return false;
}
