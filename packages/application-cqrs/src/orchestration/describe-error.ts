import { OhfError } from '@ohf/domain-core';
import { redactSecrets } from '@ohf/provider-sdk';

/**
 * An error as log data: code and message for ours, name and message for others. The message
 * is redacted of anything shaped like a credential (provider errors are already redacted of
 * their instance's secrets where they were caught).
 */
export function describeError(error: unknown): object {
  if (OhfError.isInstance(error)) return { code: error.code, message: redactSecrets(error.message) };
  if (error instanceof Error) return { name: error.name, message: redactSecrets(error.message) };
  return { value: redactSecrets(String(error)) };
}
