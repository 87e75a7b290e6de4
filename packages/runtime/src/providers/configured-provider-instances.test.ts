import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { ProviderInstanceConfigurationSchema } from '../configuration/configuration-schema.js';
import { ConfiguredProviderInstances } from './configured-provider-instances.js';
import { createDefaultProviderRegistry } from './default-provider-registry.js';

const instance = (overrides: Record<string, unknown>) =>
  ProviderInstanceConfigurationSchema.parse({ name: 'memory-a', type: 'memory', ...overrides });

describe('ConfiguredProviderInstances', () => {
  it('lists the configured instances without their settings', async () => {
    const instances = new ConfiguredProviderInstances({
      instances: [instance({ weight: 3, capabilities: ['EC2Fleet'], config: { maxCapacity: 5 } })],
      registry: createDefaultProviderRegistry(),
    });
    expect(await instances.list()).toEqual([
      { name: 'memory-a', type: 'memory', enabled: true, priority: 100, weight: 3, capabilities: ['EC2Fleet'] },
    ]);
  });

  it('creates a client once, lazily, through the registry', async () => {
    const instances = new ConfiguredProviderInstances({ instances: [instance({})], registry: createDefaultProviderRegistry() });
    const [first, second] = await Promise.all([instances.get('memory-a'), instances.get('memory-a')]);
    expect(first).toBe(second);
    expect(first).toMatchObject({ specificationVersion: 'v1', providerId: 'memory', instanceName: 'memory-a' });
  });

  it('answers an unknown name with PROVIDER_NOT_FOUND listing the configured ones', async () => {
    const instances = new ConfiguredProviderInstances({ instances: [instance({})], registry: createDefaultProviderRegistry() });
    const failure = await instances.get('aws-invalid').catch((error: unknown) => error);
    expect(OhfError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      code: 'PROVIDER_NOT_FOUND',
      details: { requested_provider: 'aws-invalid', available_providers: ['memory-a'] },
    });
  });

  it('reports invalid provider settings naming the field, and lets a later call try again', async () => {
    const instances = new ConfiguredProviderInstances({
      instances: [instance({ config: { maxCapacity: -1 } })],
      registry: createDefaultProviderRegistry(),
    });
    await expect(instances.get('memory-a')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(instances.get('memory-a')).rejects.toThrow(/maxCapacity/);
  });

  it('registers a new instance at run time after validating its settings', async () => {
    const instances = new ConfiguredProviderInstances({ instances: [], registry: createDefaultProviderRegistry() });
    await expect(
      instances.register({ name: 'memory-b', type: 'memory', enabled: true, priority: 1, weight: 1, capabilities: [], config: { bogus: 1 } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await instances.list()).toEqual([]);
    const descriptor = await instances.register({
      name: 'memory-b',
      type: 'memory',
      enabled: true,
      priority: 1,
      weight: 1,
      capabilities: [],
      config: {},
    });
    expect(descriptor.name).toBe('memory-b');
    expect((await instances.get('memory-b')).instanceName).toBe('memory-b');
  });

  it('names the credentials an instance works with: its secret settings and the secret-named environment', () => {
    const instances = new ConfiguredProviderInstances({
      instances: [instance({ type: 'linode', config: { token: 'linode-token-0123456789', region: 'us-east', root_pass: 'root-pass-value' } })],
      registry: createDefaultProviderRegistry(),
      environment: { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', FEATURE_TOKEN_ENABLED: 'true', HOME: '/home/hpc' },
    });
    expect([...instances.secretsOf('memory-a')].sort()).toEqual(['linode-token-0123456789', 'root-pass-value', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);
    expect(instances.secretsOf('unknown')).toEqual([]);
  });
});
