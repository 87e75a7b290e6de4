import { OHF_TAG_KEYS, type CreateInstancesRequestV1, type ProviderTemplateV1 } from '@ohf/provider-sdk';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLinodeProvider, type LinodeProviderOptions } from '../../linode-provider.js';
import type { LinodeProviderSettingsInput } from '../../linode-settings.js';

/**
 * Every client operation against a Prism mock of Linode's official OpenAPI document. Prism
 * answers a request that breaks the document with 422 and lists why in `sl-violations`;
 * any violation located in the request fails the test. (Linode's own examples break its
 * response schemas, so response violations are not ours to fix.)
 */

interface Violation {
  readonly location: readonly string[];
  readonly message: string;
}

const origin = inject('linodePrismOrigin');
const baseUrl = `${origin}/v4`;
const requestViolations: { url: string; method: string; violations: Violation[] }[] = [];
let calls: { method: string; url: string; status: number; filter: string | null; body: unknown }[] = [];
/** `Prefer` headers for the next calls, e.g. ['code=429'] (Prism forces that answer). */
let preferQueue: string[] = [];

const checkingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const prefer = preferQueue.shift();
  if (prefer) request.headers.set('Prefer', prefer);
  const sent = request.method === 'POST' ? await request.clone().text() : '';
  const response = await fetch(request);
  calls.push({ method: request.method, url: request.url, status: response.status, filter: request.headers.get('x-filter'), body: sent === '' ? undefined : JSON.parse(sent) });
  const header = response.headers.get('sl-violations');
  if (header) {
    const violations = (JSON.parse(header) as Violation[]).filter((violation) => violation.location[0] === 'request');
    if (violations.length > 0) requestViolations.push({ url: request.url, method: request.method, violations });
  }
  return response;
};

function context(slept: number[] = []): LinodeProviderOptions {
  let counter = 0;
  let clock = Date.parse('2026-01-01T00:00:00Z');
  return {
    instanceName: 'linode-contract',
    env: {},
    fetch: checkingFetch,
    // No real waiting: retries and rate-limit pauses are recorded and move a virtual clock.
    now: () => clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    randomInt: (max) => (counter++ * 11 + 5) % max,
  };
}

function provider(settings: LinodeProviderSettingsInput = {}, slept: number[] = []) {
  return createLinodeProvider({ token: 'contract-test-token', baseUrl, ...settings }, context(slept));
}

const REQUEST_ID = 'req-7b2f3c1d-8e4a-4f6b-9c0d-1e2f3a4b5c6d';

function createRequest(template: ProviderTemplateV1, count: number): CreateInstancesRequestV1 {
  return {
    requestId: REQUEST_ID,
    template,
    count,
    idempotencyKey: REQUEST_ID,
    tags: { [OHF_TAG_KEYS.requestId]: REQUEST_ID, [OHF_TAG_KEYS.templateId]: template.templateId, [OHF_TAG_KEYS.providerInstance]: 'linode-contract' },
  };
}

beforeEach(() => {
  requestViolations.length = 0;
  calls = [];
  preferQueue = [];
});

afterEach(() => {
  expect(requestViolations, 'requests that break the Linode OpenAPI document').toEqual([]);
});

describe('the violation check', () => {
  it('catches a request that breaks the document (so a clean run means something)', async () => {
    await checkingFetch(`${baseUrl}/linode/instances?page_size=1000`, { headers: { authorization: 'Bearer x' } });
    expect(requestViolations).toEqual([
      expect.objectContaining({ violations: [expect.objectContaining({ location: ['request', 'query', 'page_size'] })] }),
    ]);
    requestViolations.length = 0;
  });
});

describe('Linode provider against the official OpenAPI document', () => {
  it('creates machines with keys, user data, private IP and a VPC interface', async () => {
    const template: ProviderTemplateV1 = {
      templateId: 'contract-workers',
      imageId: 'linode/debian12',
      vmType: 'g6-standard-2',
      instanceTags: { team: 'hpc' },
      userData: '#cloud-config\nruncmd: [echo ok]\n',
      providerOptions: {
        linode: {
          region: 'us-east',
          authorized_keys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIContract contract@ohf'],
          authorized_users: ['ops'],
          private_ip: true,
          firewall_id: 9000,
          placement_group_id: 528,
          backups_enabled: false,
          swap_size: 512,
          booted: true,
          vpc: { subnet_id: 101, nat_1_1: 'any' },
          tags: ['contract-test'],
        },
      },
    };
    const result = await provider().createInstances({ ...createRequest(template, 2), attempt: 2 });

    // A later try looks its machines up first; Prism's example instance carries other tags, so none counts as ours: two creates follow.
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname} ${call.status}`)).toEqual([
      'GET /v4/linode/instances 200',
      'POST /v4/linode/instances 200',
      'POST /v4/linode/instances 200',
    ]);
    expect(result.instances).toHaveLength(2);
    expect(result.instances[0]).toMatchObject({ id: '123', state: 'running', rawState: 'running', location: 'us-east' });
  });

  it('creates with explicit interfaces and a template root password', async () => {
    const template: ProviderTemplateV1 = {
      templateId: 'vlan',
      providerOptions: {
        linode: {
          region: 'us-east',
          type: 'g6-nanode-1',
          image: 'linode/ubuntu24.04',
          root_pass: 'c0rrect-Horse-battery-staple',
          interfaces: [{ purpose: 'public' }, { purpose: 'vlan', label: 'cluster-vlan', ipam_address: '10.0.0.1/24' }],
          label_prefix: 'hpc',
        },
      },
    };
    const result = await provider().createInstances(createRequest(template, 1));
    expect(result.instances).toHaveLength(1);
  });

  it('creates from a StackScript with its user-defined fields', async () => {
    const template: ProviderTemplateV1 = {
      templateId: 'wordpress',
      imageId: 'linode/ubuntu24.04',
      vmType: 'g6-standard-2',
      providerOptions: { linode: { region: 'us-east', stackscript_id: 10079, stackscript_data: { gh_username: 'ohf-ops', site_title: 'Docs' } } },
    };
    const result = await provider().createInstances(createRequest(template, 1));
    expect(result.instances).toHaveLength(1);
    const creates = calls.filter((call) => call.method === 'POST');
    expect(creates.map((call) => call.status)).toEqual([200]);
    expect(creates[0]?.body).toMatchObject({ image: 'linode/ubuntu24.04', stackscript_id: 10079, stackscript_data: { gh_username: 'ohf-ops', site_title: 'Docs' } });
  });

  it('describes many machines in ⌈N / 500⌉ filtered list calls', async () => {
    const ids = Array.from({ length: 600 }, (_, index) => String(10_000_000 + index));
    const instances = await provider().describeInstances(ids);
    expect(calls).toHaveLength(2);
    expect(calls.every((call) => new URL(call.url).searchParams.get('page_size') === '500')).toBe(true);
    expect(JSON.parse(calls[0]?.filter ?? '{}')['+or']).toHaveLength(500);
    // Prism's example instance has id 123, which none of these ids is.
    expect(instances).toEqual([]);

    const [example] = await provider().describeInstances(['123']);
    expect(example).toMatchObject({ id: '123', name: 'linode123', instanceType: 'g6-standard-1', publicIpAddress: '203.0.113.1' });
  });

  it('finds machines by tag', async () => {
    await provider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: REQUEST_ID, [OHF_TAG_KEYS.templateId]: 'contract-workers' });
    expect(JSON.parse(calls[0]?.filter ?? '{}')).toEqual({
      '+and': [{ tags: `ohf-req:${REQUEST_ID}` }, { tags: 'ohf-tpl:contract-workers' }],
    });
  });

  it('finds machines by label with one filtered list call', async () => {
    const found = await provider().findInstancesByName(['linode123', 'ip-10-0-57-7.ec2.internal']);
    expect(JSON.parse(calls[0]?.filter ?? '{}')).toEqual({ '+or': [{ label: 'linode123' }, { label: 'ip-10-0-57-7.ec2.internal' }] });
    expect(found.map((instance) => instance.id)).toEqual(['123']);
  });

  it('lists the account\'s machines to find those with a tag key', async () => {
    const found = await provider().findInstancesByTagKey(OHF_TAG_KEYS.requestId);
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname} ${call.status}`)).toEqual(['GET /v4/linode/instances 200']);
    // Prism's example instance carries other tags.
    expect(found).toEqual([]);
  });

  it('terminates machines; one already gone (404) is success', async () => {
    expect(await provider().terminateInstances(['123', '456'])).toEqual({ terminated: ['123', '456'], alreadyGone: [], failures: [] });
    preferQueue = ['code=404'];
    expect(await provider({ concurrency: 1 }).terminateInstances(['789'])).toEqual({ terminated: [], alreadyGone: ['789'], failures: [] });
  });

  it.each(['boot', 'shutdown', 'reboot'] as const)('performs %s', async (action) => {
    expect(await provider().performAction('123', action)).toEqual({ id: '123', action });
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname} ${call.status}`)).toEqual([
      `POST /v4/linode/instances/123/${action} 200`,
    ]);
  });

  it('reads the catalog: types, images, regions', async () => {
    const linode = provider();
    const [sizes, images, locations] = await Promise.all([linode.listSizes(), linode.listImages(), linode.listLocations()]);
    expect(sizes[0]).toMatchObject({ id: 'g6-standard-2', vcpus: 2, memoryMiB: 4096, diskGiB: 80, hourlyPriceUsd: 0.03, monthlyPriceUsd: 20, gpus: 0, architecture: 'x86_64', transferGb: 4000, locations: ['us-east'] });
    expect(images[0]).toMatchObject({ id: 'linode/debian11', name: 'Debian 11', osFamily: 'debian', osVersion: '11' });
    expect(locations[0]).toMatchObject({ id: 'us-east', country: 'us', available: true });
  });

  it('lists StackScripts as apps with the own-and-Marketplace X-Filter', async () => {
    const apps = await provider().listApps();
    expect(apps[0]).toMatchObject({ id: '10079', name: 'a-stackscript', kind: 'stackscript', imageIds: ['linode/debian9', 'linode/debian8'] });
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname} ${call.status} ${call.filter}`)).toEqual([
      'GET /v4/linode/stackscripts 200 {"+or":[{"mine":true},{"username":"linode"},{"username":"linode-stackscripts"}]}',
    ]);
  });

  it('validates credentials and reports health from the profile endpoint', async () => {
    const linode = provider();
    expect(await linode.validateCredentials()).toEqual({ valid: true, username: 'exampleUser', restricted: false });
    expect(await linode.healthCheck()).toMatchObject({ status: 'healthy', details: { username: 'exampleUser' } });
  });

  it('validates a template against the catalog', async () => {
    const result = await provider().validateTemplate({
      templateId: 'checked',
      imageId: 'linode/debian11',
      vmType: 'g6-standard-2',
      providerOptions: { linode: { region: 'us-east' } },
    });
    expect(result).toEqual({ errors: [], warnings: [] });
  });
});

describe('forced error answers', () => {
  it('429 without Retry-After: the client still backs off, then succeeds', async () => {
    const slept: number[] = [];
    preferQueue = ['code=429', 'code=429'];
    const images = await provider({}, slept).listImages();
    expect(images).toHaveLength(1);
    expect(calls.map((call) => call.status)).toEqual([429, 429, 200]);
    expect(slept).toEqual([100, 200]);
  });

  it('429 on create is retried (Linode did not act); the machine is created once', async () => {
    const slept: number[] = [];
    preferQueue = ['code=429'];
    const template: ProviderTemplateV1 = {
      templateId: 'throttled',
      imageId: 'linode/debian12',
      vmType: 'g6-standard-2',
      providerOptions: { linode: { region: 'us-east' } },
    };
    const result = await provider({}, slept).createInstances(createRequest(template, 1));
    expect(result.instances).toHaveLength(1);
    expect(calls.map((call) => `${call.method} ${call.status}`)).toEqual(['POST 429', 'POST 200']);
    expect(slept.length).toBeGreaterThan(0);
  });

  it('500 is retried with backoff until the attempts run out, then API_ERROR (retryable)', async () => {
    const slept: number[] = [];
    preferQueue = ['code=500', 'code=500', 'code=500', 'code=500'];
    await expect(provider({}, slept).listLocations()).rejects.toMatchObject({ code: 'API_ERROR', retryable: true, statusCode: 500 });
    expect(calls.map((call) => call.status)).toEqual([500, 500, 500, 500]);
    expect(slept).toEqual([100, 200, 400]);
  });

  it('500 on create is not repeated blindly: it is a retryable failure for the next attempt', async () => {
    preferQueue = ['', 'code=500'];
    const template: ProviderTemplateV1 = {
      templateId: 'flaky',
      imageId: 'linode/debian12',
      vmType: 'g6-standard-2',
      providerOptions: { linode: { region: 'us-east' } },
    };
    const result = await provider({ concurrency: 1 }).createInstances(createRequest(template, 2));
    expect(result.instances).toHaveLength(1);
    expect(result.failures).toEqual([expect.objectContaining({ code: 'API_ERROR', retryable: true, count: 1 })]);
  });

  it('401 → INVALID_CREDENTIALS; validateCredentials says invalid', async () => {
    preferQueue = ['code=401'];
    expect(await provider().validateCredentials()).toMatchObject({ valid: false, code: 'INVALID_CREDENTIALS' });
    preferQueue = ['code=401'];
    await expect(provider().describeInstances(['123'])).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', retryable: false });
  });

  it('404 on an action → MACHINE_NOT_FOUND', async () => {
    preferQueue = ['code=404'];
    await expect(provider().performAction('123', 'reboot')).rejects.toMatchObject({ code: 'MACHINE_NOT_FOUND' });
  });
});
