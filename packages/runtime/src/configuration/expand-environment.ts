const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const wholeReference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/;

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Expands `${NAME}` and `${NAME:-default}` in every string of a parsed document. A value that
 * is nothing but an unset reference is dropped, so a setting like `token: ${LINODE_TOKEN}`
 * falls back to the provider's own default (and its error naming the variable).
 */
export function expandEnvironment(value: unknown, environment: Environment): unknown {
  if (typeof value === 'string') {
    const whole = wholeReference.exec(value);
    if (whole) {
      const resolved = environment[whole[1]!] ?? whole[2];
      return resolved === undefined || resolved === '' ? undefined : resolved;
    }
    return value.replace(reference, (_match, name: string, fallback: string | undefined) => environment[name] ?? fallback ?? '');
  }
  if (Array.isArray(value)) {
    return value.map((item) => expandEnvironment(item, environment)).filter((item) => item !== undefined);
  }
  if (value !== null && typeof value === 'object') {
    const expanded: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const result = expandEnvironment(item, environment);
      if (result !== undefined) expanded[key] = result;
    }
    return expanded;
  }
  return value;
}
