import {
  normalizeHttpError,
  ProviderCapacityError,
  ProviderQuotaError,
  ProviderRateLimitError,
  ProviderApiError,
  type HttpErrorResponse,
} from '@ohf/provider-sdk';
import { LinodeErrorBodySchema } from './linode-api-schemas/linode-error-body-schema.js';

export const LINODE_PROVIDER_ID = 'linode';

// Linode answers 400 for "no room" and "account limit" too; these reasons tell them apart so
// selection can block the offering and fail over instead of treating them as bad input.
const CAPACITY_REASON = /(capacity|sold out|out of stock|not available in this region|currently unavailable)/i;
const QUOTA_REASON = /(limit (has been )?reached|exceed(s|ed)? (your|the) (account )?limit|account limit|quota)/i;

export interface LinodeErrorNormalizerOptions {
  readonly now?: () => number;
}

/**
 * Maps a non-2xx Linode answer to the SDK codes: 401 INVALID_CREDENTIALS, 403 FORBIDDEN,
 * 404 MACHINE_NOT_FOUND, 400/422 VALIDATION_ERROR naming Linode's `field` (or capacity/quota
 * when the reason says so), 409 CONFLICT, 429 RATE_LIMIT_EXCEEDED with `retryAfterMs` from
 * `Retry-After` or `X-RateLimit-Reset`, 5xx retryable. Messages hold Linode's reasons only,
 * never request bodies or headers, so no credential can leak into them.
 */
export function createLinodeErrorNormalizer(options: LinodeErrorNormalizerOptions = {}) {
  const now = options.now ?? Date.now;
  return function normalizeLinodeError(response: HttpErrorResponse): ProviderApiError {
    const parsed = LinodeErrorBodySchema.safeParse(response.body);
    const errors = parsed.success ? parsed.data.errors : [];
    const reasons = errors.map((error) => (error.field ? `${error.field}: ${error.reason ?? 'invalid'}` : (error.reason ?? '')));
    const reasonText = reasons.filter((reason) => reason !== '').join('; ');
    const field = errors.find((error) => error.field)?.field ?? undefined;
    const base = normalizeHttpError(response, {
      providerId: LINODE_PROVIDER_ID,
      ...(reasonText ? { message: reasonText } : {}),
      ...(field ? { field } : {}),
      ...(errors.length ? { details: { errors } } : {}),
      now: new Date(now()),
    });
    const common = {
      providerId: LINODE_PROVIDER_ID,
      operation: response.operation,
      statusCode: response.status,
      ...(field ? { field } : {}),
      ...(errors.length ? { details: { errors } } : {}),
    };

    if (response.status === 429) {
      const retryAfterMs = base.retryAfterMs ?? retryAfterMsFromRateLimitReset(response.headers, now());
      return new ProviderRateLimitError(base.message, { ...common, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    }
    if (response.status === 400 && QUOTA_REASON.test(reasonText)) return new ProviderQuotaError(base.message, common);
    if (response.status === 400 && CAPACITY_REASON.test(reasonText)) return new ProviderCapacityError(base.message, common);
    return base;
  };
}

/** `X-RateLimit-Reset` is the epoch second the window starts over. */
export function retryAfterMsFromRateLimitReset(headers: Headers, nowMs: number): number | undefined {
  const value = headers.get('x-ratelimit-reset')?.trim();
  if (!value || !/^\d+$/.test(value)) return undefined;
  return Math.max(0, Number(value) * 1000 - nowMs);
}

/**
 * What a call threw that is not already an OHF error (HTTP answers are normalized by
 * `createLinodeErrorNormalizer` in the client): an internal error naming the operation.
 */
export function normalizeLinodeFailure(error: unknown, operation: string): ProviderApiError {
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderApiError('INTERNAL', `linode ${operation} failed: ${message}`, { providerId: LINODE_PROVIDER_ID, operation, retryable: false, cause: error });
}
