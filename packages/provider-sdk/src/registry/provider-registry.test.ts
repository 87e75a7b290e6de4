import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { ComputeProviderV1 } from '../compute-provider/v1/compute-provider-v1.js';
import { InvalidProviderOptionsError, NoSuchProviderError } from '../errors/provider-errors.js';
import { defineProvider } from '../provider-definition/provider-definition-v1.js';
import { ProviderRegistry } from './provider-registry.js';

function fakeProvider(providerId: string, instanceName: string): ComputeProviderV1 {
  // Only the identity is read by the registry; the rest of the contract is not exercised here.
  return { specificationVersion: 'v1', providerId, instanceName } as unknown as ComputeProviderV1;
}

const acme = defineProvider({
  type: 'acme',
  displayName: 'Acme Cloud',
  settingsSchema: z.object({ token: z.string().min(1), region: z.string().default('eu-1') }),
  create: (settings, context) => Object.assign(fakeProvider('acme', context.instanceName), { settings }),
});

describe('ProviderRegistry', () => {
  it('creates an instance from validated settings', async () => {
    const registry = new ProviderRegistry();
    registry.register(acme);
    const provider = await registry.create('acme', { token: 't0k3n' }, { instanceName: 'acme-main' });
    expect(provider).toMatchObject({ providerId: 'acme', instanceName: 'acme-main', settings: { token: 't0k3n', region: 'eu-1' } });
  });

  it('names the invalid config field', async () => {
    const registry = new ProviderRegistry();
    registry.register(acme);
    const failure = registry.create('acme', { token: '' }, { instanceName: 'acme-main' });
    await expect(failure).rejects.toBeInstanceOf(InvalidProviderOptionsError);
    await expect(failure).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'config.token' });
    await expect(failure).rejects.toThrow(/acme-main.*config\.token/);
  });

  it('rejects unknown types with PROVIDER_NOT_FOUND listing the known ones', async () => {
    const registry = new ProviderRegistry();
    registry.register(acme);
    registry.registerLazy('linode', async () => ({ ...acme, type: 'linode' }));
    const failure = registry.getDefinition('gcp');
    await expect(failure).rejects.toBeInstanceOf(NoSuchProviderError);
    await expect(failure).rejects.toMatchObject({ code: 'PROVIDER_NOT_FOUND', details: { available_providers: ['acme', 'linode'] } });
  });

  it('loads lazy registrations once, on first use', async () => {
    const registry = new ProviderRegistry();
    const load = vi.fn(async () => ({ ...acme, type: 'lazy' }));
    registry.registerLazy('lazy', load);
    expect(registry.has('lazy')).toBe(true);
    expect(registry.listTypes()).toEqual(['lazy']);
    expect(load).not.toHaveBeenCalled();
    await Promise.all([registry.create('lazy', { token: 'a1b2' }, { instanceName: 'one' }), registry.getDefinition('lazy')]);
    await registry.create('lazy', { token: 'a1b2' }, { instanceName: 'two' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('retries a lazy load that failed and checks the loaded type', async () => {
    const registry = new ProviderRegistry();
    const load = vi.fn().mockRejectedValueOnce(new Error('not installed')).mockResolvedValueOnce({ ...acme, type: 'other' });
    registry.registerLazy('mine', load);
    await expect(registry.getDefinition('mine')).rejects.toThrow('not installed');
    await expect(registry.getDefinition('mine')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses a duplicate type unless asked to replace it', () => {
    const registry = new ProviderRegistry();
    registry.register(acme);
    expect(() => registry.register(acme)).toThrow(/already registered/);
    expect(() => registry.register(acme, { replace: true })).not.toThrow();
  });

  it('refuses a provider that does not implement spec v1', async () => {
    const registry = new ProviderRegistry();
    registry.register({ ...acme, create: () => ({ specificationVersion: 'v2' }) as unknown as ComputeProviderV1 });
    await expect(registry.create('acme', { token: 'abcd' }, { instanceName: 'x' })).rejects.toMatchObject({ code: 'API_NOT_SUPPORTED' });
  });
});
