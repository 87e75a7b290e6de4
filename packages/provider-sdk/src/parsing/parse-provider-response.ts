import type { z } from 'zod';
import { ProviderApiError } from '../errors/provider-errors.js';
import { describeIssues, fieldIssues } from './zod-issues.js';

/**
 * Validates what a cloud answered. A mismatch means the cloud changed or misbehaved, so it
 * becomes a non-retryable `ProviderApiError('API_ERROR')` naming the fields, never a crash
 * deeper in the provider.
 */
export function parseProviderResponse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  context: { readonly providerId: string; readonly operation: string },
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = fieldIssues(result.error);
  throw new ProviderApiError(
    'API_ERROR',
    `Invalid response from ${context.providerId} ${context.operation}: ${describeIssues(issues)}`,
    { providerId: context.providerId, operation: context.operation, retryable: false, details: { issues }, cause: result.error },
  );
}
