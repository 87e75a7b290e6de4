import type { ErrorCode } from '@ohf/domain-core';

/**
 * The HTTP status of each stable error code. Business rules a request breaks are 422 (the body
 * is well-formed but cannot be served as asked); provider-side failures are 502/503 so clients
 * and proxies treat them as upstream trouble.
 */
export const HTTP_STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  TEMPLATE_NOT_FOUND: 404,
  REQUEST_NOT_FOUND: 404,
  MACHINE_NOT_FOUND: 404,
  PROVIDER_NOT_FOUND: 404,
  NOT_FOUND: 404,
  PROVIDER_DISABLED: 422,
  NO_ENABLED_PROVIDERS: 503,
  NO_COMPATIBLE_PROVIDER: 422,
  NO_MATCHING_PLAN: 422,
  API_NOT_SUPPORTED: 422,
  INSTANCE_LIMIT_EXCEEDED: 422,
  PRICING_MODEL_UNSUPPORTED: 422,
  FLEET_TYPE_INCOMPATIBLE: 422,
  MISSING_CREDENTIALS: 502,
  INVALID_CREDENTIALS: 502,
  RATE_LIMIT_EXCEEDED: 429,
  INSUFFICIENT_CAPACITY: 503,
  QUOTA_EXCEEDED: 503,
  PROVIDER_UNAVAILABLE: 503,
  API_ERROR: 502,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
};
