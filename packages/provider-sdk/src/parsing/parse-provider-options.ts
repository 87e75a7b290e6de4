import type { z } from 'zod';
import { InvalidProviderOptionsError } from '../errors/provider-errors.js';
import { withUnknownKeyHints } from './unknown-key-hints.js';
import { describeIssues, fieldIssues } from './zod-issues.js';

/**
 * Validates a template's `providerOptions[providerId]` with the provider's schema (missing
 * means `{}`). Errors name the full path, e.g. `providerOptions.linode.region`; a key the
 * schema does not know is named with the closest one it does.
 */
export function parseProviderOptions<T>(options: {
  readonly providerId: string;
  readonly providerOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
  readonly schema: z.ZodType<T>;
}): T {
  const value = options.providerOptions?.[options.providerId] ?? {};
  const result = options.schema.safeParse(value);
  if (result.success) return result.data;
  const issues = fieldIssues({ issues: withUnknownKeyHints(result.error, options.schema) }, `providerOptions.${options.providerId}`);
  throw new InvalidProviderOptionsError(`Invalid provider options: ${describeIssues(issues)}`, {
    providerId: options.providerId,
    field: issues[0]?.field ?? `providerOptions.${options.providerId}`,
    details: { issues },
  });
}
