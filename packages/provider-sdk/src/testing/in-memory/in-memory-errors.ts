import {
  ProviderApiError,
  ProviderAuthError,
  ProviderCapacityError,
  ProviderQuotaError,
  ProviderRateLimitError,
} from '../../index.js';
import { InMemoryCloudError } from './in-memory-cloud.js';

/** The error normalizer: the fake cloud's HTTP-like failures → typed provider errors. */
export function normalizeInMemoryError(providerId: string, error: unknown, operation: string): ProviderApiError {
  if (ProviderApiError.isInstance(error)) return error;
  if (!(error instanceof InMemoryCloudError)) {
    return new ProviderApiError('INTERNAL', `${providerId} ${operation} failed: ${String((error as Error)?.message ?? error)}`, {
      providerId,
      operation,
      retryable: false,
      cause: error,
    });
  }
  const common = {
    providerId,
    operation,
    statusCode: error.status,
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterMs: error.retryAfterSeconds * 1000 }),
    cause: error,
  };
  const message = `${providerId} ${operation} failed with HTTP ${error.status}`;
  switch (error.kind) {
    case 'rate_limit':
      return new ProviderRateLimitError(`${message}: too many requests`, common);
    case 'server_error':
      return new ProviderApiError('PROVIDER_UNAVAILABLE', `${message}: service unavailable`, { ...common, retryable: true });
    case 'unauthorized':
      return new ProviderAuthError('INVALID_CREDENTIALS', `${message}: the credentials were rejected`, common);
    case 'forbidden':
      return new ProviderAuthError('FORBIDDEN', `${message}: the credentials lack permission`, common);
    case 'quota':
      return new ProviderQuotaError(`${message}: the account quota is exhausted`, common);
    case 'capacity':
      return new ProviderCapacityError(`${message}: no capacity for this size in this location`, common);
  }
}
