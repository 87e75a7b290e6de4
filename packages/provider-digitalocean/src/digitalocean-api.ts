import { z } from 'zod';
import {
  createHttpClient,
  ProviderSdkError,
  type ConnectSetup,
  type HttpClient,
  type HttpRequest,
  type TokenBucketRateLimiter,
} from '@ohf/provider-sdk';
import { AccountResponseSchema, type DigitalOceanAccount } from './digitalocean-api-schemas/account-schema.js';
import { DropletActionResponseSchema, type DropletActionResponse } from './digitalocean-api-schemas/action-schema.js';
import {
  ImagesPageSchema,
  OneClicksResponseSchema,
  RegionsPageSchema,
  SizesPageSchema,
  type DigitalOceanImage,
  type DigitalOceanOneClick,
  type DigitalOceanRegion,
  type DigitalOceanSize,
} from './digitalocean-api-schemas/catalog-schemas.js';
import { MAX_DROPLETS_PER_CREATE, type DropletCreateRequest } from './digitalocean-api-schemas/droplet-create-request.js';
import {
  DropletCreateResponseSchema,
  DropletResponseSchema,
  DropletSchema,
  type Droplet,
} from './digitalocean-api-schemas/droplet-schema.js';
import { collectPages, PageEnvelopeSchema, type Page, type PageEnvelope } from './digitalocean-api-schemas/pagination.js';
import { DIGITALOCEAN_PROVIDER_ID, normalizeDigitalOceanError } from './digitalocean-errors.js';
import { createDigitalOceanRateLimiters } from './digitalocean-rate-limits.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';

// Calls the API may have carried out even when the answer was lost. A create is never repeated
// here (the provider skeleton repeats it after a 429); an action only after a 429.
const NEVER_REPEATED = new Set(['createDroplets']);
const REPEATED_ONLY_WHEN_THROTTLED = new Set(['dropletAction']);

const DropletsPageSchema = PageEnvelopeSchema.extend({ droplets: z.array(DropletSchema) });
// 204 answers have no body.
const NoContentSchema = z.unknown();

/** The droplet action types this provider sends (`boot` is DigitalOcean's `power_on`). */
export type DropletActionType = 'power_on' | 'shutdown' | 'reboot';

export interface DigitalOceanApiOptions {
  readonly http: HttpClient;
  /** The hourly budget, taken once per logical call (the per-minute one is paced per attempt by `http`). */
  readonly hourlyLimiter?: TokenBucketRateLimiter;
  /** `per_page` for every list, 1…200. */
  readonly pageSize: number;
}

export interface CallContext {
  readonly signal?: AbortSignal;
}

/**
 * The DigitalOcean API v2 endpoints this provider uses, typed and validated. Paths are
 * relative to the configured base URL (`https://api.digitalocean.com` by default).
 */
export class DigitalOceanApi {
  readonly #http: HttpClient;
  readonly #hourlyLimiter: TokenBucketRateLimiter | undefined;
  readonly pageSize: number;

  constructor(options: DigitalOceanApiOptions) {
    this.#http = options.http;
    this.#hourlyLimiter = options.hourlyLimiter;
    this.pageSize = options.pageSize;
  }

  /** One page of droplets, optionally only those carrying `tagName`. */
  async listDropletsPage(page: number, options: CallContext & { readonly tagName?: string } = {}): Promise<Page<Droplet>> {
    const { data } = await this.#send({
      method: 'GET',
      path: '/v2/droplets',
      query: { tag_name: options.tagName, per_page: this.pageSize, page },
      schema: DropletsPageSchema,
      operation: 'listDroplets',
      ...signalOf(options),
    });
    return { items: data.droplets, envelope: data };
  }

  /** Every droplet (carrying `tagName`, when given): ⌈total / pageSize⌉ calls. */
  listDroplets(options: CallContext & { readonly tagName?: string } = {}): Promise<Droplet[]> {
    return collectPages((page) => this.listDropletsPage(page, options), this.pageSize);
  }

  async getDroplet(id: number, options: CallContext = {}): Promise<Droplet> {
    const { data } = await this.#send({
      method: 'GET',
      path: `/v2/droplets/${id}`,
      schema: DropletResponseSchema,
      operation: 'getDroplet',
      ...signalOf(options),
    });
    return data.droplet;
  }

  /** One multi-create call. Not repeated on failure unless DigitalOcean refused it outright (429). */
  async createDroplets(request: DropletCreateRequest, options: CallContext = {}): Promise<Droplet[]> {
    if (request.names.length < 1 || request.names.length > MAX_DROPLETS_PER_CREATE) {
      throw new RangeError(`createDroplets takes 1 to ${MAX_DROPLETS_PER_CREATE} names, got ${request.names.length}`);
    }
    const { data } = await this.#send({
      method: 'POST',
      path: '/v2/droplets',
      body: request,
      schema: DropletCreateResponseSchema,
      operation: 'createDroplets',
      ...signalOf(options),
    });
    return 'droplets' in data ? data.droplets : [data.droplet];
  }

  async deleteDroplet(id: number, options: CallContext = {}): Promise<void> {
    await this.#send({
      method: 'DELETE',
      path: `/v2/droplets/${id}`,
      schema: NoContentSchema,
      operation: 'deleteDroplet',
      ...signalOf(options),
    });
  }

  /** Deletes every droplet carrying `tagName` in one call. */
  async deleteDropletsByTag(tagName: string, options: CallContext = {}): Promise<void> {
    await this.#send({
      method: 'DELETE',
      path: '/v2/droplets',
      query: { tag_name: tagName },
      schema: NoContentSchema,
      operation: 'deleteDropletsByTag',
      ...signalOf(options),
    });
  }

  async postDropletAction(id: number, type: DropletActionType, options: CallContext = {}): Promise<DropletActionResponse['action']> {
    const { data } = await this.#send({
      method: 'POST',
      path: `/v2/droplets/${id}/actions`,
      body: { type },
      schema: DropletActionResponseSchema,
      operation: 'dropletAction',
      ...signalOf(options),
    });
    return data.action;
  }

  listSizes(options: CallContext = {}): Promise<DigitalOceanSize[]> {
    return this.#listCatalog('/v2/sizes', {}, SizesPageSchema, 'sizes', 'listSizes', options);
  }

  listRegions(options: CallContext = {}): Promise<DigitalOceanRegion[]> {
    return this.#listCatalog('/v2/regions', {}, RegionsPageSchema, 'regions', 'listRegions', options);
  }

  /** Distribution images (`type=distribution`) or the account's own (`private=true`). */
  listImages(filter: { readonly type: 'distribution' } | { readonly private: true }, options: CallContext = {}): Promise<DigitalOceanImage[]> {
    const query: Record<string, string> = 'type' in filter ? { type: filter.type } : { private: 'true' };
    return this.#listCatalog('/v2/images', query, ImagesPageSchema, 'images', 'listImages', options);
  }

  /** The Marketplace's droplet 1-Click apps (one unpaginated answer). */
  async listDropletOneClicks(options: CallContext = {}): Promise<DigitalOceanOneClick[]> {
    const query = { type: 'droplet' };
    const { data } = await this.#send({ method: 'GET', path: '/v2/1-clicks', query, schema: OneClicksResponseSchema, operation: 'listApps', ...signalOf(options) });
    return data['1_clicks'];
  }

  /** Every page of one catalog collection (`sizes`, `regions`, `images`). */
  #listCatalog<Key extends string, Item>(
    path: string,
    query: Readonly<Record<string, string>>,
    schema: z.ZodType<PageEnvelope & Record<Key, Item[]>>,
    key: Key,
    operation: string,
    options: CallContext,
  ): Promise<Item[]> {
    return collectPages(async (page) => {
      const { data } = await this.#send({ method: 'GET', path, query: { ...query, per_page: this.pageSize, page }, schema, operation, ...signalOf(options) });
      return { items: data[key], envelope: data };
    }, this.pageSize);
  }

  /** `retry: false` for probes (health checks) that must answer quickly rather than persist. */
  async getAccount(options: CallContext & { readonly retry?: boolean } = {}): Promise<DigitalOceanAccount> {
    const { data } = await this.#send({
      method: 'GET',
      path: '/v2/account',
      schema: AccountResponseSchema,
      operation: 'getAccount',
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...signalOf(options),
    });
    return data.account;
  }

  async #send<T>(request: HttpRequest<T>): Promise<{ data: T; status: number; headers: Headers }> {
    await this.#hourlyLimiter?.acquire(1, request.signal);
    return this.#http.request(request);
  }
}

function signalOf(options: CallContext): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}

/**
 * The API of one provider instance: bearer auth with the token, the per-minute and per-hour
 * budgets (held when `ratelimit-remaining` reaches 0), retries with backoff for what is safe
 * to repeat, and DigitalOcean's error normalizer.
 */
export function createDigitalOceanApi(setup: ConnectSetup<DigitalOceanSettings, string>): DigitalOceanApi {
  const { settings, credentials: token, now, sleep, random, logger, instanceName } = setup;
  const limiters = createDigitalOceanRateLimiters({ ...settings.rateLimits, now, sleep });
  const http = createHttpClient({
    providerId: DIGITALOCEAN_PROVIDER_ID,
    // The paths carry `/v2`; a base URL that already ends with it would double it.
    baseUrl: settings.baseUrl.replace(/\/+$/, '').replace(/\/v2$/, ''),
    ...(setup.fetch ? { fetch: setup.fetch } : {}),
    timeoutMs: settings.timeoutMs,
    headers: { authorization: `Bearer ${token}` },
    retry: {
      ...settings.retry,
      shouldRetry: (error) => {
        if (!ProviderSdkError.isInstance(error) || !error.retryable) return false;
        const operation = error.operation ?? '';
        if (NEVER_REPEATED.has(operation)) return false;
        return !REPEATED_ONLY_WHEN_THROTTLED.has(operation) || error.code === 'RATE_LIMIT_EXCEEDED';
      },
      sleep,
      random,
      onRetry: ({ attempt, delayMs, error }) =>
        logger?.warn(
          { provider: instanceName, attempt, delayMs, code: (error as { code?: string }).code, operation: (error as { operation?: string }).operation },
          'DigitalOcean call retried',
        ),
    },
    rateLimiter: limiters.perMinute,
    normalizeError: (response) => normalizeDigitalOceanError(response, { now }),
    secrets: [token],
    onResponse: ({ headers }) => limiters.observe(headers),
    now,
  });
  return new DigitalOceanApi({ http, hourlyLimiter: limiters.perHour, pageSize: settings.pageSize });
}
