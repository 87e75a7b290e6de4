import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OHF_TAG_KEYS, ProviderRegistry, type CreateInstancesRequestV1 } from '../../index.js';
import { inMemoryProviderDefinition } from './in-memory-provider-definition.js';
import { createInMemoryProvider } from './in-memory-provider.js';

const template = { templateId: 'memory-small', vmType: 'medium', imageId: 'memory/debian-12' };

function request(count: number, requestId = 'req-1'): CreateInstancesRequestV1 {
  return { requestId, template, count, idempotencyKey: `${requestId}:memory`, tags: { [OHF_TAG_KEYS.requestId]: requestId } };
}

describe('createInMemoryProvider', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ohf-memory-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('moves machines from pending to running after autoRunAfterMs', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const provider = createInMemoryProvider({ clock: () => now, autoRunAfterMs: 30_000 });
    const { instances } = await provider.createInstances(request(1));
    expect(instances[0]).toMatchObject({ state: 'pending', rawState: 'provisioning', instanceType: 'medium', launchTime: '2025-01-01T00:00:00.000Z' });
    const ids = instances.map((instance) => instance.id);
    now += 29_999;
    expect((await provider.describeInstances(ids))[0]?.state).toBe('pending');
    now += 1;
    expect((await provider.describeInstances(ids))[0]).toMatchObject({ state: 'running', rawState: 'active' });
  });

  it('shares one fake cloud between providers (processes) through the state file', async () => {
    const statePath = join(directory, 'cloud.json');
    const first = createInMemoryProvider({ statePath, instanceName: 'memory-a' });
    const { instances } = await first.createInstances(request(2));
    const second = createInMemoryProvider({ statePath, instanceName: 'memory-a' });
    const found = await second.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-1' });
    expect(found.map((instance) => instance.id).sort()).toEqual(instances.map((instance) => instance.id).sort());
    await second.terminateInstances([instances[0]?.id ?? '']);
    expect((await first.describeInstances([instances[0]?.id ?? '']))[0]?.state).toBe('terminated');
    const file = JSON.parse(readFileSync(statePath, 'utf8')) as { instances: unknown[]; calls: { create: number } };
    expect(file.instances).toHaveLength(2);
    expect(file.calls.create).toBe(1);
  });

  it('counts an injected failure as a call that reached the backend, also when persisted', async () => {
    const statePath = join(directory, 'cloud.json');
    const provider = createInMemoryProvider({ statePath });
    await provider.harness.failNextCall('rate_limit', { retryAfterSeconds: 3 });
    await expect(provider.findInstancesByTag({})).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfterMs: 3000 });
    expect(createInMemoryProvider({ statePath }).harness.callCount('list')).toBe(1);
    await expect(provider.findInstancesByTag({})).resolves.toEqual([]);
  });

  it('arms faults from settings once per configuration, so a restarted process continues the countdown', async () => {
    const statePath = join(directory, 'cloud.json');
    const faults = { failCreateTimes: 1 };
    const first = createInMemoryProvider({ statePath, faults });
    const failed = await first.createInstances(request(2, 'req-a'));
    expect(failed.instances).toEqual([]);
    expect(failed.failures).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_CAPACITY', count: 2, retryable: false })]);
    const restarted = createInMemoryProvider({ statePath, faults });
    expect((await restarted.createInstances(request(2, 'req-b'))).instances).toHaveLength(2);
    const reconfigured = createInMemoryProvider({ statePath, faults: { failCreateTimes: 1, failCreateWith: 'unauthorized' } });
    await expect(reconfigured.createInstances(request(1, 'req-c'))).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', retryable: false });
  });

  it('reports quota failures like capacity failures and throws other create failures', async () => {
    const provider = createInMemoryProvider();
    provider.cloud.failNextCalls('quota', { operation: 'create' });
    expect((await provider.createInstances(request(1, 'req-q'))).failures?.[0]).toMatchObject({ code: 'QUOTA_EXCEEDED', count: 1 });
    provider.cloud.failNextCalls('server_error', { operation: 'create' });
    await expect(provider.createInstances(request(1, 'req-s'))).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('crashes right after the configured create, with the machines already in the cloud', async () => {
    const statePath = join(directory, 'cloud.json');
    const onCrash = vi.fn(() => {
      throw new Error('simulated crash');
    });
    const provider = createInMemoryProvider({ statePath, faults: { crashAfterCreate: 2 }, onCrash });
    await provider.createInstances(request(1, 'req-1'));
    await expect(provider.createInstances(request(2, 'req-2'))).rejects.toThrow('simulated crash');
    const survivor = createInMemoryProvider({ statePath, faults: { crashAfterCreate: 2 }, onCrash });
    expect(await survivor.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-2' })).toHaveLength(2);
    await survivor.createInstances(request(1, 'req-3'));
    expect(onCrash).toHaveBeenCalledTimes(1);
  });

  it('honours maxCapacity across requests and reports unhealthy when configured', async () => {
    const provider = createInMemoryProvider({ maxCapacity: 3, faults: { unhealthy: true } });
    expect((await provider.createInstances(request(2, 'req-1'))).instances).toHaveLength(2);
    const second = await provider.createInstances(request(2, 'req-2'));
    expect(second.instances).toHaveLength(1);
    expect(second.failures).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_CAPACITY', count: 1 })]);
    expect((await provider.healthCheck()).status).toBe('unhealthy');
  });

  it('validates templates: unknown locations and APIs are errors, unknown sizes warnings', async () => {
    const provider = createInMemoryProvider();
    const result = await provider.validateTemplate({
      templateId: 't',
      vmType: 'x9.huge',
      providerApi: 'EC2Fleet',
      priceType: 'heterogeneous',
      providerOptions: { memory: { location: 'mars-1' } },
    });
    expect(result.errors.map((error) => error.field)).toEqual(['providerOptions.memory.location', 'providerApi']);
    expect(result.warnings.map((warning) => warning.field)).toEqual(['vmType', 'priceType']);
    const invalidOptions = await provider.validateTemplate({ templateId: 't', providerOptions: { memory: { size: 3 } } });
    expect(invalidOptions.errors).toEqual([expect.objectContaining({ field: 'providerOptions.memory.size', code: 'VALIDATION_ERROR' })]);
  });
});

describe('inMemoryProviderDefinition', () => {
  it('is created through the registry from a config block, faults included', async () => {
    const registry = new ProviderRegistry();
    registry.register(inMemoryProviderDefinition);
    const provider = await registry.create('memory', { maxCapacity: 1, capabilities: { apis: ['RunInstances'] } }, { instanceName: 'memory-main' });
    expect(provider).toMatchObject({ providerId: 'memory', instanceName: 'memory-main', capabilities: { apis: ['RunInstances'] } });
    const result = await provider.createInstances(request(2));
    expect(result.instances).toHaveLength(1);
    expect(result.failures?.[0]).toMatchObject({ code: 'INSUFFICIENT_CAPACITY', count: 1 });
  });

  it('rejects unknown settings, naming the field', async () => {
    const registry = new ProviderRegistry();
    registry.register(inMemoryProviderDefinition);
    await expect(registry.create('memory', { faults: { failCreatTimes: 1 } }, { instanceName: 'memory-main' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'config.faults',
    });
  });
});
