import { CONFIGURATION_SECTIONS } from './configuration-schema.js';
import type { Environment } from './expand-environment.js';

const sections = new Set<string>(CONFIGURATION_SECTIONS);

/** Parses an override value: JSON when it is JSON (numbers, booleans, arrays), else the raw string. */
function parseOverrideValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export interface AppliedOverride {
  readonly variable: string;
  readonly path: string;
}

/**
 * Applies `HF_<SECTION>__<KEY>[__<KEY>…]` variables (e.g. `HF_STORAGE__STRATEGY=json`,
 * `HF_PROVIDERS__PROVIDERS__0__ENABLED=false`). Only the configuration's own sections are
 * touched, so Symphony's `HF_PROVIDER_CONFDIR` and friends are never mistaken for settings.
 */
export function applyEnvironmentOverrides(
  document: Record<string, unknown>,
  environment: Environment,
): AppliedOverride[] {
  const applied: AppliedOverride[] = [];
  for (const [variable, raw] of Object.entries(environment)) {
    if (raw === undefined || !variable.startsWith('HF_')) continue;
    const segments = variable.slice(3).toLowerCase().split('__');
    if (segments.length < 2 || !sections.has(segments[0]!) || segments.some((segment) => segment === '')) continue;
    let cursor: Record<string, unknown> | unknown[] = document;
    for (const [index, segment] of segments.entries()) {
      const key: string | number = Array.isArray(cursor) && /^\d+$/.test(segment) ? Number(segment) : segment;
      const container = cursor as Record<string | number, unknown>;
      if (index === segments.length - 1) {
        container[key] = parseOverrideValue(raw);
        break;
      }
      const next = container[key];
      if (next === null || typeof next !== 'object') container[key] = /^\d+$/.test(segments[index + 1]!) ? [] : {};
      cursor = container[key] as Record<string, unknown> | unknown[];
    }
    applied.push({ variable, path: segments.join('.') });
  }
  return applied;
}
