import { redactSecrets } from '@ohf/provider-sdk';

const MAXIMUM_DEPTH = 5;

/**
 * Redacts secrets from an error's message and its `cause` chain, in place: a transport error
 * may echo a request header or body, and loggers print causes.
 */
export function redactErrorChain<E>(error: E, secrets: readonly string[]): E {
  if (secrets.length === 0) return error;
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < MAXIMUM_DEPTH; depth += 1) {
    current.message = redactSecrets(current.message, secrets);
    current = current.cause;
  }
  return error;
}
