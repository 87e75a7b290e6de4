import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOceanProvider, type DigitalOceanProvider } from './digitalocean-provider.js';
import type { DigitalOceanSettingsInput } from './digitalocean-settings.js';
import { digitalOceanRequestTag } from './digitalocean-tags.js';
import { FakeDigitalOceanCloud } from './test-support/fake-digitalocean-cloud.js';
import { TEST_TOKEN, createRequest, webTemplate } from './test-support/fixtures.js';
import { TestClock } from './test-support/test-clock.js';

const cloud = new FakeDigitalOceanCloud({ token: TEST_TOKEN });
const server = setupServer(...cloud.handlers);
let clock: TestClock;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  cloud.reset();
  clock = new TestClock();
});
afterEach(() => server.resetHandlers());

function provider(settings: DigitalOceanSettingsInput = {}): DigitalOceanProvider {
  return createDigitalOceanProvider(
    { token: TEST_TOKEN, ...settings },
    { instanceName: 'do-main', now: clock.now, sleep: clock.sleep, random: () => 0.5, env: {} },
  );
}

describe('createInstances', () => {
  it('creates 25 droplets on a later try in three calls of 10, 10 and 5, after one lookup by the request tag', async () => {
    const result = await provider().createInstances(createRequest(25, { attempt: 2 }));

    const creates = cloud.requestsTo('POST', '/v2/droplets');
    expect(creates.map((call) => (call.body as { names: string[] }).names.length)).toEqual([10, 10, 5]);
    expect(cloud.requestsTo('GET', '/v2/droplets').map((call) => call.query)).toEqual([
      { tag_name: 'ohf-req:req-0f8e2c1a-5b7d-4c3e-9a1f-2d6b8e4c7a90', per_page: '200', page: '1' },
    ]);
    expect(creates[0]?.body).toMatchInlineSnapshot(`
      {
        "image": "ubuntu-24-04-x64",
        "monitoring": true,
        "names": [
          "ohf-web-workers-0f8e2c1a-1",
          "ohf-web-workers-0f8e2c1a-2",
          "ohf-web-workers-0f8e2c1a-3",
          "ohf-web-workers-0f8e2c1a-4",
          "ohf-web-workers-0f8e2c1a-5",
          "ohf-web-workers-0f8e2c1a-6",
          "ohf-web-workers-0f8e2c1a-7",
          "ohf-web-workers-0f8e2c1a-8",
          "ohf-web-workers-0f8e2c1a-9",
          "ohf-web-workers-0f8e2c1a-10",
        ],
        "region": "nyc3",
        "size": "s-1vcpu-1gb",
        "ssh_keys": [
          289794,
          "3b:16:e4:bf:8b:00:8b:b8:59:8c:a9:d3:f0:19:fa:45",
        ],
        "tags": [
          "team:batch",
          "ohf-tpl:web_workers",
          "ohf-pi:do-main",
          "ohf-req:req-0f8e2c1a-5b7d-4c3e-9a1f-2d6b8e4c7a90",
        ],
        "user_data": "#cloud-config
      runcmd:
        - echo ready
      ",
        "vpc_uuid": "760e09ef-dc84-11e8-981e-3cfdfeaae000",
      }
    `);
    expect((creates[2]?.body as { names: string[] }).names).toMatchInlineSnapshot(`
      [
        "ohf-web-workers-0f8e2c1a-21",
        "ohf-web-workers-0f8e2c1a-22",
        "ohf-web-workers-0f8e2c1a-23",
        "ohf-web-workers-0f8e2c1a-24",
        "ohf-web-workers-0f8e2c1a-25",
      ]
    `);
    expect(result.instances).toHaveLength(25);
    expect(result.failures).toEqual([]);
    expect(result.instances[0]).toMatchObject({
      state: 'pending',
      rawState: 'new',
      instanceType: 's-1vcpu-1gb',
      location: 'nyc3',
      launchTime: '2025-01-01T00:00:00.000Z',
      tags: {
        'ohf:request-id': 'req-0f8e2c1a-5b7d-4c3e-9a1f-2d6b8e4c7a90',
        'ohf:template-id': 'web_workers',
        'ohf:provider-instance': 'do-main',
        team: 'batch',
      },
    });
  });

  it('creates 100 droplets in 10 calls', async () => {
    await provider().createInstances(createRequest(100));
    expect(cloud.callCount('create')).toBe(10);
    expect(cloud.droplets.size).toBe(100);
  });

  it('sends no lookup before the first try of a request: nothing carries its tags yet', async () => {
    await provider().createInstances(createRequest(12));
    expect(cloud.requestsTo('GET', '/v2/droplets')).toEqual([]);
    expect(cloud.callCount('create')).toBe(2);
  });

  it('is idempotent: a retried request finds its droplets by tag and creates only the shortfall', async () => {
    const digitalOcean = provider();
    const first = await digitalOcean.createInstances(createRequest(12));
    const again = await digitalOcean.createInstances(createRequest(12, { attempt: 2 }));
    expect(cloud.callCount('create')).toBe(2);
    expect(again.instances.map((instance) => instance.id).sort()).toEqual(first.instances.map((instance) => instance.id).sort());

    // Three of them vanished before the retry: only those three are made again, in one call.
    for (const instance of first.instances.slice(0, 3)) cloud.removeOutOfBand(instance.id);
    const topped = await digitalOcean.createInstances(createRequest(12, { attempt: 3 }));
    expect(cloud.callCount('create')).toBe(3);
    expect((cloud.requestsTo('POST', '/v2/droplets')[2]?.body as { names: string[] }).names).toEqual([
      'ohf-web-workers-0f8e2c1a-10',
      'ohf-web-workers-0f8e2c1a-11',
      'ohf-web-workers-0f8e2c1a-12',
    ]);
    expect(topped.instances).toHaveLength(12);
    expect(topped.providerMetadata).toEqual({ existingCount: 9, createdCount: 3 });
    expect(cloud.requestsTo('GET', '/v2/droplets').at(-1)?.query).toMatchObject({ tag_name: digitalOceanRequestTag(createRequest(1).requestId) });
  });

  it('treats a later attempt of the same request as a retry, not as new machines', async () => {
    const digitalOcean = provider();
    const first = await digitalOcean.createInstances(createRequest(4));
    const second = await digitalOcean.createInstances(createRequest(4, { attempt: 2 }));
    expect(second.instances.map((instance) => instance.id).sort()).toEqual(first.instances.map((instance) => instance.id).sort());
    expect(cloud.droplets.size).toBe(4);
  });

  it('reports a later batch that fails as a failure, keeping the machines already made', async () => {
    cloud.limitDroplets(15);
    const result = await provider().createInstances(createRequest(25));
    expect(result.instances).toHaveLength(10);
    expect(result.failures).toEqual([
      {
        code: 'QUOTA_EXCEEDED',
        message: expect.stringContaining('exceed your droplet limit'),
        retryable: false,
        count: 15,
        instanceType: 's-1vcpu-1gb',
        location: 'nyc3',
      },
    ]);
    // The third batch is not attempted once the second failed.
    expect(cloud.callCount('create')).toBe(2);
  });

  it('reports a region without capacity as INSUFFICIENT_CAPACITY, not retryable', async () => {
    cloud.limitCapacity(1);
    const result = await provider().createInstances(createRequest(3));
    expect(result.instances).toEqual([]);
    expect(result.failures).toMatchObject([{ code: 'INSUFFICIENT_CAPACITY', retryable: false, count: 3 }]);
  });

  it('does not repeat a create the API may have carried out (500), and throws it retryable when nothing was made', async () => {
    cloud.failNextCall('server_error', { operation: 'create' });
    await expect(provider().createInstances(createRequest(3))).rejects.toMatchObject({ code: 'API_ERROR', retryable: true });
    expect(cloud.callCount('create')).toBe(1);
  });

  it('repeats a create the API refused with 429, after the wait it asked for', async () => {
    cloud.failNextCall('rate_limit', { operation: 'create', retryAfterSeconds: 3 });
    const result = await provider().createInstances(createRequest(2));
    expect(result.instances).toHaveLength(2);
    expect(cloud.callCount('create')).toBe(2);
    expect(clock.sleeps).toContain(3000);
  });

  it('throws when nothing could be made because the token is rejected', async () => {
    cloud.failNextCall('unauthorized');
    await expect(provider().createInstances(createRequest(3))).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', retryable: false });
    // The one create call was refused; nothing else was sent.
    expect(cloud.requests).toHaveLength(1);
  });

  it('plans without calling the cloud in a dry run', async () => {
    const result = await provider().createInstances(createRequest(12), { dryRun: true });
    expect(cloud.requests).toEqual([]);
    expect(result.plannedCalls?.map((call) => call.operation)).toEqual(['POST /v2/droplets', 'POST /v2/droplets']);
    const retry = await provider().createInstances(createRequest(12, { attempt: 2 }), { dryRun: true });
    expect(retry.plannedCalls?.map((call) => call.operation)).toEqual(['GET /v2/droplets', 'POST /v2/droplets', 'POST /v2/droplets']);
    expect((retry.plannedCalls?.[2]?.input as { names: string[] }).names).toEqual(['ohf-web-workers-0f8e2c1a-11', 'ohf-web-workers-0f8e2c1a-12']);
  });

  it('rejects invalid template options naming the field, before any call', async () => {
    const template = { ...webTemplate, providerOptions: { digitalocean: { region: 'nyc3', size: 's-1vcpu-1gb' } } };
    await expect(provider().createInstances(createRequest(1, { template }))).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'providerOptions.digitalocean.image',
    });
    expect(cloud.requests).toEqual([]);
  });

  it('refuses spot pricing', async () => {
    await expect(provider().createInstances(createRequest(1, { template: { ...webTemplate, priceType: 'spot' } }))).rejects.toMatchObject({
      code: 'PRICING_MODEL_UNSUPPORTED',
    });
  });
});
