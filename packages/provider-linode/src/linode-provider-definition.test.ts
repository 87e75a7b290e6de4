import { ProviderRegistry } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { linodeProviderDefinition } from './linode-provider.js';

describe('linodeProviderDefinition', () => {
  it('is loaded by the registry for type linode and builds a provider from a config block', async () => {
    const registry = new ProviderRegistry();
    registry.registerLazy('linode', async () => linodeProviderDefinition);
    const provider = await registry.create('linode', { token: 'abc-123-token', pageSize: 200 }, { instanceName: 'linode-main', env: {} });
    expect(provider).toMatchObject({ providerId: 'linode', instanceName: 'linode-main', specificationVersion: 'v1' });
    expect(provider.capabilities).toMatchObject({ maxInstancesPerCall: 1, describeBatchSize: 200, supportsStopStart: true });
  });

  it('rejects an invalid config block naming the field', async () => {
    const registry = new ProviderRegistry();
    registry.register(linodeProviderDefinition);
    await expect(registry.create('linode', { baseUrl: 'not a url' }, { instanceName: 'linode-main' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringContaining('baseUrl'),
    });
  });

  it('defaults every setting from the documented limits', () => {
    expect(linodeProviderDefinition.settingsSchema.parse({})).toEqual({
      tokenEnvironmentVariable: 'LINODE_TOKEN',
      baseUrl: 'https://api.linode.com/v4',
      timeoutMs: 30_000,
      pageSize: 500,
      rateLimits: { requestsPerWindow: 800, windowMs: 120_000, instanceCreatesPerWindow: 10, instanceCreateWindowMs: 30_000 },
      retry: { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 20_000, budgetMs: 60_000 },
      catalogCacheTtlMs: 3_600_000,
      concurrency: 4,
    });
  });
});
