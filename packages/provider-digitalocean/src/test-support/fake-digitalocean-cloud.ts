import type { ConformanceHarness } from '@ohf/provider-sdk/testing';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { dropletOnTheWire, error, IMAGES, notFound, ONE_CLICKS, REGIONS, SIZES } from './fake-digitalocean-wire.js';

/** A droplet as the fake cloud keeps it (the wire shape of the API v2 specification). */
export interface FakeDroplet {
  id: number;
  name: string;
  status: 'new' | 'active' | 'off' | 'archive' | string;
  size_slug: string;
  region: string;
  image: string | number;
  tags: string[];
  vpc_uuid: string;
  created_at: string;
  reads: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body?: unknown;
}

export type FakeFault = 'rate_limit' | 'server_error' | 'unauthorized' | 'forbidden';
export type FakeOperation = 'create' | 'describe' | 'terminate' | 'list';

export interface FakeDigitalOceanCloudOptions {
  readonly baseUrl?: string;
  /** The only token accepted; others get 401. */
  readonly token?: string;
  /** Clock for `created_at`. */
  readonly now?: () => number;
}

const DROPLET_LIMIT_MESSAGE = 'creating this/these droplet(s) will exceed your droplet limit';
const CAPACITY_MESSAGE = 'Size is not available in this region right now.';

/**
 * An in-memory DigitalOcean API v2 served through msw handlers: droplets (create with
 * `names`, list with `tag_name` and pages, get, delete, delete by tag, actions), sizes,
 * regions, images and the account. It counts the calls that reach it and can inject faults,
 * so tests see what a real client sends and how it reacts to the cloud's answers.
 * A droplet is `new` when created and `active` (with addresses) from the next read on.
 */
export class FakeDigitalOceanCloud implements ConformanceHarness {
  readonly baseUrl: string;
  readonly token: string;
  readonly droplets = new Map<number, FakeDroplet>();
  readonly requests: RecordedRequest[] = [];
  readonly handlers: HttpHandler[];
  readonly #now: () => number;
  #nextId = 100_001;
  #counts: Record<FakeOperation, number> = { create: 0, describe: 0, terminate: 0, list: 0 };
  #faults: { kind: FakeFault; times: number; retryAfterSeconds?: number; operation?: FakeOperation }[] = [];
  #capacity = Number.POSITIVE_INFINITY;
  #dropletLimit = Number.POSITIVE_INFINITY;
  #rateLimitHeaders: Record<string, string> = {};

  constructor(options: FakeDigitalOceanCloudOptions = {}) {
    this.baseUrl = (options.baseUrl ?? 'https://api.digitalocean.com').replace(/\/+$/, '');
    this.token = options.token ?? 'dop_v1_fake_token_for_tests';
    this.#now = options.now ?? (() => Date.UTC(2025, 0, 1));
    this.handlers = this.#createHandlers();
  }

  // ----- ConformanceHarness -----

  reset(): void {
    this.droplets.clear();
    this.requests.length = 0;
    this.#nextId = 100_001;
    this.#counts = { create: 0, describe: 0, terminate: 0, list: 0 };
    this.#faults = [];
    this.#capacity = Number.POSITIVE_INFINITY;
    this.#dropletLimit = Number.POSITIVE_INFINITY;
    this.#rateLimitHeaders = {};
  }

  /** The next `times` calls (of `operation` only, when given) get the fault instead of an answer. */
  failNextCall(kind: FakeFault, options: { times?: number; retryAfterSeconds?: number; operation?: FakeOperation } = {}): void {
    this.#faults.push({
      kind,
      times: options.times ?? 1,
      ...(options.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
      ...(options.operation === undefined ? {} : { operation: options.operation }),
    });
  }

  /** Creates that would take the region past `maxMachines` droplets are refused as unavailable. */
  limitCapacity(maxMachines: number): void {
    this.#capacity = maxMachines;
  }

  callCount(operation: FakeOperation): number {
    return this.#counts[operation];
  }

  removeOutOfBand(id: string): void {
    this.droplets.delete(Number(id));
  }

  // ----- test helpers -----

  /** The account's droplet limit: creates beyond it get DigitalOcean's droplet-limit answer. */
  limitDroplets(maxDroplets: number): void {
    this.#dropletLimit = maxDroplets;
  }

  /** Headers sent on every answer, e.g. `{ 'ratelimit-remaining': '0', 'ratelimit-reset': '…' }`. */
  setRateLimitHeaders(headers: Record<string, string>): void {
    this.#rateLimitHeaders = headers;
  }

  /** Adds droplets directly, as if someone created them outside this provider. */
  seed(count: number, template: Partial<Omit<FakeDroplet, 'id'>> = {}): FakeDroplet[] {
    return Array.from({ length: count }, () => this.#insert(template));
  }

  /** Calls of one method and path (e.g. 'POST', '/v2/droplets'). */
  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  // ----- the API -----

  #createHandlers(): HttpHandler[] {
    const url = (path: string): string => `${this.baseUrl}${path}`;
    return [
      http.get(url('/v2/droplets'), ({ request }) =>
        this.#serve(request, 'list', undefined, () => {
          const query = new URL(request.url).searchParams;
          const tag = query.get('tag_name');
          const matching = [...this.droplets.values()].filter((droplet) => tag === null || droplet.tags.some((candidate) => candidate.toLowerCase() === tag.toLowerCase()));
          return this.#page(request, 'droplets', matching.map((droplet) => this.#read(droplet)));
        }),
      ),
      http.post(url('/v2/droplets'), async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        return this.#serve(request, 'create', body, () => this.#create(body));
      }),
      http.delete(url('/v2/droplets'), ({ request }) =>
        this.#serve(request, 'terminate', undefined, () => {
          const tag = new URL(request.url).searchParams.get('tag_name');
          if (!tag) return error(400, 'bad_request', 'tag_name is required');
          for (const droplet of [...this.droplets.values()]) {
            if (droplet.tags.some((candidate) => candidate.toLowerCase() === tag.toLowerCase())) this.droplets.delete(droplet.id);
          }
          return new HttpResponse(null, { status: 204 });
        }),
      ),
      http.get(url('/v2/droplets/:id'), ({ request, params }) =>
        this.#serve(request, 'describe', undefined, () => {
          const droplet = this.droplets.get(Number(params['id']));
          if (!droplet) return notFound();
          return HttpResponse.json({ droplet: this.#read(droplet) });
        }),
      ),
      http.delete(url('/v2/droplets/:id'), ({ request, params }) =>
        this.#serve(request, 'terminate', undefined, () => {
          if (!this.droplets.delete(Number(params['id']))) return notFound();
          return new HttpResponse(null, { status: 204 });
        }),
      ),
      http.post(url('/v2/droplets/:id/actions'), async ({ request, params }) => {
        const body = (await request.json()) as { type?: string };
        return this.#serve(request, undefined, body, () => {
          const droplet = this.droplets.get(Number(params['id']));
          if (!droplet) return notFound();
          const nextStatus: Record<string, string> = { power_on: 'active', reboot: 'active', power_off: 'off', shutdown: 'off' };
          const status = nextStatus[body.type ?? ''];
          if (!status) return error(422, 'unprocessable_entity', `type ${body.type} is not a supported action`);
          droplet.status = status;
          return HttpResponse.json(
            { action: { id: 36_000_000 + droplet.id, status: 'in-progress', type: body.type, started_at: this.#isoNow(), completed_at: null, resource_id: droplet.id, resource_type: 'droplet', region_slug: droplet.region } },
            { status: 201 },
          );
        });
      }),
      http.get(url('/v2/sizes'), ({ request }) => this.#serve(request, undefined, undefined, () => this.#page(request, 'sizes', SIZES))),
      http.get(url('/v2/regions'), ({ request }) => this.#serve(request, undefined, undefined, () => this.#page(request, 'regions', REGIONS))),
      http.get(url('/v2/images'), ({ request }) =>
        this.#serve(request, undefined, undefined, () => {
          const query = new URL(request.url).searchParams;
          const images = query.get('private') === 'true' ? IMAGES.filter((image) => !image.public) : IMAGES.filter((image) => image.type === 'base' && image.public);
          return this.#page(request, 'images', images);
        }),
      ),
      http.get(url('/v2/1-clicks'), ({ request }) =>
        this.#serve(request, undefined, undefined, () => {
          const type = new URL(request.url).searchParams.get('type');
          return HttpResponse.json({ '1_clicks': ONE_CLICKS.filter((oneClick) => type === null || oneClick.type === type) });
        }),
      ),
      http.get(url('/v2/account'), ({ request }) =>
        this.#serve(request, undefined, undefined, () =>
          HttpResponse.json({ account: { droplet_limit: 25, floating_ip_limit: 5, email: 'sammy@example.com', uuid: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef', email_verified: true, status: 'active', status_message: '' } }),
        ),
      ),
    ];
  }

  async #serve(request: Request, operation: FakeOperation | undefined, body: unknown, answer: () => Response | Promise<Response>): Promise<Response> {
    const url = new URL(request.url);
    this.requests.push({
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(body === undefined ? {} : { body }),
    });
    if (operation) this.#counts[operation] += 1;
    const response = this.#fault(operation) ?? (request.headers.get('authorization') === `Bearer ${this.token}` ? await answer() : error(401, 'unauthorized', 'Unable to authenticate you'));
    for (const [name, value] of Object.entries(this.#rateLimitHeaders)) response.headers.set(name, value);
    return response;
  }

  #fault(operation: FakeOperation | undefined): Response | undefined {
    const index = this.#faults.findIndex((candidate) => candidate.operation === undefined || candidate.operation === operation);
    const fault = this.#faults[index];
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.#faults.splice(index, 1);
    switch (fault.kind) {
      case 'rate_limit': {
        const response = error(429, 'too_many_requests', 'API rate limit exceeded.');
        if (fault.retryAfterSeconds !== undefined) response.headers.set('retry-after', String(fault.retryAfterSeconds));
        return response;
      }
      case 'server_error': {
        const response = error(500, 'server_error', 'Unexpected server-side error');
        if (fault.retryAfterSeconds !== undefined) response.headers.set('retry-after', String(fault.retryAfterSeconds));
        return response;
      }
      case 'unauthorized':
        return error(401, 'unauthorized', 'Unable to authenticate you');
      case 'forbidden':
        return error(403, 'forbidden', 'You do not have access for the attempted action.');
    }
  }

  #create(body: Record<string, unknown>): Response {
    const names = Array.isArray(body['names']) ? (body['names'] as string[]) : typeof body['name'] === 'string' ? [body['name']] : [];
    if (names.length === 0) return error(422, 'unprocessable_entity', 'name is required');
    if (names.length > 10) return error(422, 'unprocessable_entity', 'You may only create up to 10 droplets at a time.');
    if (typeof body['size'] !== 'string' || !SIZES.some((size) => size.slug === body['size'])) return error(422, 'unprocessable_entity', 'You specified an invalid size for Droplet creation.');
    if (this.droplets.size + names.length > this.#dropletLimit) return error(422, 'unprocessable_entity', DROPLET_LIMIT_MESSAGE);
    if (this.droplets.size + names.length > this.#capacity) return error(422, 'unprocessable_entity', CAPACITY_MESSAGE);
    const created = names.map((name) =>
      this.#insert({
        name,
        size_slug: body['size'] as string,
        region: String(body['region'] ?? 'nyc3'),
        image: (body['image'] as string | number | undefined) ?? 'ubuntu-24-04-x64',
        tags: Array.isArray(body['tags']) ? (body['tags'] as string[]) : [],
        ...(typeof body['vpc_uuid'] === 'string' ? { vpc_uuid: body['vpc_uuid'] } : {}),
      }),
    );
    const droplets = created.map((droplet) => dropletOnTheWire(droplet));
    const links = { actions: created.map((droplet) => ({ id: 7_000_000 + droplet.id, rel: 'create', href: `${this.baseUrl}/v2/actions/${7_000_000 + droplet.id}` })) };
    return HttpResponse.json('names' in body ? { droplets, links } : { droplet: droplets[0], links }, { status: 202 });
  }

  #insert(template: Partial<Omit<FakeDroplet, 'id'>>): FakeDroplet {
    const droplet: FakeDroplet = {
      id: this.#nextId,
      name: `droplet-${this.#nextId}`,
      status: 'new',
      size_slug: 's-1vcpu-1gb',
      region: 'nyc3',
      image: 'ubuntu-24-04-x64',
      tags: [],
      vpc_uuid: '760e09ef-dc84-11e8-981e-3cfdfeaae000',
      created_at: this.#isoNow(),
      reads: 0,
      ...template,
    };
    this.#nextId += 1;
    this.droplets.set(droplet.id, droplet);
    return droplet;
  }

  #read(droplet: FakeDroplet): Record<string, unknown> {
    droplet.reads += 1;
    if (droplet.status === 'new' && droplet.reads > 1) droplet.status = 'active';
    return dropletOnTheWire(droplet);
  }

  #page(request: Request, key: string, items: readonly unknown[]): Response {
    const query = new URL(request.url).searchParams;
    const perPage = Number(query.get('per_page') ?? 20);
    const page = Number(query.get('page') ?? 1);
    if (!(perPage >= 1 && perPage <= 200)) return error(400, 'bad_request', 'per_page must be between 1 and 200');
    const pages = Math.max(1, Math.ceil(items.length / perPage));
    const link = (target: number): string => {
      const next = new URL(request.url);
      next.searchParams.set('page', String(target));
      return next.toString();
    };
    return HttpResponse.json({
      [key]: items.slice((page - 1) * perPage, page * perPage),
      links: { pages: page < pages ? { next: link(page + 1), last: link(pages) } : {} },
      meta: { total: items.length },
    });
  }

  #isoNow(): string {
    return new Date(this.#now()).toISOString();
  }
}
