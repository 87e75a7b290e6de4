/**
 * The stable error codes of Open Host Factory. They are part of the public contract:
 * scripts, dashboards and API clients match on them, so they never change meaning.
 */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'TEMPLATE_NOT_FOUND',
  'REQUEST_NOT_FOUND',
  'MACHINE_NOT_FOUND',
  'PROVIDER_NOT_FOUND',
  /** No such route or resource kind (HTTP 404 for a path the API does not serve). */
  'NOT_FOUND',
  'PROVIDER_DISABLED',
  'NO_ENABLED_PROVIDERS',
  'NO_COMPATIBLE_PROVIDER',
  'API_NOT_SUPPORTED',
  'INSTANCE_LIMIT_EXCEEDED',
  'PRICING_MODEL_UNSUPPORTED',
  'FLEET_TYPE_INCOMPATIBLE',
  'MISSING_CREDENTIALS',
  'INVALID_CREDENTIALS',
  'RATE_LIMIT_EXCEEDED',
  'INSUFFICIENT_CAPACITY',
  'QUOTA_EXCEEDED',
  'PROVIDER_UNAVAILABLE',
  'API_ERROR',
  'CONFLICT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const knownCodes = new Set<string>(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && knownCodes.has(value);
}

/** Codes a caller may retry after waiting; everything else needs a change first. */
export const RETRYABLE_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RATE_LIMIT_EXCEEDED',
  'PROVIDER_UNAVAILABLE',
  'API_ERROR',
]);
