import { OHF_TAG_KEYS, type CreateInstancesRequestV1, type ProviderTemplateV1 } from '@ohf/provider-sdk';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLinodeProvider, type LinodeProvider, type LinodeProviderOptions } from './linode-provider.js';
import type { LinodeProviderSettingsInput } from './linode-settings.js';
import { FakeLinodeApi } from './test-support/fake-linode-api.js';

const api = new FakeLinodeApi();
const server = setupServer(...api.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => api.reset());

const REQUEST_ID = 'req-5d0c1c8e-2f7a-4b7e-9d55-6a1f0c3b9e21';

const template: ProviderTemplateV1 = {
  templateId: 'web-workers',
  imageId: 'linode/debian12',
  vmType: 'g6-standard-2',
  instanceTags: { team: 'hpc' },
  userData: '#cloud-config\npackages: [htop]\n',
  providerOptions: {
    linode: { region: 'us-east', authorized_keys: ['ssh-ed25519 AAAAC3Nz test@ohf'], private_ip: true },
  },
};

function request(count: number, overrides: Partial<CreateInstancesRequestV1> = {}): CreateInstancesRequestV1 {
  return {
    requestId: REQUEST_ID,
    template,
    count,
    idempotencyKey: REQUEST_ID,
    tags: { [OHF_TAG_KEYS.requestId]: REQUEST_ID, [OHF_TAG_KEYS.templateId]: template.templateId, [OHF_TAG_KEYS.providerInstance]: 'linode-main' },
    ...overrides,
  };
}

/** Deterministic sources: a counter for "random" integers, a clock that moves only when slept. */
function testContext(overrides: Partial<LinodeProviderOptions> = {}): LinodeProviderOptions & { slept: number[] } {
  let counter = 0;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const slept: number[] = [];
  return {
    instanceName: 'linode-main',
    env: {},
    now: () => clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    randomInt: (max) => (counter++ * 7 + 3) % max,
    slept,
    ...overrides,
  };
}

function provider(settings: LinodeProviderSettingsInput = {}, context: Partial<LinodeProviderOptions> = {}): LinodeProvider {
  return createLinodeProvider({ token: api.token, baseUrl: api.baseUrl, ...settings }, testContext(context));
}

describe('createInstances', () => {
  it('on a later try looks up the request by tag, then sends one create per machine with labels, tags, keys and user data', async () => {
    const result = await provider().createInstances(request(2, { attempt: 2 }));

    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /linode/instances',
      'POST /linode/instances',
      'POST /linode/instances',
    ]);
    expect(api.calls[0]?.filter).toMatchInlineSnapshot(`
      {
        "+and": [
          {
            "tags": "ohf-req:req-5d0c1c8e-2f7a-4b7e-9d55-6a1f0c3b9e21",
          },
          {
            "tags": "ohf-pi:linode-main",
          },
        ],
      }
    `);
    const body = api.calls[1]?.body as Record<string, unknown>;
    expect(body['root_pass']).toMatch(/^.{40}$/);
    expect({ ...body, root_pass: '<generated>' }).toMatchInlineSnapshot(`
      {
        "authorized_keys": [
          "ssh-ed25519 AAAAC3Nz test@ohf",
        ],
        "image": "linode/debian12",
        "label": "ohf-web-workers-5d0c1c8e-qx4bip",
        "metadata": {
          "user_data": "I2Nsb3VkLWNvbmZpZwpwYWNrYWdlczogW2h0b3BdCg==",
        },
        "private_ip": true,
        "region": "us-east",
        "root_pass": "<generated>",
        "tags": [
          "team:hpc",
          "ohf-req:req-5d0c1c8e-2f7a-4b7e-9d55-6a1f0c3b9e21",
          "ohf-tpl:web-workers",
          "ohf-pi:linode-main",
        ],
        "type": "g6-standard-2",
      }
    `);
    const labels = api.calls.slice(1).map((call) => (call.body as { label: string }).label);
    expect(new Set(labels).size).toBe(2);
    expect(api.calls.every((call) => call.authorization === `Bearer ${api.token}`)).toBe(true);

    expect(result.failures).toEqual([]);
    expect(result.instances).toHaveLength(2);
    expect(result.instances[0]).toMatchObject({
      state: 'pending',
      rawState: 'provisioning',
      instanceType: 'g6-standard-2',
      location: 'us-east',
      privateIpAddress: expect.stringMatching(/^192\.168\./),
      publicIpAddress: expect.stringMatching(/^203\.0\.113\./),
      launchTime: '2026-01-01T00:00:00.000Z',
      tags: {
        team: 'hpc',
        [OHF_TAG_KEYS.requestId]: REQUEST_ID,
        [OHF_TAG_KEYS.templateId]: 'web-workers',
        [OHF_TAG_KEYS.providerInstance]: 'linode-main',
      },
    });
  });

  it('never returns, logs or plans the root password', async () => {
    const logged: unknown[] = [];
    const log = (data: object, message?: string) => logged.push({ data, message });
    const linode = provider({}, { logger: { debug: log, info: log, warn: log, error: log } });
    const result = await linode.createInstances(request(1));
    const planned = await linode.createInstances(request(1), { dryRun: true });
    const password = (api.calls[0]?.body as { root_pass: string }).root_pass;

    expect(JSON.stringify([result, planned, logged])).not.toContain(password);
    expect((planned.plannedCalls?.[0]?.input as { root_pass: string }).root_pass).toBe('[REDACTED]');
  });

  it('generates a fresh password per machine and uses a template password as given', async () => {
    await provider().createInstances(request(2));
    const generated = api.calls.map((call) => (call.body as { root_pass: string }).root_pass);
    expect(generated[0]).not.toBe(generated[1]);

    api.reset();
    const withPassword = { ...template, providerOptions: { linode: { region: 'us-east', root_pass: 'c0rrect-Horse-battery' } } };
    await provider().createInstances(request(1, { template: withPassword }));
    expect((api.calls[0]?.body as { root_pass: string }).root_pass).toBe('c0rrect-Horse-battery');
  });

  it('sends no lookup before the first try of a request: nothing carries its tags yet', async () => {
    await provider().createInstances(request(2));
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /linode/instances', 'POST /linode/instances']);
  });

  it('creates only the shortfall when machines of the request already exist', async () => {
    const tags = ['ohf-req:' + REQUEST_ID, 'ohf-pi:linode-main'];
    const kept = api.seed({ tags, status: 'running' });
    api.seed({ tags, status: 'deleting' });
    api.seed({ tags: ['ohf-req:' + REQUEST_ID, 'ohf-pi:linode-other'] });

    const result = await provider().createInstances(request(3, { attempt: 2 }));

    expect(api.callCount('create')).toBe(2);
    expect(result.instances.map((instance) => instance.id)).toContain(String(kept.id));
    expect(result.instances).toHaveLength(3);
    expect(result.providerMetadata).toEqual({ existingCount: 1, createdCount: 2 });
  });

  it('a retried request whose machines all exist sends no create', async () => {
    const linode = provider();
    const first = await linode.createInstances(request(2));
    const second = await linode.createInstances(request(2, { attempt: 2 }));

    expect(api.callCount('create')).toBe(2);
    expect(second.instances.map((instance) => instance.id).sort()).toEqual(first.instances.map((instance) => instance.id).sort());
  });

  it('reports the machines it could not create as failures with a code (partial fulfilment)', async () => {
    api.limitCapacity(2);
    const result = await provider().createInstances(request(5));

    expect(result.instances).toHaveLength(2);
    expect(result.failures).toEqual([
      {
        code: 'INSUFFICIENT_CAPACITY',
        message: 'linode createInstance failed with HTTP 400: type: The requested plan is currently unavailable in this region',
        retryable: false,
        count: 3,
        instanceType: 'g6-standard-2',
        location: 'us-east',
      },
    ]);
    // Once Linode says the plan is out, the rest of the request is not sent.
    expect(api.callCount('create')).toBeLessThan(2 + 3 + 1);
  });

  it('reports no capacity at all as failures, and throws other errors, when nothing could be created', async () => {
    api.limitCapacity(0);
    const full = await provider().createInstances(request(2));
    expect(full.instances).toEqual([]);
    expect(full.failures).toMatchObject([{ code: 'INSUFFICIENT_CAPACITY', retryable: false, count: 2 }]);

    api.limitCapacity(Number.POSITIVE_INFINITY);
    api.failNextCall('forbidden', { operation: 'create' });
    await expect(provider().createInstances(request(1))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('retries a create Linode throttled, waiting as Retry-After says, and does not repeat one that failed with 5xx', async () => {
    const context = testContext();
    const linode = createLinodeProvider({ token: api.token, baseUrl: api.baseUrl }, context);
    server.use(
      http.post(`${api.baseUrl}/linode/instances`, () => HttpResponse.json({ errors: [{ reason: 'slow down' }] }, { status: 429, headers: { 'Retry-After': '3' } }), {
        once: true,
      }),
    );
    const throttled = await linode.createInstances(request(1));
    expect(throttled.instances).toHaveLength(1);
    expect(context.slept).toContain(3000);

    api.reset();
    api.seed({ tags: ['ohf-req:' + REQUEST_ID, 'ohf-pi:linode-main'] });
    api.failNextCall('server_error', { times: 1 });
    // The lookup fails first and is retried (a read is safe to repeat).
    const twoMore = await linode.createInstances(request(3, { attempt: 2 }));
    expect(twoMore.instances).toHaveLength(3);

    api.reset();
    server.use(http.post(`${api.baseUrl}/linode/instances`, () => HttpResponse.json({ errors: [{ reason: 'boom' }] }, { status: 500 }), { once: true }));
    const partial = await linode.createInstances(request(2));
    expect(partial.instances).toHaveLength(1);
    expect(partial.failures).toEqual([expect.objectContaining({ code: 'API_ERROR', retryable: true, count: 1 })]);
  });

  it('plans the calls without sending any in a dry run', async () => {
    const planned = await provider().createInstances(request(2), { dryRun: true });
    expect(api.calls).toEqual([]);
    expect(planned.instances).toEqual([]);
    expect(planned.plannedCalls?.map((call) => call.operation)).toEqual(['POST /linode/instances', 'POST /linode/instances']);
    const retry = await provider().createInstances(request(2, { attempt: 2 }), { dryRun: true });
    expect(retry.plannedCalls?.map((call) => call.operation)).toEqual(['GET /linode/instances', 'POST /linode/instances', 'POST /linode/instances']);
  });

  it('maps vpc, firewall and placement options onto the create body', async () => {
    const networked: ProviderTemplateV1 = {
      templateId: 'private',
      providerOptions: {
        linode: {
          region: 'us-east',
          type: 'g6-nanode-1',
          image: 'linode/ubuntu24.04',
          firewall_id: 42,
          placement_group_id: 7,
          vpc: { subnet_id: 99, nat_1_1: 'any' },
          booted: false,
          label_prefix: 'hpc',
          tags: ['cost-center-12'],
        },
      },
    };
    await provider().createInstances(request(1, { template: networked, tags: {} }));
    const body = api.calls[0]?.body as Record<string, unknown>;
    expect({ ...body, root_pass: '<generated>' }).toMatchInlineSnapshot(`
      {
        "booted": false,
        "firewall_id": 42,
        "image": "linode/ubuntu24.04",
        "interfaces": [
          {
            "purpose": "public",
          },
          {
            "ipv4": {
              "nat_1_1": "any",
            },
            "purpose": "vpc",
            "subnet_id": 99,
          },
        ],
        "label": "hpc-private-5d0c1c8e-qx4bip",
        "placement_group": {
          "id": 7,
        },
        "region": "us-east",
        "root_pass": "<generated>",
        "tags": [
          "ohf-req:req-5d0c1c8e-2f7a-4b7e-9d55-6a1f0c3b9e21",
          "ohf-tpl:private",
          "ohf-pi:linode-main",
          "cost-center-12",
        ],
        "type": "g6-nanode-1",
      }
    `);
  });

  it('rejects invalid template options naming the field, before any call', async () => {
    const bad = { ...template, providerOptions: { linode: { region: 'us-east', firewall_id: 'abc' } } };
    await expect(provider().createInstances(request(1, { template: bad }))).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'providerOptions.linode.firewall_id',
    });
    const noType = { templateId: 'x', imageId: 'linode/debian12', providerOptions: { linode: { region: 'us-east' } } };
    await expect(provider().createInstances(request(1, { template: noType }))).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'providerOptions.linode.type',
    });
    expect(api.calls).toEqual([]);
  });
});

describe('describeInstances', () => {
  it('reads N machines in ⌈N / page size⌉ filtered list calls, not one call per machine', async () => {
    const seeded = Array.from({ length: 60 }, () => api.seed({ tags: [] }));
    const ids = seeded.map((instance) => String(instance.id));

    const instances = await provider({ pageSize: 25 }).describeInstances(ids);

    expect(instances.map((instance) => instance.id)).toEqual(ids);
    expect(api.callCount('describe')).toBe(3);
    expect(api.calls[0]?.query).toEqual({ page: '1', page_size: '25' });
    expect(api.calls[0]?.filter).toEqual({ '+or': ids.slice(0, 25).map((id) => ({ id: Number(id) })) });
  });

  it('leaves out machines that are gone and ids that cannot be Linode ids', async () => {
    const kept = api.seed({ tags: [], status: 'offline' });
    const instances = await provider().describeInstances([String(kept.id), '999999', 'i-0abc']);
    expect(instances).toEqual([expect.objectContaining({ id: String(kept.id), state: 'stopped', rawState: 'offline' })]);
    expect(api.calls[0]?.filter).toEqual({ '+or': [{ id: kept.id }, { id: 999999 }] });
  });

  it('keeps an unknown status as unknown with the raw status', async () => {
    const odd = api.seed({ tags: [], status: 'hibernating' });
    const [instance] = await provider().describeInstances([String(odd.id)]);
    expect(instance).toMatchObject({ state: 'unknown', rawState: 'hibernating' });
    expect(api.calls[0]?.filter).toEqual({ id: odd.id });
  });

  it('sends no call for no ids', async () => {
    expect(await provider().describeInstances([])).toEqual([]);
    expect(api.calls).toEqual([]);
  });
});

describe('findInstancesByTag', () => {
  it('follows every page of a tag query', async () => {
    for (let index = 0; index < 30; index += 1) api.seed({ tags: ['ohf-tpl:web-workers'] });
    api.seed({ tags: ['ohf-tpl:other'] });

    const found = await provider({ pageSize: 25 }).findInstancesByTag({ [OHF_TAG_KEYS.templateId]: 'web-workers' });

    expect(found).toHaveLength(30);
    expect(api.calls.map((call) => call.query['page'])).toEqual(['1', '2']);
    expect(api.calls[0]?.filter).toEqual({ tags: 'ohf-tpl:web-workers' });
  });
});

describe('findInstancesByName', () => {
  it('finds machines by label, 100 labels per filtered list call, never one call per name', async () => {
    const seeded = Array.from({ length: 150 }, (_, index) => api.seed({ tags: [], label: `worker-${index}` }));
    const names = [...seeded.map((instance) => instance.label), 'nobody-has-this-label'];

    const found = await provider().findInstancesByName(names);

    expect(found.map((instance) => instance.name).sort()).toEqual(seeded.map((instance) => instance.label).sort());
    expect(api.calls).toHaveLength(2);
    expect(api.calls[0]?.filter).toEqual({ '+or': names.slice(0, 100).map((label) => ({ label })) });
    expect(api.calls[1]?.filter).toEqual({ '+or': names.slice(100).map((label) => ({ label })) });
  });
});

describe('findInstancesByTagKey', () => {
  it('lists every machine carrying the key, whatever the value', async () => {
    const ours = [api.seed({ tags: ['ohf-req:req-a', 'team:hpc'] }), api.seed({ tags: ['ohf-req:req-b'] })];
    api.seed({ tags: ['team:hpc'] });

    const found = await provider({ pageSize: 25 }).findInstancesByTagKey(OHF_TAG_KEYS.requestId);

    expect(found.map((instance) => instance.id).sort()).toEqual(ours.map((instance) => String(instance.id)).sort());
    expect(found.map((instance) => instance.tags[OHF_TAG_KEYS.requestId]).sort()).toEqual(['req-a', 'req-b']);
  });
});

describe('releaseRequestResources', () => {
  it('deletes the machines tagged with the request, recorded or not, and leaves the others', async () => {
    const tagged = [api.seed({ tags: [`ohf-req:${REQUEST_ID}`] }), api.seed({ tags: [`ohf-req:${REQUEST_ID}`] })];
    const other = api.seed({ tags: ['ohf-req:req-other'] });

    const result = await provider().releaseRequestResources(REQUEST_ID);

    expect(result).toEqual({ released: [], terminated: tagged.map((instance) => String(instance.id)), alreadyGone: [], failures: [] });
    expect([...api.instances.keys()]).toEqual([other.id]);
    expect(await provider().releaseRequestResources(REQUEST_ID)).toEqual({ released: [], terminated: [], alreadyGone: [], failures: [] });
  });
});

describe('terminateInstances', () => {
  it('deletes each machine and counts one already gone (404) as success', async () => {
    const machine = api.seed({ tags: [] });
    const result = await provider().terminateInstances([String(machine.id), '424242', 'not-a-linode']);
    expect(result).toEqual({ terminated: [String(machine.id)], alreadyGone: ['424242', 'not-a-linode'], failures: [] });
    expect(api.instances.size).toBe(0);
  });

  it('plans the deletes without sending them in a dry run', async () => {
    const result = await provider().terminateInstances(['11', '12'], { dryRun: true });
    expect(result.plannedCalls?.map((call) => call.operation)).toEqual(['DELETE /linode/instances/11', 'DELETE /linode/instances/12']);
    expect(api.calls).toEqual([]);
  });

  it('reports failures per machine with their code', async () => {
    const machine = api.seed({ tags: [] });
    api.failNextCall('forbidden');
    const result = await provider().terminateInstances([String(machine.id)]);
    expect(result.failures).toEqual([
      { id: String(machine.id), code: 'FORBIDDEN', message: expect.stringContaining('HTTP 403'), retryable: false },
    ]);
  });
});

describe('secrets', () => {
  it('redacts the token and root passwords from transport errors that echo them', async () => {
    const secretToken = 'tok-5f3a9c0e-never-print-me';
    let sentPassword = '';
    const leakyFetch: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (init?.method === 'POST') {
        sentPassword = (JSON.parse(String(init.body)) as { root_pass: string }).root_pass;
        throw new Error(`socket hang up while sending ${String(init.body)}`);
      }
      if (url.pathname.endsWith('/linode/instances')) {
        return HttpResponse.json({ data: [], page: 1, pages: 1, results: 0 });
      }
      throw new Error(`proxy refused Authorization: Bearer ${secretToken}`);
    };
    const linode = createLinodeProvider({ token: secretToken, baseUrl: api.baseUrl, retry: { maxAttempts: 1 } }, testContext({ fetch: leakyFetch }));

    const createError = await linode.createInstances(request(1)).catch((error: Error) => error);
    expect(createError).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    expect(sentPassword).toHaveLength(40);
    expect((createError as Error).message).not.toContain(sentPassword);
    expect((createError as Error).message).toContain('[REDACTED]');
    expect(String(((createError as Error).cause as Error).message)).not.toContain(sentPassword);

    const readError = await linode.listSizes().catch((error: Error) => error);
    expect((readError as Error).message).not.toContain(secretToken);
    expect((readError as Error).message).toContain('[REDACTED]');
    expect(String(((readError as Error).cause as Error).message)).not.toContain(secretToken);
  });
});

describe('performAction', () => {
  it.each(['boot', 'shutdown', 'reboot'] as const)('%s posts to the instance action', async (action) => {
    const machine = api.seed({ tags: [], status: 'running' });
    expect(await provider().performAction(String(machine.id), action)).toEqual({ id: String(machine.id), action });
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual([`POST /linode/instances/${machine.id}/${action}`]);
  });

  it('plans the call on a dry run and sends nothing', async () => {
    expect(await provider().performAction('31337', 'shutdown', { dryRun: true })).toEqual({
      id: '31337',
      action: 'shutdown',
      plannedCalls: [{ service: 'linode', operation: 'POST /linode/instances/31337/shutdown', input: { linodeId: '31337' } }],
    });
    expect(api.calls).toEqual([]);
  });

  it('an unknown machine is MACHINE_NOT_FOUND', async () => {
    await expect(provider().performAction('31337', 'boot')).rejects.toMatchObject({ code: 'MACHINE_NOT_FOUND' });
  });
});

describe('catalog', () => {
  it('normalizes types (MB disk → GiB, prices, GPUs, transfer), images (OS family and version) and regions', async () => {
    const linode = provider();
    const sizes = await linode.listSizes();
    expect(sizes[1]).toEqual({
      id: 'g6-standard-2',
      name: 'Linode 4GB',
      vcpus: 2,
      memoryMiB: 4096,
      diskGiB: 80,
      hourlyPriceUsd: 0.036,
      monthlyPriceUsd: 24,
      gpus: 0,
      architecture: 'x86_64',
      transferGb: 4000,
      locations: ['us-east', 'eu-west'],
      providerMetadata: { class: 'standard', networkOutMbps: null, regionPrices: [{ id: 'id-cgk', hourly: 0.043, monthly: 28.8 }], successor: null },
    });
    // GPU plans run only where a region lists the "GPU Linodes" capability.
    expect(sizes[2]).toMatchObject({ id: 'g1-gpu-rtx6000-1', gpus: 1, hourlyPriceUsd: 1.5, monthlyPriceUsd: 1000, locations: ['eu-west'] });
    expect((await linode.listImages()).map(({ id, distribution, osFamily, osVersion }) => ({ id, distribution, osFamily, osVersion }))).toEqual([
      { id: 'linode/debian12', distribution: 'Debian', osFamily: 'debian', osVersion: '12' },
      { id: 'linode/ubuntu24.04', distribution: 'Ubuntu', osFamily: 'ubuntu', osVersion: '24.04' },
    ]);
    expect(await linode.listLocations()).toMatchObject([
      { id: 'us-east', country: 'us', available: true },
      { id: 'eu-west', available: false },
      { id: 'us-sea', available: true },
    ]);
  });

  it("lists the account's StackScripts and Linode's Marketplace ones as apps, in one filtered call, without Linode's helpers", async () => {
    const apps = await provider().listApps();
    expect(apps).toEqual([
      {
        id: '401',
        name: 'WordPress One-Click',
        kind: 'stackscript',
        description: 'WordPress One-Click',
        imageIds: ['linode/ubuntu24.04', 'linode/debian12'],
        providerMetadata: {
          username: 'linode',
          mine: false,
          isPublic: true,
          deploymentsActive: 9120,
          updated: '2025-06-01T00:00:00',
          userDefinedFields: [{ name: 'soa_email_address', label: 'Email address for the SOA record', default: null }],
        },
      },
      expect.objectContaining({ id: '7001', name: 'ohf-bootstrap', kind: 'stackscript', providerMetadata: expect.objectContaining({ mine: true }) }),
    ]);
    // `any/all` means any image: no imageIds.
    expect(apps[1]).not.toHaveProperty('imageIds');
    expect(api.calls.map((call) => [call.path, call.filter])).toEqual([
      ['/linode/stackscripts', { '+or': [{ mine: true }, { username: 'linode' }, { username: 'linode-stackscripts' }] }],
    ]);
  });

  it('caches catalog reads for the TTL and drops them on clearCatalogCache', async () => {
    let clock = 0;
    const linode = provider({ catalogCacheTtlMs: 1000 }, { now: () => clock });
    await linode.listImages();
    await linode.listImages();
    await Promise.all([linode.listLocations(), linode.listLocations()]);
    expect(api.calls).toHaveLength(2);

    clock = 1001;
    await linode.listImages();
    expect(api.calls).toHaveLength(3);

    linode.clearCatalogCache();
    await linode.listImages();
    expect(api.calls).toHaveLength(4);
  });
});

describe('credentials and health', () => {
  it('a missing token fails with MISSING_CREDENTIALS naming the variable, before any call', async () => {
    const linode = createLinodeProvider({ baseUrl: api.baseUrl }, testContext());
    await expect(linode.initialize()).rejects.toMatchObject({ code: 'MISSING_CREDENTIALS', message: expect.stringContaining('LINODE_TOKEN') });
    await expect(linode.describeInstances(['1'])).rejects.toMatchObject({ code: 'MISSING_CREDENTIALS' });
    expect(await linode.validateCredentials()).toMatchObject({ valid: false, code: 'MISSING_CREDENTIALS' });
    expect(await linode.healthCheck()).toMatchObject({ status: 'unhealthy', details: { code: 'MISSING_CREDENTIALS' } });
    expect(api.calls).toEqual([]);
  });

  it('reads the token from the environment variable', async () => {
    const linode = createLinodeProvider({ baseUrl: api.baseUrl }, testContext({ env: { LINODE_TOKEN: api.token } }));
    expect(await linode.validateCredentials()).toEqual({ valid: true, username: 'ohf-test', restricted: false });
  });

  it('a rejected token is invalid, and never appears in the message', async () => {
    const secret = 'secret-token-that-must-not-leak';
    const linode = createLinodeProvider({ baseUrl: api.baseUrl, token: secret }, testContext());
    const check = await linode.validateCredentials();
    expect(check).toMatchObject({ valid: false, code: 'INVALID_CREDENTIALS' });
    await expect(linode.describeInstances(['1'])).rejects.toSatisfy((error: Error) => !error.message.includes(secret));
  });

  it('health check reports latency from the profile endpoint', async () => {
    let clock = 0;
    server.use(
      http.get(`${api.baseUrl}/profile`, () => {
        clock += 42;
        return HttpResponse.json({ username: 'ohf-test' });
      }),
    );
    const health = await provider({}, { now: () => clock }).healthCheck();
    expect(health).toEqual({
      status: 'healthy',
      latencyMs: 42,
      // The time the answer came: what the status describes.
      checkedAt: new Date(42).toISOString(),
      details: { endpoint: '/profile', username: 'ohf-test', restricted: false },
    });
  });

  it('health is degraded when throttled and unhealthy when Linode is down', async () => {
    api.failNextCall('rate_limit');
    expect((await provider().healthCheck()).status).toBe('degraded');
    api.failNextCall('server_error');
    expect((await provider().healthCheck()).status).toBe('unhealthy');
  });
});

describe('rate limits', () => {
  it('pauses when Linode says the window is used up, until X-RateLimit-Reset', async () => {
    const context = testContext();
    const linode = createLinodeProvider({ token: api.token, baseUrl: api.baseUrl }, context);
    const resetAt = Math.floor(context.now!() / 1000) + 30;
    api.responseHeaders = { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt) };
    await linode.listSizes();
    api.responseHeaders = {};
    await linode.listImages();
    expect(context.slept).toEqual([30_000]);
  });

  it('spaces instance creates at the configured rate (10 per 30 s by default)', async () => {
    const context = testContext();
    const linode = createLinodeProvider({ token: api.token, baseUrl: api.baseUrl, concurrency: 1 }, context);
    await linode.createInstances(request(12));
    expect(api.callCount('create')).toBe(12);
    expect(context.slept.reduce((total, ms) => total + ms, 0)).toBe(30_000);
  });

  it('retries throttled reads with backoff even without Retry-After', async () => {
    const context = testContext();
    const linode = createLinodeProvider({ token: api.token, baseUrl: api.baseUrl }, context);
    api.failNextCall('rate_limit', { times: 2 });
    await linode.listLocations();
    expect(context.slept).toEqual([100, 200]);
  });

  it('gives up when the retry budget is spent', async () => {
    const linode = provider({ retry: { budgetMs: 150 } });
    api.failNextCall('server_error', { times: 5 });
    await expect(linode.listImages()).rejects.toMatchObject({ code: 'API_ERROR', retryable: true });
    expect(api.calls).toHaveLength(2);
  });
});

describe('validateTemplate', () => {
  it('accepts a template whose region, type and image exist', async () => {
    expect(await provider().validateTemplate(template)).toEqual({ errors: [], warnings: [] });
  });

  it('names every problem field', async () => {
    const result = await provider().validateTemplate({
      templateId: 'bad',
      priceType: 'spot',
      imageId: 'linode/windows',
      vmType: 'g6-standard-2',
      keyName: 'my-aws-key',
      providerOptions: { linode: { region: 'mars-1' } },
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ field: 'priceType', code: 'PRICING_MODEL_UNSUPPORTED' }),
      expect.objectContaining({ field: 'providerOptions.linode.region' }),
      expect.objectContaining({ field: 'providerOptions.linode.image' }),
    ]);
    expect(result.warnings).toEqual([expect.objectContaining({ field: 'keyName' })]);
  });

  it('reports schema problems of providerOptions.linode', async () => {
    const result = await provider().validateTemplate({ templateId: 'bad', providerOptions: { linode: { zone: 'x' } } });
    expect(result.errors.map((error) => error.field)).toEqual(expect.arrayContaining(['providerOptions.linode.region']));
    expect(api.calls).toEqual([]);
  });

  it('refuses StackScript answers that are not strings, answers without a StackScript, and a misspelled option with the one meant', async () => {
    const check = (linode: Record<string, unknown>) => provider().validateTemplate({ ...template, providerOptions: { linode: { region: 'us-east', ...linode } } });
    expect((await check({ stackscript_id: 10079, stackscript_data: { site_title: 'Docs', workers: 4 } })).errors).toEqual([
      expect.objectContaining({ field: 'providerOptions.linode.stackscript_data.workers', message: 'stackscript_data values must be strings' }),
    ]);
    expect((await check({ stackscript_data: { site_title: 'Docs' } })).errors).toEqual([
      expect.objectContaining({ field: 'providerOptions.linode.stackscript_data', message: 'stackscript_data answers a StackScript: give stackscript_id too' }),
    ]);
    expect((await check({ stackscript_idd: 10079 })).errors).toEqual([
      expect.objectContaining({ field: 'providerOptions.linode', message: expect.stringContaining('"stackscript_idd" is not an option; did you mean "stackscript_id"?') }),
    ]);
    expect(api.calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });
});

describe('settings', () => {
  it('rejects invalid settings naming the field', () => {
    expect(() => createLinodeProvider({ pageSize: 1000 })).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'config.pageSize' }));
  });

  it('uses global fetch unless one is injected', async () => {
    const fetchSpy = vi.fn(globalThis.fetch);
    await provider({}, { fetch: fetchSpy }).listImages();
    expect(fetchSpy).toHaveBeenCalledOnce();
  });
});
