import { REDACTED, redactSecrets } from './redact-secrets.js';
import { isSecretSettingName } from './secret-settings.js';

const MAXIMUM_CAUSE_DEPTH = 5;
const MAXIMUM_VALUE_DEPTH = 10;

/**
 * Redacts an error in place (message, stack, `details` and the `cause` chain), so it keeps its
 * class, code and `isInstance` identity: a cloud may echo a token, a header or a request body
 * in its error text, and loggers print stacks and causes. Something thrown that is not an Error
 * becomes one, with its text redacted.
 */
export function redactError<E extends Error>(error: E, secrets?: readonly (string | undefined)[]): E;
export function redactError(error: unknown, secrets?: readonly (string | undefined)[]): Error;
export function redactError(error: unknown, secrets?: readonly (string | undefined)[]): Error {
  if (!(error instanceof Error)) return new Error(redactSecrets(String(error), secrets));
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < MAXIMUM_CAUSE_DEPTH; depth += 1) {
    redactOwnFields(current, secrets);
    current = current.cause;
  }
  return error;
}

function redactOwnFields(error: Error, secrets: readonly (string | undefined)[] | undefined): void {
  try {
    error.message = redactSecrets(error.message, secrets);
    if (typeof error.stack === 'string') error.stack = redactSecrets(error.stack, secrets);
    const details = (error as { details?: unknown }).details;
    if (details !== null && typeof details === 'object') {
      Object.defineProperty(error, 'details', { value: redactValue(details, secrets), enumerable: true, configurable: true, writable: false });
    }
  } catch {
    // A frozen error cannot be changed; whoever shows it still goes through redactValue.
  }
}

/**
 * A copy of plain data (log fields, error details, answers) with secrets redacted: values under
 * secret-named keys are replaced whole, every string goes through `redactSecrets`, errors
 * become plain objects (`type`, `message`, `stack`, their own fields, `cause`). Objects that are
 * not plain data (dates, buffers, class instances) are kept as they are; cycles end in
 * `[Circular]`.
 */
export function redactValue(value: unknown, secrets?: readonly (string | undefined)[]): unknown {
  return copy(value, secrets, new WeakSet(), 0);
}

function copy(value: unknown, secrets: readonly (string | undefined)[] | undefined, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAXIMUM_VALUE_DEPTH) return '[Object]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => copy(item, secrets, seen, depth + 1));
    if (value instanceof Error) {
      const fields: Record<string, unknown> = { type: value.name, message: value.message };
      if (typeof value.stack === 'string') fields['stack'] = value.stack;
      for (const [key, entry] of Object.entries(value)) fields[key] = entry;
      if (value.cause !== undefined) fields['cause'] = value.cause;
      return copyFields(fields, secrets, seen, depth);
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return value;
    return copyFields(value as Record<string, unknown>, secrets, seen, depth);
  } finally {
    seen.delete(value);
  }
}

function copyFields(
  fields: Record<string, unknown>,
  secrets: readonly (string | undefined)[] | undefined,
  seen: WeakSet<object>,
  depth: number,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(fields)) {
    result[key] =
      isSecretSettingName(key) && entry !== null && entry !== undefined && entry !== '' ? REDACTED : copy(entry, secrets, seen, depth + 1);
  }
  return result;
}
