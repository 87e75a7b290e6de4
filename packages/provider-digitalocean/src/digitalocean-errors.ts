import {
  ProviderApiError,
  ProviderCapacityError,
  ProviderQuotaError,
  normalizeHttpError,
  retryAfterMsFromHeaders,
  type HttpErrorResponse,
  type ProviderErrorOptions,
} from '@ohf/provider-sdk';
import { DigitalOceanErrorBodySchema } from './digitalocean-api-schemas/error-body-schema.js';

export const DIGITALOCEAN_PROVIDER_ID = 'digitalocean';

// `ratelimit-reset` names when the oldest request of the hourly window expires: never
// further away than the window itself, so a larger value is a clock problem, not a wait.
const LONGEST_RESET_WAIT_MS = 60 * 60 * 1000;

// Request fields a DigitalOcean validation message may name, most specific first.
const REQUEST_FIELDS = [
  'ssh_keys',
  'vpc_uuid',
  'user_data',
  'tag_name',
  'names',
  'name',
  'region',
  'size',
  'image',
  'tags',
  'backups',
  'ipv6',
  'monitoring',
  'per_page',
  'page',
  'type',
] as const;

const QUOTA_MESSAGE = /droplet limit|quota|exceed.*limit/i;
const CAPACITY_MESSAGE = /not available|unavailable|out of capacity|insufficient capacity|capacity/i;

export interface NormalizeDigitalOceanErrorOptions {
  /** Wall clock (epoch ms) for `retry-after` dates and `ratelimit-reset`. */
  readonly now?: () => number;
}

/**
 * Maps a DigitalOcean error answer to the OHF codes: 401 → INVALID_CREDENTIALS,
 * 403 → FORBIDDEN, 404 → MACHINE_NOT_FOUND, 400/422 → VALIDATION_ERROR with the field the
 * message names (a droplet-limit message → QUOTA_EXCEEDED, an unavailable size or region →
 * INSUFFICIENT_CAPACITY), 429 → RATE_LIMIT_EXCEEDED with `retryAfterMs` from `retry-after`
 * or `ratelimit-reset`, 5xx → API_ERROR (retryable). The body's `request_id` is kept as the
 * provider request id.
 */
export function normalizeDigitalOceanError(
  response: HttpErrorResponse,
  options: NormalizeDigitalOceanErrorOptions = {},
): ProviderApiError {
  const now = options.now ?? Date.now;
  const parsedBody = DigitalOceanErrorBodySchema.safeParse(response.body);
  const body = parsedBody.success ? parsedBody.data : undefined;
  const message = body?.message ?? (typeof response.body === 'string' && response.body.length <= 300 ? response.body : undefined);
  const requestId = body?.request_id ?? response.headers.get('x-request-id') ?? undefined;
  const field = response.status === 400 || response.status === 422 ? fieldNamedIn(message) : undefined;
  const details = body ? { providerErrorId: body.id } : undefined;

  if (response.status === 429) {
    const retryAfterMs = retryAfterMsOf(response.headers, now);
    return normalizeHttpError(withRetryAfter(response, retryAfterMs), {
      providerId: DIGITALOCEAN_PROVIDER_ID,
      message: message ?? 'API rate limit exceeded',
      ...optional({ requestId, details }),
    });
  }

  const common: ProviderErrorOptions = {
    providerId: DIGITALOCEAN_PROVIDER_ID,
    operation: response.operation,
    statusCode: response.status,
    ...optional({ requestId, field, details }),
  };
  const described = `${DIGITALOCEAN_PROVIDER_ID} ${response.operation} failed with HTTP ${response.status}${message ? `: ${message}` : ''}`;

  if ((response.status === 400 || response.status === 422 || response.status === 403) && message && QUOTA_MESSAGE.test(message)) {
    return new ProviderQuotaError(`${described} (raise the droplet limit of the account or use another provider)`, common);
  }
  if ((response.status === 400 || response.status === 422) && message && CAPACITY_MESSAGE.test(message)) {
    return new ProviderCapacityError(`${described} (try another size or region)`, common);
  }
  if (response.status >= 500) {
    const retryAfterMs = retryAfterMsFromHeaders(response.headers, new Date(now()));
    return new ProviderApiError('API_ERROR', `${described} (DigitalOcean side; retried with backoff)`, {
      ...common,
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (response.status === 401) {
    return normalizeHttpError(response, {
      providerId: DIGITALOCEAN_PROVIDER_ID,
      message: `${message ?? 'unauthorized'}; check the provider's token setting or DIGITALOCEAN_TOKEN`,
      ...optional({ requestId, details }),
    });
  }
  return normalizeHttpError(response, { providerId: DIGITALOCEAN_PROVIDER_ID, ...optional({ message, requestId, field, details }) });
}

/** The first request field a validation message mentions as a whole word (e.g. "invalid size" → size). */
export function fieldNamedIn(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const lowered = message.toLowerCase();
  let best: { field: string; at: number } | undefined;
  for (const field of REQUEST_FIELDS) {
    const match = new RegExp(`(^|[^a-z_])${field}([^a-z_]|$)`).exec(lowered);
    if (match && (best === undefined || match.index < best.at)) best = { field, at: match.index };
  }
  return best?.field;
}

function retryAfterMsOf(headers: Headers, now: () => number): number | undefined {
  const fromRetryAfter = retryAfterMsFromHeaders(headers, new Date(now()));
  if (fromRetryAfter !== undefined) return fromRetryAfter;
  const reset = Number(headers.get('ratelimit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  const waitMs = reset * 1000 - now();
  return waitMs > 0 && waitMs <= LONGEST_RESET_WAIT_MS ? Math.ceil(waitMs) : undefined;
}

// normalizeHttpError reads `Retry-After` itself; a copy carrying our computed wait lets the
// `ratelimit-reset` fallback reach it without duplicating its mapping.
function withRetryAfter(response: HttpErrorResponse, retryAfterMs: number | undefined): HttpErrorResponse {
  if (retryAfterMs === undefined) return response;
  const headers = new Headers(response.headers);
  headers.set('retry-after', String(retryAfterMs / 1000));
  return { ...response, headers };
}

function optional<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
