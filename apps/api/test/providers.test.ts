import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createStorage } from '@ohf/persistence';
import { createSecretBox } from '@ohf/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, WEB_TEMPLATE, type TestApi } from './api-harness.js';

const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const PROVIDERS = [
  { name: 'memory-a', type: 'memory', priority: 1, weight: 3, capabilities: ['Memory'], config: { maxCapacity: 50 } },
  { name: 'memory-b', type: 'memory', priority: 2, config: {} },
  { name: 'linode-main', type: 'linode', enabled: false, config: { token: 'configured-linode-token', region: 'us-east' } },
];

describe('provider routes', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({
      workers: false,
      providers: PROVIDERS,
      templates: [WEB_TEMPLATE, { ...WEB_TEMPLATE, templateId: 'pinned-b', providerType: undefined, providerName: 'memory-b' }],
    });
  });
  afterAll(async () => harness?.close());

  it('lists the instances with status, the policy and the fallback chain', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/providers', key: 'read' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ policy: 'FIRST_AVAILABLE', fallback: [] });
    expect(response.json().providers.map((provider: { name: string }) => provider.name)).toEqual(['memory-a', 'memory-b', 'linode-main']);
    expect(response.json().providers[0]).toMatchObject({ providerType: 'memory', enabled: true, weight: 3, capabilities: ['Memory'], available: true });
    const memoryOnly = await harness.inject({ method: 'GET', url: '/api/v1/providers?provider_type=linode' });
    expect(memoryOnly.json().providers.map((provider: { name: string }) => provider.name)).toEqual(['linode-main']);
  });

  it('shows one instance with its settings, credentials masked', async () => {
    const linode = await harness.inject({ method: 'GET', url: '/api/v1/providers/linode-main' });
    expect(linode.statusCode).toBe(200);
    expect(linode.json()).toMatchObject({ name: 'linode-main', enabled: false, settings: { token: '********', region: 'us-east' } });
    expect(linode.body).not.toContain('configured-linode-token');
    const missing = await harness.inject({ method: 'GET', url: '/api/v1/providers/aws-invalid' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: {
        code: 'PROVIDER_NOT_FOUND',
        message: "Provider instance 'aws-invalid' not found in configuration",
        details: { requested_provider: 'aws-invalid', available_providers: ['memory-a', 'memory-b', 'linode-main'] },
      },
    });
  });

  it('reports capabilities with limits', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-a/capabilities' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'memory-a',
      providerType: 'memory',
      declared: ['Memory'],
      apis: ['Memory'],
      pricingModels: ['ondemand', 'spot'],
      limitations: { maxInstancesPerCall: 100, describeBatchSize: 100 },
    });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/providers/nope/capabilities' })).statusCode).toBe(404);
  });

  it('lists the templates of an instance: bound by name, or by its type', async () => {
    const b = await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-b/templates' });
    expect(b.json().templates.map((template: { templateId: string }) => template.templateId).sort()).toEqual(['pinned-b', 'web-server']);
    const a = await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-a/templates' });
    expect(a.json().templates.map((template: { templateId: string }) => template.templateId)).toEqual(['web-server']);
  });

  it('checks the health of one instance live', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-a/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'memory-a', healthy: true, status: 'healthy', check: { status: 'healthy' } });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/providers/nope/health' })).statusCode).toBe(404);
  });

  it('reports provider call metrics over a window', async () => {
    await harness.inject({ method: 'GET', url: '/api/v1/providers/memory-a/health' });
    const response = await harness.inject({ method: 'GET', url: '/api/v1/providers/metrics?time_range_hours=2&provider_name=memory-a' });
    expect(response.statusCode).toBe(200);
    const [metrics] = response.json().providers;
    expect(metrics).toMatchObject({ instance: 'memory-a' });
    expect(JSON.stringify(metrics)).toMatch(/HEALTH_CHECK/);
    const bad = await harness.inject({ method: 'GET', url: '/api/v1/providers/metrics?time_range_hours=-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('query.time_range_hours');
  });
});

describe('provider strategy operations', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ providers: PROVIDERS, environment: { OHF_ENCRYPTION_KEY: ENCRYPTION_KEY } });
  });
  afterAll(async () => harness?.close());

  it('getProviderHealth and listAvailableProviders', async () => {
    const health = await harness.inject({ method: 'GET', url: '/api/v1/providers/strategy/health?provider_name=memory-a&include_details=true', key: 'read' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ total: 1, healthyCount: 1, providers: [{ name: 'memory-a', healthy: true }] });
    const list = await harness.inject({ method: 'GET', url: '/api/v1/providers/strategy/list?filter_healthy_only=true' });
    expect(list.json().providers.map((provider: { name: string }) => provider.name)).toEqual(['memory-a', 'memory-b']);
  });

  it('selectProviderStrategy explains its choice', async () => {
    const response = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/select',
      payload: { operation_type: 'CREATE_INSTANCES', template_id: 'web-server', selection_criteria: { exclude_strategies: ['memory-a'] } },
      key: 'write',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ providerInstance: 'memory-b', providerType: 'memory' });
    expect(JSON.stringify(response.json().decision)).toMatch(/memory-a/);
    const bad = await harness.inject({ method: 'POST', url: '/api/v1/providers/strategy/select', payload: { operation_type: 'LAUNCH' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('body.operation_type');
  });

  it('executeProviderOperation runs a health check on an overridden instance and needs admin', async () => {
    const payload = { operation_type: 'HEALTH_CHECK', parameters: {}, strategy_override: 'memory-b' };
    const forbidden = await harness.inject({ method: 'POST', url: '/api/v1/providers/strategy/execute', payload, key: 'write' });
    expect(forbidden.statusCode).toBe(403);
    const response = await harness.inject({ method: 'POST', url: '/api/v1/providers/strategy/execute', payload, key: 'admin' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ operationType: 'HEALTH_CHECK', providerInstance: 'memory-b', dryRun: false });
  });

  it('updateProviderHealth takes an instance out of selection and configureProviderStrategy changes the policy', async () => {
    const update = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/update-health',
      payload: { provider_name: 'memory-b', health_status: { is_healthy: false, status_message: 'Rate limit exceeded' }, source: 'monitoring_system' },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json().health).toMatchObject({ healthy: false });
    const list = await harness.inject({ method: 'GET', url: '/api/v1/providers/strategy/list?filter_healthy_only=true' });
    expect(list.json().providers.map((provider: { name: string }) => provider.name)).toEqual(['memory-a']);

    const configure = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/configure',
      payload: { default_selection_policy: 'ROUND_ROBIN', circuit_breaker_config: { failure_threshold: 3, recovery_timeout: 30 } },
    });
    expect(configure.statusCode).toBe(200);
    expect(configure.json().settings).toMatchObject({ policy: 'ROUND_ROBIN' });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/providers' })).json().policy).toBe('ROUND_ROBIN');
    const wrong = await harness.inject({ method: 'POST', url: '/api/v1/providers/strategy/configure', payload: { default_selection_policy: 'FASTEST' } });
    expect(wrong.statusCode).toBe(400);
  });

  it('getProviderMetrics and getProviderCapabilities', async () => {
    const metrics = await harness.inject({ method: 'GET', url: '/api/v1/providers/strategy/metrics?time_range_hours=24&include_operation_breakdown=true' });
    expect(metrics.statusCode).toBe(200);
    expect(Array.isArray(metrics.json().providers)).toBe(true);
    const capabilities = await harness.inject({ method: 'GET', url: '/api/v1/providers/strategy/capabilities?provider_name=memory-a&include_limitations=true' });
    expect(capabilities.json().providers[0]).toMatchObject({ name: 'memory-a', limitations: { maxInstancesPerCall: 100 } });
  });

  it('registerProviderStrategy stores the credentials encrypted and never returns them', async () => {
    const response = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/register',
      payload: {
        strategy_name: 'linode-extra',
        provider_type: 'linode',
        strategy_config: { token: 'registered-linode-token', region: 'eu-west' },
        capabilities: { instances: true, spot_instances: false },
        priority: 5,
        enabled: false,
      },
      key: 'admin',
    });
    expect(response.statusCode).toBe(201);
    expect(response.body).not.toContain('registered-linode-token');
    expect(response.json().instance).toMatchObject({ name: 'linode-extra', type: 'linode', capabilities: ['instances'] });

    const shown = await harness.inject({ method: 'GET', url: '/api/v1/providers/linode-extra' });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).not.toContain('registered-linode-token');

    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(harness.directory, 'ohf.db') } });
    try {
      const stored = await storage.providerInstances.find('linode-extra');
      const text = JSON.stringify(stored);
      expect(stored).toMatchObject({ name: 'linode-extra', organizationId: 'default', type: 'linode' });
      expect(text).not.toContain('registered-linode-token');
      expect(stored?.sealedCredentials).toMatch(/^aes-256-gcm:v2:[0-9a-f]{8}:/);
    } finally {
      await storage.close();
    }

    const duplicate = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/register',
      payload: { strategy_name: 'linode-extra', provider_type: 'linode', strategy_config: { token: 't' } },
    });
    expect(duplicate.statusCode).toBe(409);
    const invalid = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/register',
      payload: { strategy_name: 'memory-z', provider_type: 'memory', strategy_config: { maxCapacity: -1 } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/maxCapacity/);
  });

  it('restores registered instances after a restart with the same key', async () => {
    await harness.close({ keep: true });
    harness = await startTestApi({ providers: PROVIDERS, directory: harness.directory, environment: { OHF_ENCRYPTION_KEY: ENCRYPTION_KEY } });
    const list = await harness.inject({ method: 'GET', url: '/api/v1/providers' });
    expect(list.json().providers.map((provider: { name: string }) => provider.name)).toContain('linode-extra');
  });

  it('seals stored credentials and webhook secrets again under a new key at start, so the old key can go', async () => {
    const created = await harness.inject({ method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://hooks.example.com/ohf', eventTypes: ['*'] } });
    expect(created.statusCode).toBe(201);
    const { webhookId, secret } = created.json() as { webhookId: string; secret: string };
    const newKey = randomBytes(32);
    await harness.close({ keep: true });
    harness = await startTestApi({
      providers: PROVIDERS,
      directory: harness.directory,
      environment: { OHF_ENCRYPTION_KEY: newKey.toString('base64'), OHF_ENCRYPTION_KEY_PREVIOUS: ENCRYPTION_KEY },
    });
    await harness.close({ keep: true });

    // Only the new key opens what is stored now; the old one no longer does.
    const onlyNew = createSecretBox(newKey);
    const onlyOld = createSecretBox(Buffer.from(ENCRYPTION_KEY, 'base64'));
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(harness.directory, 'ohf.db') } });
    try {
      const instance = await storage.providerInstances.find('linode-extra');
      const webhook = await storage.webhooks.find(webhookId);
      expect(instance?.sealedCredentials).toMatch(new RegExp(`^aes-256-gcm:v2:${onlyNew.keyId}:`));
      expect(onlyNew.open(instance!.sealedCredentials)).toContain('registered-linode-token');
      expect(onlyNew.open(webhook!.sealedSecret)).toBe(secret);
      expect(() => onlyOld.open(webhook!.sealedSecret)).toThrow();
    } finally {
      await storage.close();
    }

    harness = await startTestApi({ providers: PROVIDERS, directory: harness.directory, environment: { OHF_ENCRYPTION_KEY: newKey.toString('base64') } });
    const shown = await harness.inject({ method: 'GET', url: '/api/v1/providers/linode-extra' });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ name: 'linode-extra', providerType: 'linode' });
  });
});

describe('registration without an encryption key', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false });
  });
  afterAll(async () => harness?.close());

  it('is refused rather than storing credentials in clear', async () => {
    const response = await harness.inject({
      method: 'POST',
      url: '/api/v1/providers/strategy/register',
      payload: { strategy_name: 'memory-z', provider_type: 'memory', strategy_config: {} },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/OHF_ENCRYPTION_KEY/) });
    const list = await harness.inject({ method: 'GET', url: '/api/v1/providers' });
    expect(list.json().providers.map((provider: { name: string }) => provider.name)).toEqual(['memory-a']);
  });
});
