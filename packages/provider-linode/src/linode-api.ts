import {
  createHttpClient,
  retryAfterMsFromHeaders,
  TokenBucketRateLimiter,
  type HttpClient,
  type HttpRequest,
  type RetryPolicy,
} from '@ohf/provider-sdk';
import type { z } from 'zod';
import { linodePageSchema } from './linode-api-schemas/linode-page-schema.js';
import { createLinodeErrorNormalizer, LINODE_PROVIDER_ID, retryAfterMsFromRateLimitReset } from './linode-errors.js';
import type { LinodeProviderSettings } from './linode-settings.js';
import { LinodeInstanceSchema, type LinodeInstance } from './linode-api-schemas/linode-instance-schema.js';

export interface LinodeApiClientOptions {
  readonly settings: LinodeProviderSettings;
  readonly token: string;
  readonly fetch?: typeof globalThis.fetch | undefined;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

/** One paginated list call: a collection path, its item schema and an optional X-Filter. */
export interface LinodeListRequest<Item> {
  readonly path: string;
  readonly item: z.ZodType<Item>;
  readonly operation: string;
  readonly filter?: LinodeFilter | undefined;
  readonly signal?: AbortSignal | undefined;
}

export const INSTANCE_CREATE_OPERATION = 'createInstance';
export const INSTANCES_PATH = '/linode/instances';

/** A Linode `X-Filter` header value (JSON): `{"field": value}`, `+or`, `+and`, … */
export type LinodeFilter = Readonly<Record<string, unknown>>;

export const STACKSCRIPTS_PATH = '/linode/stackscripts';

/**
 * The account's StackScripts (`mine`) and those of the users Linode publishes its Marketplace
 * apps as (`linode`, `linode-stackscripts`; Linode's own Cloud Manager filters on `username`
 * too, though the specification marks only `mine`, `label`, `description`, `is_public`,
 * `rev_note` and `deployments_total` as filterable). Never the community's public ones.
 */
export const OWN_AND_LINODE_STACKSCRIPTS: LinodeFilter = { '+or': [{ mine: true }, { username: 'linode' }, { username: 'linode-stackscripts' }] };

/** Instances whose `field` is any of `values`: `{"+or":[{"id":1},{"id":2}]}`. */
export function filterByAny(field: 'id' | 'label', values: readonly (number | string)[]): LinodeFilter {
  if (values.length === 1) return { [field]: values[0] };
  return { '+or': values.map((value) => ({ [field]: value })) };
}

/**
 * Instances carrying every tag: `{"tags":"a"}` or `{"+and":[{"tags":"a"},{"tags":"b"}]}`.
 * A filter on `tags` matches when the list contains the value.
 */
export function filterByTags(tags: readonly string[]): LinodeFilter {
  if (tags.length === 1) return { tags: tags[0] };
  return { '+and': tags.map((tag) => ({ tags: tag })) };
}

/**
 * Linode's HTTP surface for one provider instance: bearer auth, the overall and the
 * instance-create token buckets (paused by `X-RateLimit-Remaining: 0` + `X-RateLimit-Reset`
 * and by `Retry-After`), retries with backoff and pagination.
 */
export class LinodeApiClient {
  readonly #options: LinodeApiClientOptions;
  readonly #http: HttpClient;
  readonly #requestLimiter: TokenBucketRateLimiter;
  readonly #createLimiter: TokenBucketRateLimiter;

  constructor(options: LinodeApiClientOptions) {
    this.#options = options;
    const { settings, now } = options;
    const limiterSleep = (ms: number): Promise<void> => options.sleep(ms);
    this.#requestLimiter = new TokenBucketRateLimiter({
      capacity: settings.rateLimits.requestsPerWindow,
      refillTokens: settings.rateLimits.requestsPerWindow,
      refillIntervalMs: settings.rateLimits.windowMs,
      now,
      sleep: limiterSleep,
    });
    this.#createLimiter = new TokenBucketRateLimiter({
      capacity: settings.rateLimits.instanceCreatesPerWindow,
      refillTokens: settings.rateLimits.instanceCreatesPerWindow,
      refillIntervalMs: settings.rateLimits.instanceCreateWindowMs,
      now,
      sleep: limiterSleep,
    });
    const retry: Partial<RetryPolicy> = { ...settings.retry, sleep: options.sleep, random: options.random };
    this.#http = createHttpClient({
      providerId: LINODE_PROVIDER_ID,
      baseUrl: settings.baseUrl,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      timeoutMs: settings.timeoutMs,
      headers: { authorization: `Bearer ${options.token}` },
      retry,
      rateLimiter: this.#requestLimiter,
      normalizeError: createLinodeErrorNormalizer({ now }),
      secrets: [options.token],
      onResponse: (info) => this.#honourRateLimitHeaders(info),
      now,
    });
  }

  get retryPolicy(): Partial<RetryPolicy> {
    return { ...this.#options.settings.retry, sleep: this.#options.sleep, random: this.#options.random };
  }

  async request<T>(request: HttpRequest<T>): Promise<T> {
    if (request.operation === INSTANCE_CREATE_OPERATION) await this.#createLimiter.acquire(1, request.signal);
    return (await this.#http.request(request)).data;
  }

  /** Instances matching `filter` (all for `{}`), every page. */
  listInstances(filter: LinodeFilter, operation: string, signal?: AbortSignal): Promise<LinodeInstance[]> {
    return this.listAll({ path: INSTANCES_PATH, item: LinodeInstanceSchema, operation, filter, signal });
  }

  /** Every item of a collection, following `pages`; one call per page of `pageSize`. */
  async listAll<Item>(list: LinodeListRequest<Item>): Promise<Item[]> {
    const schema = linodePageSchema(list.item);
    const items: Item[] = [];
    for (let page = 1; ; page += 1) {
      const result = await this.request({
        method: 'GET',
        path: list.path,
        query: { page, page_size: this.#options.settings.pageSize },
        ...(list.filter ? { headers: { 'X-Filter': JSON.stringify(list.filter) } } : {}),
        schema,
        operation: list.operation,
        ...(list.signal ? { signal: list.signal } : {}),
      });
      items.push(...(result.data as Item[]));
      if (page >= result.pages || result.data.length === 0) return items;
    }
  }

  #honourRateLimitHeaders(info: { status: number; headers: Headers; operation: string }): void {
    const limiter = info.operation === INSTANCE_CREATE_OPERATION ? this.#createLimiter : this.#requestLimiter;
    const nowMs = this.#options.now();
    const remaining = info.headers.get('x-ratelimit-remaining')?.trim();
    if (remaining === '0') {
      const waitMs = retryAfterMsFromRateLimitReset(info.headers, nowMs);
      if (waitMs !== undefined) limiter.pauseUntil(nowMs + waitMs);
    }
    if (info.status === 429) {
      const retryAfterMs = retryAfterMsFromHeaders(info.headers, new Date(nowMs));
      if (retryAfterMs !== undefined) limiter.pauseUntil(nowMs + retryAfterMs);
    }
  }
}
