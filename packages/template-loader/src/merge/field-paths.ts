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

/**
 * `override` applied over `base` one key deep: a key keeps its place in `base`, new keys follow
 * in `override`'s order, and `null` removes the key. The result is built key by key rather
 * than copied and then `delete`d from, because a `delete` turns a V8 object into a slow
 * dictionary, and every later read of 10,000 merged templates would pay for it.
 */
function mergeKeyed(base: unknown, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (isObject(base)) {
    for (const key in base) {
      if (!Object.hasOwn(override, key)) result[key] = base[key];
      else if (override[key] !== null) result[key] = override[key];
    }
  }
  for (const key in override) {
    const value = override[key];
    if (value !== null && !Object.hasOwn(result, key)) result[key] = value;
  }
  return result;
}

/** One provider's options merged; undefined when every option was unset, so no empty object is left behind. */
function mergeProviderOptions(base: unknown, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const baseOptions = isObject(base) ? base : {};
  const providers = new Set([...Object.keys(baseOptions), ...Object.keys(override)]);
  for (const provider of providers) {
    if (!Object.hasOwn(override, provider)) {
      result[provider] = baseOptions[provider];
      continue;
    }
    const options = override[provider];
    if (!isObject(options)) continue;
    const merged = mergeKeyed(baseOptions[provider], options);
    if (Object.keys(merged).length > 0) result[provider] = merged;
  }
  return result;
}

/** The merged value of one top-level field; undefined when the field ends up absent. */
function mergeField(key: string, base: unknown, value: unknown): unknown {
  if (value === null) return undefined;
  if (key === 'attributes' && isObject(value)) return mergeKeyed(base, value);
  if (key === 'providerOptions' && isObject(value)) return mergeProviderOptions(base, value);
  return value;
}

/**
 * `override` applied over `base` field by field, as a new object (neither input is changed):
 * attributes and each provider's options merge key by key, other fields are replaced whole,
 * and `null` removes what `base` had at that path. Fields keep their place in `base`; new
 * ones follow in `override`'s order (provenance lists fields in this order).
 */
export function mergeFields(base: Fields, override: Fields): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key in base) {
    const value = Object.hasOwn(override, key) ? mergeField(key, base[key], override[key]) : base[key];
    if (value !== undefined) result[key] = value;
  }
  for (const key in override) {
    if (Object.hasOwn(base, key)) continue;
    const value = mergeField(key, undefined, override[key]);
    if (value !== undefined) result[key] = value;
  }
  return result;
}
