import { z } from 'zod';
import type { HttpClient, HttpRequest, TokenBucketRateLimiter } from '@ohf/provider-sdk';
import { AccountResponseSchema, type DigitalOceanAccount } from './account-schema.js';
import { DropletActionResponseSchema, type DropletActionResponse } from './action-schema.js';
import {
  ImagesPageSchema,
  RegionsPageSchema,
  SizesPageSchema,
  type DigitalOceanImage,
  type DigitalOceanRegion,
  type DigitalOceanSize,
} from './catalog-schemas.js';
import { MAX_DROPLETS_PER_CREATE, type DropletCreateRequest } from './droplet-create-request.js';
import {
  DropletCreateResponseSchema,
  DropletResponseSchema,
  DropletSchema,
  type Droplet,
} from './droplet-schema.js';
import { collectPages, PageEnvelopeSchema, type Page } from './pagination.js';

const DropletsPageSchema = PageEnvelopeSchema.extend({ droplets: z.array(DropletSchema) });
// 204 answers have no body.
const NoContentSchema = z.unknown();

/** The droplet action types this provider sends (`boot` is DigitalOcean's `power_on`). */
export type DropletActionType = 'power_on' | 'shutdown' | 'reboot' | 'power_off';

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
    return collectPages(async (page) => {
      const { data } = await this.#send({
        method: 'GET',
        path: '/v2/sizes',
        query: { per_page: this.pageSize, page },
        schema: SizesPageSchema,
        operation: 'listSizes',
        ...signalOf(options),
      });
      return { items: data.sizes, envelope: data };
    }, this.pageSize);
  }

  listRegions(options: CallContext = {}): Promise<DigitalOceanRegion[]> {
    return collectPages(async (page) => {
      const { data } = await this.#send({
        method: 'GET',
        path: '/v2/regions',
        query: { per_page: this.pageSize, page },
        schema: RegionsPageSchema,
        operation: 'listRegions',
        ...signalOf(options),
      });
      return { items: data.regions, envelope: data };
    }, this.pageSize);
  }

  /** Distribution images (`type=distribution`) or the account's own (`private=true`). */
  listImages(filter: { readonly type: 'distribution' } | { readonly private: true }, options: CallContext = {}): Promise<DigitalOceanImage[]> {
    const query = 'type' in filter ? { type: filter.type } : { private: 'true' };
    return collectPages(async (page) => {
      const { data } = await this.#send({
        method: 'GET',
        path: '/v2/images',
        query: { ...query, per_page: this.pageSize, page },
        schema: ImagesPageSchema,
        operation: 'listImages',
        ...signalOf(options),
      });
      return { items: data.images, envelope: data };
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
