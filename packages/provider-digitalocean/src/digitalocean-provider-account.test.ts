import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOceanProvider, type DigitalOceanProvider } from './digitalocean-provider.js';
import { digitalOceanProviderDefinition } from './digitalocean-provider.js';
import type { DigitalOceanSettingsInput } from './digitalocean-settings.js';
import { FakeDigitalOceanCloud } from './test-support/fake-digitalocean-cloud.js';
import { TEST_TOKEN, webTemplate } from './test-support/fixtures.js';
import { TestClock } from './test-support/test-clock.js';

const cloud = new FakeDigitalOceanCloud({ token: TEST_TOKEN });
const server = setupServer(...cloud.handlers);
let clock: TestClock;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());
beforeEach(() => {
  cloud.reset();
  clock = new TestClock();
});

function provider(settings: DigitalOceanSettingsInput = {}, token = TEST_TOKEN): DigitalOceanProvider {
  return createDigitalOceanProvider({ token, ...settings }, { instanceName: 'do-main', now: clock.now, sleep: clock.sleep, random: () => 0.5, env: {} });
}

describe('catalog', () => {
  it('normalizes sizes (vcpus, MiB, GiB, prices, transfer, GPUs), regions and images (OS family and version)', async () => {
    const digitalOcean = provider();
    const sizes = await digitalOcean.listSizes();
    expect(sizes).toContainEqual({
      id: 's-2vcpu-4gb',
      name: 's-2vcpu-4gb (Basic)',
      vcpus: 2,
      memoryMiB: 4096,
      diskGiB: 80,
      hourlyPriceUsd: 0.03571,
      monthlyPriceUsd: 24,
      gpus: 0,
      architecture: 'x86_64',
      transferGb: 4000,
      locations: ['nyc3'],
      providerMetadata: { available: true },
    });
    expect(sizes.find((size) => size.id === 'gpu-h100x1-80gb')).toMatchObject({
      gpus: 1,
      hourlyPriceUsd: 3.39,
      monthlyPriceUsd: 2522.16,
      transferGb: 15000,
      providerMetadata: { gpuModel: 'nvidia_h100', gpuMemory: { amount: 80, unit: 'gib' } },
    });
    expect(await digitalOcean.listLocations()).toContainEqual({
      id: 'ams3',
      name: 'Amsterdam 3',
      available: true,
      providerMetadata: { features: ['backups', 'ipv6', 'metadata'], sizes: ['s-1vcpu-1gb'] },
    });
    const images = await digitalOcean.listImages();
    expect(images.map(({ id, osFamily, osVersion }) => ({ id, osFamily, osVersion }))).toEqual([
      { id: 'ubuntu-24-04-x64', osFamily: 'ubuntu', osVersion: '24.04' },
      { id: '7555620', osFamily: 'ubuntu', osVersion: undefined },
    ]);
    expect(cloud.requestsTo('GET', '/v2/images').map((call) => call.query)).toEqual([
      { type: 'distribution', per_page: '200', page: '1' },
      { private: 'true', per_page: '200', page: '1' },
    ]);
  });

  it('lists droplet Marketplace apps, whose slug is the image to create from', async () => {
    expect(await provider().listApps()).toEqual([
      { id: 'wordpress', name: 'wordpress', kind: 'marketplace', imageIds: ['wordpress'] },
      { id: 'docker-20-04', name: 'docker-20-04', kind: 'marketplace', imageIds: ['docker-20-04'] },
    ]);
    expect(cloud.requestsTo('GET', '/v2/1-clicks').map((call) => call.query)).toEqual([{ type: 'droplet' }]);
  });

  it('caches the catalog for an hour and forgets it on demand', async () => {
    const digitalOcean = provider();
    await digitalOcean.listSizes();
    await digitalOcean.listSizes();
    expect(cloud.requestsTo('GET', '/v2/sizes')).toHaveLength(1);
    clock.advance(59 * 60 * 1000);
    await digitalOcean.listSizes();
    expect(cloud.requestsTo('GET', '/v2/sizes')).toHaveLength(1);
    clock.advance(60 * 1000);
    await digitalOcean.listSizes();
    expect(cloud.requestsTo('GET', '/v2/sizes')).toHaveLength(2);
    await digitalOcean.listLocations();
    digitalOcean.clearCatalogCache();
    await digitalOcean.listSizes();
    await digitalOcean.listLocations();
    expect(cloud.requestsTo('GET', '/v2/sizes')).toHaveLength(3);
    expect(cloud.requestsTo('GET', '/v2/regions')).toHaveLength(2);
  });
});

describe('validateTemplate', () => {
  it('accepts a template whose region and size exist together', async () => {
    expect(await provider().validateTemplate(webTemplate)).toEqual({ errors: [], warnings: [] });
  });

  it('names every problem field', async () => {
    const result = await provider().validateTemplate({
      templateId: 'broken',
      priceType: 'spot',
      subnetIds: ['subnet-1'],
      providerOptions: { digitalocean: { region: 'ams3', size: 's-2vcpu-4gb', image: 'ubuntu-24-04-x64', tags: ['x'] } },
    });
    expect(result.errors).toEqual([
      { field: 'priceType', message: 'DigitalOcean has no spot pricing; use ondemand', code: 'PRICING_MODEL_UNSUPPORTED' },
      { field: 'providerOptions.digitalocean', message: expect.stringContaining('tags'), code: 'VALIDATION_ERROR' },
    ]);
    expect(result.warnings).toEqual([{ field: 'subnetIds', message: 'subnetIds does not apply to DigitalOcean and is ignored' }]);

    const wrongPlace = await provider().validateTemplate({
      templateId: 'elsewhere',
      providerOptions: { digitalocean: { region: 'ams3', size: 's-2vcpu-4gb', image: 'ubuntu-24-04-x64' } },
    });
    expect(wrongPlace.errors).toEqual([
      { field: 'providerOptions.digitalocean.size', message: 'Size "s-2vcpu-4gb" is not offered in region "ams3"', code: 'INSUFFICIENT_CAPACITY' },
    ]);
  });
});

describe('credentials and health', () => {
  it('fails the first call with MISSING_CREDENTIALS naming DIGITALOCEAN_TOKEN, and reads the token from the environment', async () => {
    for (const env of [{}, { DIGITALOCEAN_TOKEN: '  ' }]) {
      const withoutToken = createDigitalOceanProvider({}, { env });
      await expect(withoutToken.initialize()).rejects.toMatchObject({ code: 'MISSING_CREDENTIALS', retryable: false, message: expect.stringContaining('DIGITALOCEAN_TOKEN') });
      expect(await withoutToken.validateCredentials()).toMatchObject({ valid: false, code: 'MISSING_CREDENTIALS' });
    }
    expect(cloud.requests).toEqual([]);
    const fromEnvironment = createDigitalOceanProvider({}, { env: { DIGITALOCEAN_TOKEN: TEST_TOKEN }, now: clock.now, sleep: clock.sleep });
    expect(fromEnvironment.providerId).toBe('digitalocean');
    expect(await fromEnvironment.validateCredentials()).toMatchObject({ valid: true });
  });

  it('validates the token through GET /v2/account', async () => {
    expect(await provider().validateCredentials()).toEqual({
      valid: true,
      account: { uuid: 'b6fr89dbf6d9156cace5f3c78dc9851d957381ef', status: 'active', dropletLimit: 25 },
    });
    const rejected = await provider({}, 'dop_v1_wrong_token_value').validateCredentials();
    expect(rejected).toMatchObject({ valid: false, code: 'INVALID_CREDENTIALS' });
    expect(rejected.message).not.toContain('dop_v1_wrong_token_value');
  });

  it('reports health with the latency of GET /v2/account, and an outage as unhealthy without retrying', async () => {
    server.use(
      http.get(`${cloud.baseUrl}/v2/account`, async () => {
        clock.advance(42);
        return HttpResponse.json({ account: { uuid: 'u-1', status: 'warning', status_message: 'payment overdue', email: 'a@b.c', droplet_limit: 10, floating_ip_limit: 1, email_verified: true } });
      }),
    );
    expect(await provider().healthCheck()).toEqual({
      status: 'degraded',
      latencyMs: 42,
      checkedAt: '2025-01-01T00:00:00.042Z',
      message: 'DigitalOcean account is warning: payment overdue',
      details: { endpoint: 'GET /v2/account', accountStatus: 'warning' },
    });
    server.resetHandlers();
    cloud.failNextCall('server_error');
    const outage = await provider().healthCheck();
    expect(outage).toMatchObject({ status: 'unhealthy', details: { code: 'API_ERROR', retryable: true } });
    expect(cloud.requestsTo('GET', '/v2/account')).toHaveLength(1);
  });

  it('never puts the token in an error message, even when the API echoes it', async () => {
    server.use(http.get(`${cloud.baseUrl}/v2/droplets`, () => HttpResponse.json({ id: 'bad_request', message: `token ${TEST_TOKEN} is malformed` }, { status: 400 })));
    const error = await provider()
      .findInstancesByTag({})
      .then(
        () => new Error('expected the call to fail'),
        (caught: unknown) => caught as Error,
      );
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(error.message).not.toContain(TEST_TOKEN);
    expect(error.message).toContain('[REDACTED]');
  });
});

describe('rate limits and retries', () => {
  it('waits as long as retry-after says on 429, then succeeds', async () => {
    cloud.failNextCall('rate_limit', { retryAfterSeconds: 7 });
    expect(await provider().findInstancesByTag({})).toEqual([]);
    expect(cloud.callCount('list')).toBe(2);
    expect(clock.sleeps.reduce((total, ms) => total + ms, 0)).toBeGreaterThanOrEqual(7000);
  });

  it('takes the wait from ratelimit-reset when a 429 has no retry-after', async () => {
    server.use(
      http.get(`${cloud.baseUrl}/v2/droplets`, () =>
        HttpResponse.json({ id: 'too_many_requests', message: 'API rate limit exceeded.' }, { status: 429, headers: { 'ratelimit-reset': String(clock.now() / 1000 + 30), 'ratelimit-remaining': '0' } }),
        { once: true },
      ),
    );
    await provider().findInstancesByTag({});
    expect(clock.sleeps.reduce((total, ms) => total + ms, 0)).toBeGreaterThanOrEqual(30_000);
  });

  it('backs off on 429 even when the answer says nothing about when to come back', async () => {
    cloud.failNextCall('rate_limit', { times: 2 });
    await provider().findInstancesByTag({});
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('gives up within the retry budget and surfaces RATE_LIMIT_EXCEEDED with the wait', async () => {
    cloud.failNextCall('rate_limit', { times: 10, retryAfterSeconds: 40 });
    await expect(provider({ retry: { budgetMs: 60_000 } }).findInstancesByTag({})).rejects.toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      retryable: true,
      retryAfterMs: 40_000,
    });
    expect(cloud.callCount('list')).toBe(2);
  });

  it('holds every call once ratelimit-remaining reaches 0, until ratelimit-reset', async () => {
    const digitalOcean = provider();
    const resetAt = clock.now() + 90_000;
    cloud.setRateLimitHeaders({ 'ratelimit-limit': '5000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(resetAt / 1000) });
    await digitalOcean.findInstancesByTag({});
    expect(clock.sleeps).toEqual([]);
    cloud.setRateLimitHeaders({});
    await digitalOcean.findInstancesByTag({});
    expect(clock.sleeps).toEqual([90_000]);
  });

  it('paces calls to the configured per-minute limit', async () => {
    const digitalOcean = provider({ rateLimits: { requestsPerMinute: 2 } });
    for (let call = 0; call < 3; call += 1) await digitalOcean.findInstancesByTag({});
    // Two go straight through (the bucket starts full), the third waits for a token: 60 s / 2.
    expect(clock.sleeps).toEqual([30_000]);
  });
});

describe('definition', () => {
  it('validates settings with defaults and builds the provider', async () => {
    const settings = digitalOceanProviderDefinition.settingsSchema.parse({ token: TEST_TOKEN });
    expect(settings).toEqual({
      token: TEST_TOKEN,
      baseUrl: 'https://api.digitalocean.com',
      timeoutMs: 30_000,
      rateLimits: { requestsPerMinute: 250, requestsPerHour: 5000 },
      retry: { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 20_000, budgetMs: 60_000 },
      pageSize: 200,
      catalogTtlMs: 3_600_000,
    });
    const created = await digitalOceanProviderDefinition.create(settings, { instanceName: 'do-main', env: {} });
    expect(created).toMatchObject({ providerId: 'digitalocean', instanceName: 'do-main', specificationVersion: 'v1' });
    expect(created.capabilities).toMatchObject({ maxInstancesPerCall: 10, describeBatchSize: 200 });
    expect(digitalOceanProviderDefinition.settingsSchema.safeParse({ pageSize: 500 }).success).toBe(false);
    expect(digitalOceanProviderDefinition.settingsSchema.safeParse({ tokne: 'x' }).success).toBe(false);
    expect(() => createDigitalOceanProvider({ token: TEST_TOKEN, timeoutMs: -1 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'config.timeoutMs' }),
    );
  });

  it('sends calls to an overridden base URL', async () => {
    const emulator = new FakeDigitalOceanCloud({ token: TEST_TOKEN, baseUrl: 'http://127.0.0.1:4011' });
    server.use(...emulator.handlers);
    await provider({ baseUrl: 'http://127.0.0.1:4011/v2' }).listSizes();
    expect(emulator.requestsTo('GET', '/v2/sizes')).toHaveLength(1);
  });
});
