import {
  ProviderApiError,
  ProviderAuthError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
  type ProviderErrorOptions,
} from '../errors/provider-errors.js';
import { retryAfterMsFromHeaders } from './retry-after.js';

/** A non-2xx answer, as the HTTP client hands it to a provider's error normalizer. */
export interface HttpErrorResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON when the body was JSON, else the text (undefined when empty). */
  readonly body: unknown;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
}

export interface NormalizeHttpErrorOptions {
  readonly providerId: string;
  /** The cloud's own explanation, extracted from the body by the provider. */
  readonly message?: string;
  /** The cloud's request id, for support tickets. */
  readonly requestId?: string;
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly now?: Date;
}

/**
 * The generic status-code mapping providers start from (and override where their cloud
 * says more, e.g. a 400 that means "out of capacity"): 401 → INVALID_CREDENTIALS,
 * 403 → FORBIDDEN, 404 → MACHINE_NOT_FOUND, 400/422 → VALIDATION_ERROR, 409 → CONFLICT,
 * 429 → RATE_LIMIT_EXCEEDED, 408/5xx → retryable, with `retryAfterMs` from `Retry-After`.
 */
export function normalizeHttpError(response: HttpErrorResponse, options: NormalizeHttpErrorOptions): ProviderApiError {
  const retryAfterMs = retryAfterMsFromHeaders(response.headers, options.now);
  const message = `${options.providerId} ${response.operation} failed with HTTP ${response.status}${options.message ? `: ${options.message}` : ''}`;
  const common: ProviderErrorOptions = {
    providerId: options.providerId,
    operation: response.operation,
    statusCode: response.status,
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    ...(options.field === undefined ? {} : { field: options.field }),
    ...(options.details === undefined ? {} : { details: options.details }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  const { status } = response;
  if (status === 401) return new ProviderAuthError('INVALID_CREDENTIALS', message, common);
  if (status === 403) return new ProviderAuthError('FORBIDDEN', message, common);
  if (status === 404) return new ProviderNotFoundError(message, common);
  if (status === 400 || status === 422) return new ProviderValidationError(message, common);
  if (status === 409) return new ProviderApiError('CONFLICT', message, { ...common, retryable: false });
  if (status === 429) return new ProviderRateLimitError(message, common);
  if (status === 408 || status === 502 || status === 503 || status === 504) {
    return new ProviderApiError('PROVIDER_UNAVAILABLE', message, { ...common, retryable: true });
  }
  if (status >= 500) return new ProviderApiError('API_ERROR', message, { ...common, retryable: true });
  return new ProviderApiError('API_ERROR', message, { ...common, retryable: false });
}
