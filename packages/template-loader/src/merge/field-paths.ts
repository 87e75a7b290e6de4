type Fields = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every field path of a fields object (see NormalizedRecord) with its value, nulls included:
 * `maxNumber`, `attributes.ncpus`, `providerOptions.linode.region`, `providerOptions.linode` (null).
 */
export function flattenFields(fields: Fields): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const key in fields) {
    const value = fields[key];
    if (key === 'attributes' && isObject(value)) {
      for (const name in value) entries.set(`attributes.${name}`, value[name]);
    } else if (key === 'providerOptions' && isObject(value)) {
      for (const provider in value) {
        const options = value[provider];
        if (isObject(options)) for (const option in options) entries.set(`providerOptions.${provider}.${option}`, options[option]);
        else entries.set(`providerOptions.${provider}`, options);
      }
    } else {
      entries.set(key, value);
    }
  }
  return entries;
}

/** The value at a field path, `undefined` when absent (and `null` when unset there). */
export function valueAtPath(fields: Fields, path: string): unknown {
  const dot = path.indexOf('.');
  if (dot === -1) return fields[path];
  const container = fields[path.slice(0, dot)];
  if (!isObject(container)) return undefined;
  const rest = path.slice(dot + 1);
  if (path.startsWith('providerOptions.')) {
    const secondDot = rest.indexOf('.');
    if (secondDot === -1) return container[rest];
    const options = container[rest.slice(0, secondDot)];
    return isObject(options) ? options[rest.slice(secondDot + 1)] : undefined;
  }
  return container[rest];
}

function mergeKeyed(base: unknown, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = isObject(base) ? { ...base } : {};
  for (const key in override) {
    const value = override[key];
    if (value === null) delete result[key];
    else result[key] = value;
  }
  return result;
}

/**
 * `override` applied over `base` field by field, as a new object (neither input is changed):
 * attributes and each provider's options merge key by key, other fields are replaced whole,
 * and `null` removes what `base` had at that path.
 */
export function mergeFields(base: Fields, override: Fields): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const key in override) {
    const value = override[key];
    if (value === null) {
      delete result[key];
    } else if (key === 'attributes' && isObject(value)) {
      result[key] = mergeKeyed(result[key], value);
    } else if (key === 'providerOptions' && isObject(value)) {
      const merged: Record<string, unknown> = isObject(result[key]) ? { ...(result[key] as Record<string, unknown>) } : {};
      for (const provider in value) {
        const options = value[provider];
        if (options === null || !isObject(options)) {
          delete merged[provider];
          continue;
        }
        const providerOptions = mergeKeyed(merged[provider], options);
        // Options that were all unset leave no empty object behind.
        if (Object.keys(providerOptions).length === 0) delete merged[provider];
        else merged[provider] = providerOptions;
      }
      result[key] = merged;
    } else {
      result[key] = value;
    }
  }
  return result;
}
