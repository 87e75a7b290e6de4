import type { z } from 'zod';
import { ProviderApiError, ProviderSdkError } from '../errors/provider-errors.js';
import { parseProviderResponse } from '../parsing/parse-provider-response.js';
import type { TokenBucketRateLimiter } from '../rate-limit/token-bucket-rate-limiter.js';
import { retryWithBackoff, type RetryPolicy } from '../retry/retry-with-backoff.js';
import { redactError } from '../secrets/redact-error.js';
import type { HttpErrorResponse } from './normalize-http-error.js';

export interface HttpClientOptions {
  readonly providerId: string;
  /** Includes the version path, e.g. https://api.linode.com/v4. */
  readonly baseUrl: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Per attempt. Default 30 000. */
  readonly timeoutMs?: number;
  /** Sent on every call; a function is called per call (e.g. a refreshed token). */
  readonly headers?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Retries only errors with `retryable === true`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Acquired before every attempt; paused by `Retry-After` on 429. */
  readonly rateLimiter?: TokenBucketRateLimiter;
  /** The provider's mapping of a non-2xx answer (see `normalizeHttpError`). */
  readonly normalizeError: (response: HttpErrorResponse) => ProviderApiError;
  /** Replaced with [REDACTED] in every error (message, stack, details, causes), as are credential shapes. */
  readonly secrets?: readonly string[];
  /** Sees every answer, e.g. to read rate-limit headers. */
  readonly onResponse?: (info: { status: number; headers: Headers; operation: string }) => void;
  /** Clock for `Retry-After` pauses. */
  readonly now?: () => number;
}

export interface HttpRequest<T> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Appended to baseUrl, e.g. '/linode/instances'. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** The response body's schema; a mismatch → ProviderApiError('API_ERROR'), not retryable. */
  readonly schema: z.ZodType<T>;
  /** e.g. 'createInstance'; used in errors and metrics. */
  readonly operation: string;
  readonly signal?: AbortSignal;
  /** Default true; false for non-idempotent calls that must not be repeated. */
  readonly retry?: boolean;
}

export interface HttpResponse<T> {
  readonly data: T;
  readonly status: number;
  readonly headers: Headers;
}

export interface HttpClient {
  request<T>(request: HttpRequest<T>): Promise<HttpResponse<T>>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A small JSON client over fetch for REST providers: timeout per attempt, retry with
 * backoff for retryable errors, a shared rate limiter, zod-validated answers and errors
 * normalized by the provider with credentials redacted. Network failures and timeouts
 * become ProviderApiError('PROVIDER_UNAVAILABLE', retryable).
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  const redact = <E extends Error>(error: E): E => redactError(error, options.secrets);

  async function attemptOnce<T>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
    await options.rateLimiter?.acquire(1, request.signal);
    const url = buildUrl(baseUrl, request.path, request.query);
    const fetchImplementation = options.fetch ?? globalThis.fetch;
    const headers = new Headers({ accept: 'application/json' });
    const defaultHeaders = typeof options.headers === 'function' ? options.headers() : options.headers;
    for (const [name, value] of Object.entries({ ...defaultHeaders, ...request.headers })) headers.set(name, value);
    if (request.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    let response: Response;
    let body: unknown;
    try {
      response = await fetchImplementation(url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal,
      });
      body = await readBody(response);
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      const reason = timeout.signal.aborted ? `timed out after ${timeoutMs} ms` : `could not be reached (${messageOf(error)})`;
      throw redact(
        new ProviderApiError('PROVIDER_UNAVAILABLE', `${options.providerId} ${request.operation}: ${request.method} ${url} ${reason}`, {
          providerId: options.providerId,
          operation: request.operation,
          retryable: true,
          cause: error,
        }),
      );
    } finally {
      clearTimeout(timer);
    }

    options.onResponse?.({ status: response.status, headers: response.headers, operation: request.operation });
    if (!response.ok) {
      const error = options.normalizeError({
        status: response.status,
        headers: response.headers,
        body,
        operation: request.operation,
        method: request.method,
        url,
      });
      if (options.rateLimiter && error.code === 'RATE_LIMIT_EXCEEDED' && error.retryAfterMs !== undefined) {
        options.rateLimiter.pauseUntil(now() + error.retryAfterMs);
      }
      throw redact(error);
    }
    const data = parseProviderResponse(request.schema, body, { providerId: options.providerId, operation: request.operation });
    return { data, status: response.status, headers: response.headers };
  }

  return {
    async request<T>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
      try {
        if (request.retry === false) return await attemptOnce(request);
        return await retryWithBackoff(() => attemptOnce(request), {
          ...options.retry,
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        throw ProviderSdkError.isInstance(error) ? redact(error) : error;
      }
    },
  };
}

function buildUrl(baseUrl: string, path: string, query: HttpRequest<unknown>['query']): string {
  const url = new URL(`${baseUrl}${path.startsWith('/') ? path : `/${path}`}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
