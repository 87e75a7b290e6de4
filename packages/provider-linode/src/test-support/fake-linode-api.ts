import { http, HttpResponse, type HttpHandler } from 'msw';
import type { LinodeInstance } from '../linode-api-schemas/linode-instance-schema.js';

/** A call that reached the fake, as the wire saw it. */
export interface RecordedLinodeCall {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly filter: unknown;
  readonly authorization: string | null;
  readonly body: unknown;
}

export type FakeFailureKind = 'rate_limit' | 'server_error' | 'unauthorized' | 'forbidden';
export type FakeCallKind = 'create' | 'describe' | 'terminate' | 'list';

interface PendingFailure {
  kind: FakeFailureKind;
  times: number;
  retryAfterSeconds?: number | undefined;
  operation?: FakeCallKind | undefined;
}

const FAILURE_STATUS: Record<FakeFailureKind, number> = { rate_limit: 429, server_error: 500, unauthorized: 401, forbidden: 403 };
const FAILURE_REASON: Record<FakeFailureKind, string> = {
  rate_limit: 'Too many requests',
  server_error: 'Please try again',
  unauthorized: 'Invalid Token',
  forbidden: 'You are not authorized to perform this action',
};

/**
 * An in-process Linode API v4 behind msw: instances with X-Filter (`id`, `tags`, `+or`,
 * `+and`), pagination, create/delete/actions, catalog and profile, plus fault injection.
 * It speaks the wire format only, so the provider's real HTTP client is what gets tested.
 */
export class FakeLinodeApi {
  readonly baseUrl: string;
  readonly instances = new Map<number, LinodeInstance>();
  readonly calls: RecordedLinodeCall[] = [];
  readonly token: string;
  #nextId = 1000;
  #failures: PendingFailure[] = [];
  #capacity = Number.POSITIVE_INFINITY;
  #counts: Record<FakeCallKind, number> = { create: 0, describe: 0, terminate: 0, list: 0 };
  /** Instances answer `provisioning` this many lists after creation, then `running`. */
  provisioningReads = 1;
  #reads = new Map<number, number>();
  /** Extra headers on every answer (e.g. rate-limit headers). */
  responseHeaders: Record<string, string> = {};

  constructor(options: { baseUrl?: string; token?: string } = {}) {
    this.baseUrl = options.baseUrl ?? 'https://api.linode.test/v4';
    this.token = options.token ?? 'test-token-0123456789';
  }

  reset(): void {
    this.instances.clear();
    this.calls.length = 0;
    this.#failures = [];
    this.#capacity = Number.POSITIVE_INFINITY;
    this.#counts = { create: 0, describe: 0, terminate: 0, list: 0 };
    this.#reads.clear();
    this.provisioningReads = 1;
    this.responseHeaders = {};
  }

  /** The next `times` calls (of `operation` only, when given) fail as `kind`. */
  failNextCall(kind: FakeFailureKind, options: { times?: number; retryAfterSeconds?: number; operation?: FakeCallKind } = {}): void {
    this.#failures.push({ kind, times: options.times ?? 1, retryAfterSeconds: options.retryAfterSeconds, operation: options.operation });
  }

  limitCapacity(maxMachines: number): void {
    this.#capacity = maxMachines;
  }

  callCount(kind: FakeCallKind): number {
    return this.#counts[kind];
  }

  removeOutOfBand(id: string): void {
    this.instances.delete(Number(id));
  }

  /** Puts an instance in the cloud as if created earlier (e.g. by a crashed attempt). */
  seed(instance: Partial<LinodeInstance> & { tags: string[] }): LinodeInstance {
    const id = instance.id ?? this.#nextId++;
    const full: LinodeInstance = {
      id,
      label: `seeded-${id}`,
      status: 'running',
      region: 'us-east',
      type: 'g6-standard-2',
      image: 'linode/debian12',
      ipv4: [`203.0.113.${id % 250}`],
      ipv6: null,
      created: '2026-01-01T00:00:00',
      ...instance,
    };
    this.instances.set(id, full);
    return full;
  }

  get handlers(): HttpHandler[] {
    const base = this.baseUrl;
    return [
      http.get(`${base}/linode/instances`, ({ request }) => this.#answer(request, undefined, () => this.#list(request))),
      http.post(`${base}/linode/instances`, async ({ request }) => {
        const body = await request.json();
        return this.#answer(request, body, () => this.#create(body as Record<string, unknown>));
      }),
      http.delete(`${base}/linode/instances/:id`, ({ request, params }) =>
        this.#answer(request, undefined, () => this.#delete(Number(params['id']))),
      ),
      http.post(`${base}/linode/instances/:id/:action`, ({ request, params }) =>
        this.#answer(request, undefined, () => this.#action(Number(params['id']), String(params['action']))),
      ),
      http.get(`${base}/linode/types`, ({ request }) =>
        this.#answer(request, undefined, () =>
          this.#page(request, [
            { id: 'g6-nanode-1', label: 'Nanode 1GB', class: 'nanode', vcpus: 1, memory: 1024, disk: 25600, gpus: 0, transfer: 1000, price: { hourly: 0.0075, monthly: 5 } },
            {
              id: 'g6-standard-2',
              label: 'Linode 4GB',
              class: 'standard',
              vcpus: 2,
              memory: 4096,
              disk: 81920,
              gpus: 0,
              transfer: 4000,
              price: { hourly: 0.036, monthly: 24 },
              region_prices: [{ id: 'id-cgk', hourly: 0.043, monthly: 28.8 }],
            },
            { id: 'g1-gpu-rtx6000-1', label: 'Dedicated 32GB + RTX6000 GPU x1', class: 'gpu', vcpus: 8, memory: 32768, disk: 655360, gpus: 1, transfer: 16000, price: { hourly: 1.5, monthly: 1000 } },
          ]),
        ),
      ),
      http.get(`${base}/images`, ({ request }) =>
        this.#answer(request, undefined, () =>
          this.#page(request, [
            { id: 'linode/debian12', label: 'Debian 12', vendor: 'Debian', status: 'available', is_public: true, deprecated: false },
            { id: 'linode/ubuntu24.04', label: 'Ubuntu 24.04 LTS', vendor: 'Ubuntu', status: 'available', is_public: true, deprecated: false },
          ]),
        ),
      ),
      http.get(`${base}/regions`, ({ request }) =>
        this.#answer(request, undefined, () =>
          this.#page(request, [
            { id: 'us-east', label: 'Newark, NJ', country: 'us', status: 'ok', capabilities: ['Linodes', 'Metadata'] },
            { id: 'eu-west', label: 'London, UK', country: 'gb', status: 'outage', capabilities: ['Linodes', 'GPU Linodes'] },
            { id: 'us-sea', label: 'Seattle, WA', country: 'us', status: 'ok', capabilities: ['Object Storage'] },
          ]),
        ),
      ),
      http.get(`${base}/linode/stackscripts`, ({ request }) =>
        this.#answer(request, undefined, () =>
          this.#page(request, [
            {
              id: 401,
              label: 'WordPress One-Click',
              username: 'linode',
              description: 'WordPress One-Click',
              images: ['linode/ubuntu24.04', 'linode/debian12'],
              mine: false,
              is_public: true,
              deployments_active: 9120,
              updated: '2025-06-01T00:00:00',
              user_defined_fields: [{ name: 'soa_email_address', label: 'Email address for the SOA record' }],
              script: '#!/bin/bash',
            },
            { id: 7001, label: 'ohf-bootstrap', username: 'ohf-test', description: '', images: ['any/all'], mine: true, is_public: false },
            // One of Linode's helper scripts, not a Marketplace app.
            { id: 1, label: 'StackScript Bash Library', username: 'linode', description: 'Helper functions', images: ['any/all'], mine: false, is_public: true },
          ]),
        ),
      ),
      http.get(`${base}/profile`, ({ request }) =>
        this.#answer(request, undefined, () => HttpResponse.json({ username: 'ohf-test', uid: 7, restricted: false })),
      ),
    ];
  }

  #answer(request: Request, body: unknown, respond: () => Response): Response {
    const url = new URL(request.url);
    const rawFilter = request.headers.get('x-filter');
    const filter: unknown = rawFilter ? JSON.parse(rawFilter) : undefined;
    this.calls.push({
      method: request.method,
      path: url.pathname.slice(new URL(this.baseUrl).pathname.length),
      query: Object.fromEntries(url.searchParams),
      filter,
      authorization: request.headers.get('authorization'),
      body,
    });
    const kind = callKind(request.method, url.pathname, filter);
    if (kind) this.#counts[kind] += 1;
    const failureAt = this.#failures.findIndex((pending) => pending.operation === undefined || pending.operation === kind);
    const failure = this.#failures[failureAt];
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.#failures.splice(failureAt, 1);
      return HttpResponse.json(
        { errors: [{ reason: FAILURE_REASON[failure.kind] }] },
        {
          status: FAILURE_STATUS[failure.kind],
          headers: failure.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(failure.retryAfterSeconds) },
        },
      );
    }
    if (request.headers.get('authorization') !== `Bearer ${this.token}`) {
      return HttpResponse.json({ errors: [{ reason: 'Invalid Token' }] }, { status: 401 });
    }
    const response = respond();
    for (const [name, value] of Object.entries(this.responseHeaders)) response.headers.set(name, value);
    return response;
  }

  #list(request: Request): Response {
    const rawFilter = request.headers.get('x-filter');
    const filter = rawFilter ? (JSON.parse(rawFilter) as Record<string, unknown>) : {};
    const matching = [...this.instances.values()].filter((instance) => matches(instance, filter));
    for (const instance of matching) {
      const reads = (this.#reads.get(instance.id) ?? 0) + 1;
      this.#reads.set(instance.id, reads);
      if (instance.status === 'provisioning' && reads > this.provisioningReads) instance.status = 'running';
    }
    return this.#page(request, matching.map((instance) => ({ ...instance })));
  }

  #page(request: Request, items: unknown[]): Response {
    const url = new URL(request.url);
    const page = Number(url.searchParams.get('page') ?? '1');
    const pageSize = Number(url.searchParams.get('page_size') ?? '100');
    if (!(pageSize >= 25 && pageSize <= 500)) {
      return HttpResponse.json({ errors: [{ field: 'page_size', reason: 'Must be 25-500' }] }, { status: 400 });
    }
    const pages = Math.max(1, Math.ceil(items.length / pageSize));
    return HttpResponse.json({ data: items.slice((page - 1) * pageSize, page * pageSize), page, pages, results: items.length });
  }

  #create(body: Record<string, unknown>): Response {
    for (const field of ['region', 'type', 'label'] as const) {
      if (typeof body[field] !== 'string') return HttpResponse.json({ errors: [{ field, reason: `${field} is required` }] }, { status: 400 });
    }
    if ([...this.instances.values()].some((instance) => instance.label === body['label'])) {
      return HttpResponse.json({ errors: [{ field: 'label', reason: 'Label must be unique among your linodes' }] }, { status: 400 });
    }
    if (this.instances.size >= this.#capacity) {
      return HttpResponse.json(
        { errors: [{ field: 'type', reason: 'The requested plan is currently unavailable in this region' }] },
        { status: 400 },
      );
    }
    const id = this.#nextId++;
    const instance: LinodeInstance = {
      id,
      label: body['label'] as string,
      status: 'provisioning',
      region: body['region'] as string,
      type: body['type'] as string,
      image: (body['image'] as string | undefined) ?? null,
      ipv4: [`203.0.113.${id % 250}`, ...(body['private_ip'] ? [`192.168.${128 + (id % 100)}.${id % 250}`] : [])],
      ipv6: null,
      tags: (body['tags'] as string[] | undefined) ?? [],
      created: '2026-01-01T00:00:00',
    };
    this.instances.set(id, instance);
    return HttpResponse.json(instance);
  }

  #delete(id: number): Response {
    if (!this.instances.delete(id)) return HttpResponse.json({ errors: [{ reason: 'Not found' }] }, { status: 404 });
    return HttpResponse.json({});
  }

  #action(id: number, action: string): Response {
    const instance = this.instances.get(id);
    if (!instance) return HttpResponse.json({ errors: [{ reason: 'Not found' }] }, { status: 404 });
    const next: Record<string, string> = { boot: 'booting', shutdown: 'shutting_down', reboot: 'rebooting' };
    const status = next[action];
    if (!status) return HttpResponse.json({ errors: [{ reason: 'Not found' }] }, { status: 404 });
    instance.status = status;
    return HttpResponse.json({});
  }
}

function callKind(method: string, pathname: string, filter: unknown): FakeCallKind | undefined {
  if (method === 'POST' && pathname.endsWith('/linode/instances')) return 'create';
  if (method === 'DELETE' && /\/linode\/instances\/[^/]+$/.test(pathname)) return 'terminate';
  if (method === 'GET' && pathname.endsWith('/linode/instances')) {
    return JSON.stringify(filter ?? {}).includes('"id"') ? 'describe' : 'list';
  }
  return undefined;
}

/** The subset of Linode's X-Filter language the provider sends. */
function matches(instance: LinodeInstance, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => {
    if (key === '+or') return (value as Record<string, unknown>[]).some((part) => matches(instance, part));
    if (key === '+and') return (value as Record<string, unknown>[]).every((part) => matches(instance, part));
    if (key === 'tags') return (instance.tags ?? []).includes(value as string);
    return (instance as Record<string, unknown>)[key] === value;
  });
}
