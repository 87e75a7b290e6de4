import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { DigitalOceanApi } from '../../digitalocean-api.js';
import { createDigitalOceanProvider, type DigitalOceanProvider } from '../../digitalocean-provider.js';
import type { DigitalOceanSettingsInput } from '../../digitalocean-settings.js';
import { digitalOceanRequestTag } from '../../digitalocean-tags.js';
import { ContractFetch } from '../contract-fetch.js';
import { createRequest, webTemplate } from '../fixtures.js';
import { TestClock } from '../test-clock.js';

// Every client operation against a Prism mock of the official DigitalOcean specification
// (started by the global setup): a request that does not conform fails the test.
const baseUrl = inject('digitalOceanPrismUrl');
const contract = new ContractFetch();
let clock: TestClock;

function provider(settings: DigitalOceanSettingsInput = {}): DigitalOceanProvider {
  return createDigitalOceanProvider(
    { token: 'dop_v1_contract_test_token', baseUrl, ...settings },
    { instanceName: 'do-contract', fetch: contract.fetch, now: clock.now, sleep: clock.sleep, random: () => 0.5, env: {} },
  );
}

const isCreate = (method: string, path: string): boolean => method === 'POST' && path === '/v2/droplets';

beforeEach(() => {
  contract.reset();
  clock = new TestClock();
});

afterEach(() => {
  expect(contract.violations(), 'requests that violate the DigitalOcean spec').toEqual([]);
});

describe('DigitalOcean contract (Prism mock of the official spec)', () => {
  it('notices a request that breaks the spec (so the checks below mean something)', async () => {
    await contract.fetch(`${baseUrl}/v2/droplets`, {
      method: 'POST',
      headers: { authorization: 'Bearer dop_v1_contract_test_token', 'content-type': 'application/json' },
      body: JSON.stringify({ names: ['not_valid'], size: 's-1vcpu-1gb', image: 'ubuntu-24-04-x64' }),
    });
    expect(contract.violations().map(({ violation }) => violation.location.join('.'))).toContain('request.body.names.0');
    contract.reset();
  });

  it('creates 12 droplets on a later try as a lookup by tag and two multi-creates of 10 and 2', async () => {
    contract.prefer('example=Multiple Droplet Create Response', isCreate);
    const result = await provider().createInstances(createRequest(12, { attempt: 2 }));
    expect(contract.calls.map((call) => `${call.method} ${call.path.split('?')[0]} ${call.status}`)).toEqual([
      'GET /v2/droplets 200',
      'POST /v2/droplets 202',
      'POST /v2/droplets 202',
    ]);
    expect(result.failures).toEqual([]);
    expect(result.instances.length).toBeGreaterThan(0);
    expect(result.instances[0]).toMatchObject({ state: 'pending', rawState: 'new' });
  });

  it('creates through the single-droplet answer shape too', async () => {
    const result = await provider().createInstances(createRequest(1));
    expect(result.instances).toHaveLength(1);
  });

  it('creates a droplet from a Marketplace app: its slug is the image', async () => {
    const template = { ...webTemplate, providerOptions: { digitalocean: { ...webTemplate.providerOptions?.['digitalocean'], image: 'wordpress-20-04' } } };
    const result = await provider().createInstances(createRequest(1, { template }));
    expect(result.instances).toHaveLength(1);
    const creates = contract.calls.filter((call) => isCreate(call.method, call.path));
    expect(creates.map((call) => [call.status, (call.body as { image?: unknown }).image])).toEqual([[202, 'wordpress-20-04']]);
  });

  it('describes droplets from list pages, and fetches single droplets when that is cheaper', async () => {
    const described = await provider().describeInstances(['3164444', '3164459']);
    expect(described.map((instance) => instance.id)).toEqual(['3164444', '3164459']);
    expect(described[0]).toMatchObject({ state: 'running', privateIpAddress: '10.128.192.124', publicIpAddress: '192.241.165.154', instanceType: 's-1vcpu-1gb', location: 'nyc3' });

    contract.reset();
    // One droplet per page: the example's 3 droplets make 3 pages, so 1 missing id costs 1 get.
    await provider({ pageSize: 1 }).describeInstances(['424242']);
    expect(contract.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /v2/droplets?per_page=1&page=1', 'GET /v2/droplets/424242']);
  });

  it('finds droplets by tag', async () => {
    const requestId = createRequest(1).requestId;
    await provider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: requestId });
    expect(contract.calls.map((call) => call.path)).toEqual([`/v2/droplets?tag_name=${encodeURIComponent(digitalOceanRequestTag(requestId))}&per_page=200&page=1`]);
  });

  it('finds droplets by name and by tag key from the list pages', async () => {
    const digitalOcean = provider();
    const [described] = await digitalOcean.describeInstances(['3164444']);
    const found = await digitalOcean.findInstancesByName([described!.name!, 'nobody-has-this-name']);
    expect(found.map((instance) => instance.id)).toEqual(['3164444']);
    await digitalOcean.findInstancesByTagKey(OHF_TAG_KEYS.requestId);
    expect(contract.calls.slice(-2).map((call) => call.path)).toEqual(['/v2/droplets?per_page=200&page=1', '/v2/droplets?per_page=200&page=1']);
  });

  it('releases a request by deleting its tagged droplets in one call', async () => {
    const requestId = createRequest(1).requestId;
    await provider().releaseRequestResources(requestId);
    expect(contract.calls[0]?.path).toBe(`/v2/droplets?tag_name=${encodeURIComponent(digitalOceanRequestTag(requestId))}&per_page=200&page=1`);
  });

  it('terminates by id and by tag', async () => {
    expect(await provider().terminateInstances(['3164444'])).toEqual({ terminated: ['3164444'], alreadyGone: [], failures: [] });
    await provider().terminateByTag(digitalOceanRequestTag('req-1'));
    expect(contract.calls.map((call) => `${call.method} ${call.status}`)).toEqual(['DELETE 204', 'DELETE 204']);
  });

  it('performs boot, shutdown and reboot', async () => {
    const digitalOcean = provider();
    for (const action of ['boot', 'shutdown', 'reboot'] as const) {
      expect(await digitalOcean.performAction('3164444', action)).toMatchObject({ id: '3164444', action, actionId: expect.stringMatching(/^\d+$/) });
    }
    expect(contract.calls.map((call) => call.status)).toEqual([201, 201, 201]);
  });

  it('reads the catalog, the account and the health', async () => {
    const digitalOcean = provider();
    expect((await digitalOcean.listSizes())[0]).toMatchObject({
      id: 's-1vcpu-1gb',
      vcpus: 1,
      memoryMiB: 1024,
      diskGiB: 25,
      monthlyPriceUsd: 5,
      transferGb: 1000,
      architecture: 'x86_64',
      gpus: 0,
    });
    // The specification's example lists a kubernetes app beside the droplet one.
    expect(await digitalOcean.listApps()).toEqual([{ id: 'wordpress-18-04', name: 'wordpress-18-04', kind: 'marketplace', imageIds: ['wordpress-18-04'] }]);
    expect((await digitalOcean.listLocations())[0]).toMatchObject({ id: 'nyc3', available: true });
    expect((await digitalOcean.listImages()).length).toBeGreaterThan(0);
    expect(await digitalOcean.validateCredentials()).toMatchObject({ valid: true });
    expect(await digitalOcean.healthCheck()).toMatchObject({ status: 'healthy' });
    expect(await digitalOcean.validateTemplate(createRequest(1).template)).toMatchObject({ errors: [] });
  });

  describe('forced errors', () => {
    it('backs off and retries a 429 that carries no Retry-After, then reports RATE_LIMIT_EXCEEDED', async () => {
      contract.prefer('code=429');
      await expect(provider().findInstancesByTag({})).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true });
      expect(contract.calls.map((call) => call.status)).toEqual([429, 429, 429, 429]);
      expect(clock.sleeps).toEqual([100, 200, 400]);
    });

    it('retries a 500 and reports API_ERROR', async () => {
      contract.prefer('code=500');
      await expect(provider().listSizes()).rejects.toMatchObject({ code: 'API_ERROR', retryable: true, statusCode: 500 });
      expect(contract.calls).toHaveLength(4);
    });

    it('does not repeat a create answered with 500 and throws it, retryable, when nothing was made', async () => {
      contract.prefer('code=500', isCreate);
      await expect(provider().createInstances(createRequest(3))).rejects.toMatchObject({ code: 'API_ERROR', retryable: true });
      expect(contract.calls.filter((call) => call.method === 'POST')).toHaveLength(1);
    });

    it('repeats a create refused with 429 and throws it, retryable, when the refusals persist', async () => {
      contract.prefer('code=429', isCreate);
      await expect(provider().createInstances(createRequest(3))).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true });
      expect(contract.calls.filter((call) => call.method === 'POST')).toHaveLength(4);
    });

    it('treats a 404 on delete as already gone', async () => {
      contract.prefer('code=404');
      expect(await provider().terminateInstances(['3164444'])).toEqual({ terminated: [], alreadyGone: ['3164444'], failures: [] });
    });

    it('reports a rejected token as invalid credentials and an unhealthy provider', async () => {
      contract.prefer('code=401');
      expect(await provider().validateCredentials()).toMatchObject({ valid: false, code: 'INVALID_CREDENTIALS' });
      expect(await provider().healthCheck()).toMatchObject({ status: 'unhealthy', details: { code: 'INVALID_CREDENTIALS' } });
    });
  });

  it('never sends more than 10 names in one create, which Prism alone would accept', async () => {
    const api = new DigitalOceanApi({ http: { request: () => Promise.reject(new Error('not sent')) }, pageSize: 200 });
    const names = Array.from({ length: 11 }, (_, index) => `web-${index + 1}`);
    await expect(api.createDroplets({ names, region: 'nyc3', size: 's-1vcpu-1gb', image: 'ubuntu-24-04-x64', tags: [] })).rejects.toThrow(RangeError);
  });
});
