import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ProviderApiError,
  ProviderCapacityError,
  ProviderNotFoundError,
  ProviderRateLimitError,
  ProviderValidationError,
} from '../errors/provider-errors.js';
import { OHF_TAG_KEYS } from '../tags/ohf-tag-keys.js';
import type { ComputeProviderAdapter } from './compute-provider-adapter.js';
import { defineComputeProvider } from './define-compute-provider.js';
import type { CreateInstancesRequestV1, InstanceV1 } from './v1/compute-provider-v1.js';

/** A cloud as small as it gets: numeric ids, tags, and failures the test arms. */
class TinyCloud {
  readonly machines = new Map<string, InstanceV1>();
  readonly calls: string[] = [];
  readonly failures: (Error | undefined)[] = [];
  connects = 0;
  #nextId = 1;

  call(operation: string): void {
    this.calls.push(operation);
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
  add(tags: Record<string, string>, state: InstanceV1['state'] = 'running'): InstanceV1 {
    const id = String(this.#nextId++);
    const machine: InstanceV1 = { id, state, rawState: state, name: `m${id}`, hostName: null, privateIpAddress: null, publicIpAddress: null, tags };
    this.machines.set(id, machine);
    return machine;
  }
}

const SettingsSchema = z.object({ token: z.string().optional(), pageSize: z.number().int().positive().default(2) }).strict();

function tinyAdapter(cloud: TinyCloud): ComputeProviderAdapter<z.infer<typeof SettingsSchema>, z.input<typeof SettingsSchema>, TinyCloud, { size: string }> {
  const matching = (tags: Readonly<Record<string, string>>) =>
    [...cloud.machines.values()].filter((machine) => Object.entries(tags).every(([key, value]) => machine.tags[key] === value));
  return {
    providerId: 'tiny',
    displayName: 'Tiny',
    settingsSchema: SettingsSchema,
    credentials: { describe: () => '`token` or TINY_TOKEN', read: (settings, env) => settings.token ?? env['TINY_TOKEN'] },
    stateMap: { up: 'running' },
    capabilities: (settings) => ({
      apis: ['Tiny'],
      pricingModels: ['ondemand'],
      fleetTypes: [],
      maxInstancesPerCall: 2,
      describeBatchSize: settings.pageSize,
      supportsStopStart: false,
      supportsDryRun: true,
    }),
    isValidId: (id) => /^\d+$/.test(id),
    normalizeError: (error, operation) => new ProviderApiError('INTERNAL', `tiny ${operation}: ${String(error)}`, { providerId: 'tiny' }),
    connect: () => {
      cloud.connects += 1;
      return cloud;
    },
    planTemplate: (template) => {
      const size = template.vmType;
      if (!size) throw new ProviderValidationError('vmType is required', { providerId: 'tiny', field: 'vmType' });
      return { plan: { size }, instanceType: size, location: 'tiny-1' };
    },
    templateWarnings: (template) => (template.keyName ? [{ type: 'unsupported', feature: 'keyName', message: 'keyName is ignored' }] : []),
    listByTags: async (connection, tags) => {
      connection.call('list');
      return matching(tags);
    },
    listByNames: async (connection, names) => {
      connection.call('list');
      return [...connection.machines.values()].filter((machine) => names.includes(machine.name ?? ''));
    },
    createBatch: async (connection, batch) => {
      connection.call('create');
      return Array.from({ length: batch.count }, () => connection.add({ ...batch.tags }));
    },
    deleteOne: async (connection, id) => {
      connection.call('delete');
      const machine = connection.machines.get(id);
      if (!machine || machine.state === 'terminated') throw new ProviderNotFoundError(`no machine ${id}`);
      connection.machines.set(id, { ...machine, state: 'terminated' });
    },
    describeBatch: async (connection, ids) => {
      connection.call('describe');
      return ids.flatMap((id) => connection.machines.get(id) ?? []);
    },
    listLocations: async (connection) => {
      connection.call('catalog');
      return [{ id: 'tiny-1', name: 'Tiny One', available: true }];
    },
    listSizes: async () => [],
    listImages: async () => [],
    checkHealth: async (connection) => {
      connection.call('health');
      return { details: { endpoint: '/me' } };
    },
    healthDetails: { endpoint: '/me' },
    plannedCalls: {
      listByTags: (tags) => ({ service: 'tiny', operation: 'GET /machines', input: tags }),
      createBatch: (batch) => ({ service: 'tiny', operation: 'POST /machines', input: { count: batch.count, token: 'tok-secret' } }),
      deleteOne: (id) => ({ service: 'tiny', operation: `DELETE /machines/${id}`, input: {} }),
    },
    extras: (kit) => ({ ping: () => kit.run('ping', async (connection) => connection.call('ping')) }),
  };
}

const tiny = (cloud = new TinyCloud(), settings: z.input<typeof SettingsSchema> = { token: 'tok-secret' }) => {
  const factory = defineComputeProvider(tinyAdapter(cloud));
  return { cloud, factory, provider: factory.create(settings, { instanceName: 'tiny-main', env: {}, sleep: async () => {}, now: () => 0 }) };
};

const request = (count: number, requestId = 'req-1'): CreateInstancesRequestV1 => ({
  requestId,
  count,
  idempotencyKey: requestId,
  template: { templateId: 'web', vmType: 'small' },
  tags: { [OHF_TAG_KEYS.requestId]: requestId },
});

describe('defineComputeProvider', () => {
  it('parses settings when built and names the config field of a bad one', () => {
    const { factory } = tiny();
    expect(() => factory.create({ pageSize: 0 })).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'config.pageSize' }));
    expect(factory.definition).toMatchObject({ type: 'tiny', displayName: 'Tiny' });
    expect(factory.definition.settingsSchema.parse({})).toEqual({ pageSize: 2 });
  });

  it('requires credentials on the first cloud call only, never to build or to plan', async () => {
    const { cloud, provider } = tiny(new TinyCloud(), {});
    await expect(provider.initialize()).rejects.toMatchObject({ code: 'MISSING_CREDENTIALS', message: expect.stringContaining('TINY_TOKEN') });
    await expect(provider.describeInstances(['1'])).rejects.toMatchObject({ code: 'MISSING_CREDENTIALS' });
    expect(await provider.healthCheck()).toMatchObject({ status: 'unhealthy', details: { code: 'MISSING_CREDENTIALS', endpoint: '/me' } });
    expect((await provider.createInstances(request(1), { dryRun: true })).plannedCalls).toHaveLength(1);
    expect((await provider.createInstances({ ...request(1), attempt: 2 }, { dryRun: true })).plannedCalls).toHaveLength(2);
    expect(cloud.connects).toBe(0);
  });

  it('lists nothing before a first try; a later try creates only the shortfall, in batches of maxInstancesPerCall, and nothing more on a retry', async () => {
    const { cloud, provider } = tiny();
    expect((await provider.createInstances(request(1, 'req-fresh'))).instances).toHaveLength(1);
    expect(cloud.calls).toEqual(['create']);
    cloud.calls.length = 0;
    cloud.add({ [OHF_TAG_KEYS.requestId]: 'req-1', [OHF_TAG_KEYS.providerInstance]: 'tiny-main' });
    const result = await provider.createInstances({ ...request(5), attempt: 2 });
    expect(result.instances).toHaveLength(5);
    expect(cloud.calls).toEqual(['list', 'create', 'create']);
    expect(result.instances[1]?.tags).toMatchObject({ [OHF_TAG_KEYS.templateId]: 'web', [OHF_TAG_KEYS.providerInstance]: 'tiny-main' });
    cloud.calls.length = 0;
    expect((await provider.createInstances({ ...request(5), attempt: 3 })).instances).toHaveLength(5);
    expect(cloud.calls).toEqual(['list']);
  });

  it('rejects a count that is not a whole number of machines with ProviderValidationError', async () => {
    const { cloud, provider } = tiny();
    for (const count of [0, -1, 1.5, Number.NaN]) {
      const error = await provider.createInstances(request(count)).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ProviderValidationError);
      expect(error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'count' });
    }
    expect(cloud.calls).toEqual([]);
  });

  it('repeats a throttled create, reports capacity as failures and throws other errors when nothing was placed', async () => {
    const { cloud, provider } = tiny();
    const rateLimited = tiny();
    // The first create is throttled: only that create is repeated.
    rateLimited.cloud.failures.push(new ProviderRateLimitError('slow down', { retryAfterMs: 5 }));
    expect((await rateLimited.provider.createInstances(request(1))).instances).toHaveLength(1);
    expect(rateLimited.cloud.calls).toEqual(['create', 'create']);

    cloud.call = failingCreates(cloud, () => new ProviderCapacityError('full'));
    const full = await provider.createInstances(request(3, 'req-full'));
    expect(full).toMatchObject({ instances: [], failures: [{ code: 'INSUFFICIENT_CAPACITY', count: 3, retryable: false, instanceType: 'small', location: 'tiny-1' }] });
    expect(cloud.calls.filter((call) => call === 'create')).toHaveLength(1);

    cloud.call = failingCreates(cloud, () => new ProviderApiError('API_ERROR', 'boom with tok-secret', { retryable: true }));
    const thrown = await provider.createInstances(request(1, 'req-boom')).catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'API_ERROR', retryable: true });
    expect((thrown as Error).message).not.toContain('tok-secret');
  });

  it('terminates per id: gone and impossible ids are alreadyGone, in the caller order', async () => {
    const { cloud, provider } = tiny();
    const [first, second] = [cloud.add({}), cloud.add({})];
    await provider.terminateInstances([second.id]);
    const result = await provider.terminateInstances(['i-0abc', first.id, second.id, first.id]);
    expect(result).toEqual({ terminated: [first.id], alreadyGone: ['i-0abc', second.id], failures: [] });
    expect((await provider.terminateInstances([first.id], { dryRun: true })).plannedCalls).toEqual([
      { service: 'tiny', operation: `DELETE /machines/${first.id}`, input: {} },
    ]);
  });

  it('describes in batches of describeBatchSize, leaving out foreign ids without a call', async () => {
    const { cloud, provider } = tiny();
    const ids = [cloud.add({}), cloud.add({}), cloud.add({})].map((machine) => machine.id);
    expect((await provider.describeInstances(['i-0abc', ...ids, '999'])).map((machine) => machine.id)).toEqual(ids);
    expect(cloud.calls).toEqual(['describe', 'describe']);
    cloud.calls.length = 0;
    expect(await provider.describeInstances(['i-0abc', ''])).toEqual([]);
    expect(cloud.calls).toEqual([]);
  });

  it('reports 429 during a health check as degraded and other failures as unhealthy', async () => {
    const { cloud, provider } = tiny();
    expect(await provider.healthCheck()).toEqual({ status: 'healthy', latencyMs: 0, checkedAt: new Date(0).toISOString(), details: { endpoint: '/me' } });
    cloud.failures.push(new ProviderRateLimitError('slow down'));
    expect((await provider.healthCheck()).status).toBe('degraded');
    cloud.failures.push(new ProviderApiError('PROVIDER_UNAVAILABLE', 'down'));
    expect(await provider.healthCheck()).toMatchObject({ status: 'unhealthy', details: { code: 'PROVIDER_UNAVAILABLE', retryable: true } });
  });

  it('caches the catalog until cleared and validates templates field by field', async () => {
    const { cloud, provider } = tiny();
    await provider.listLocations();
    await provider.listLocations();
    expect(cloud.calls).toEqual(['catalog']);
    provider.clearCatalogCache();
    await provider.listLocations();
    expect(cloud.calls).toEqual(['catalog', 'catalog']);
    expect(await provider.validateTemplate({ templateId: 'x', priceType: 'spot', keyName: 'k' })).toEqual({
      errors: [
        { field: 'priceType', message: 'Tiny has no spot pricing; use ondemand', code: 'PRICING_MODEL_UNSUPPORTED' },
        { field: 'vmType', message: 'vmType is required', code: 'VALIDATION_ERROR' },
      ],
      warnings: [{ field: 'keyName', message: 'keyName is ignored' }],
    });
  });

  it('offers listApps only when the adapter lists apps, cached with the rest of the catalog', async () => {
    const cloud = new TinyCloud();
    const withApps = defineComputeProvider({
      ...tinyAdapter(cloud),
      listApps: async (connection) => {
        connection.call('apps');
        return [{ id: '401', name: 'WordPress', kind: 'stackscript' }];
      },
    }).create({ token: 'tok-secret' }, { instanceName: 'tiny-apps', env: {}, now: () => 0 });
    expect(await withApps.listApps?.()).toEqual([{ id: '401', name: 'WordPress', kind: 'stackscript' }]);
    await withApps.listApps?.();
    expect(cloud.calls).toEqual(['apps']);
    withApps.clearCatalogCache();
    await withApps.listApps?.();
    expect(cloud.calls).toEqual(['apps', 'apps']);
    expect(tiny().provider.listApps).toBeUndefined();
  });

  describe('performAction', () => {
    const withActions = (cloud = new TinyCloud(), settings: z.input<typeof SettingsSchema> = { token: 'tok-secret' }) => {
      const adapter = tinyAdapter(cloud);
      return defineComputeProvider({
        ...adapter,
        performAction: async (connection, id, action) => {
          connection.call(`${action} ${id}`);
          if (!connection.machines.has(id)) throw new ProviderNotFoundError(`no machine ${id}`);
          return { actionId: `act-${id}` };
        },
        plannedCalls: { ...adapter.plannedCalls, performAction: (id, action) => ({ service: 'tiny', operation: `POST /machines/${id}/${action}`, input: {} }) },
      }).create(settings, { instanceName: 'tiny-actions', env: {}, sleep: async () => {}, now: () => 0 });
    };

    it('is offered only when the adapter has it, and answers with the action and its reference', async () => {
      const cloud = new TinyCloud();
      const machine = cloud.add({});
      expect(tiny().provider.performAction).toBeUndefined();
      expect(await withActions(cloud).performAction?.(machine.id, 'reboot')).toEqual({ id: machine.id, action: 'reboot', actionId: `act-${machine.id}` });
      expect(cloud.calls).toEqual([`reboot ${machine.id}`]);
    });

    it('refuses an id the cloud can never have as MACHINE_NOT_FOUND and an unknown action as VALIDATION_ERROR, without a call', async () => {
      const cloud = new TinyCloud();
      const provider = withActions(cloud);
      await expect(provider.performAction?.('i-0abc', 'boot')).rejects.toMatchObject({ code: 'MACHINE_NOT_FOUND', retryable: false });
      // @ts-expect-error -- a word outside the spec, as an untyped caller could send it
      await expect(provider.performAction?.('1', 'hibernate')).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('boot, shutdown, reboot') });
      expect(cloud.calls).toEqual([]);
    });

    it('normalizes what the cloud throws, plans a dry run without credentials, and needs them otherwise', async () => {
      const cloud = new TinyCloud();
      await expect(withActions(cloud).performAction?.('42', 'shutdown')).rejects.toMatchObject({ code: 'MACHINE_NOT_FOUND' });
      cloud.failures.push(new Error('socket hang up'));
      await expect(withActions(cloud).performAction?.('42', 'shutdown')).rejects.toMatchObject({ code: 'INTERNAL', message: 'tiny shutdownInstance: Error: socket hang up' });
      const anonymous = withActions(cloud, {});
      expect(await anonymous.performAction?.('42', 'boot', { dryRun: true })).toEqual({
        id: '42',
        action: 'boot',
        plannedCalls: [{ service: 'tiny', operation: 'POST /machines/42/boot', input: {} }],
      });
      await expect(anonymous.performAction?.('42', 'boot')).rejects.toMatchObject({ code: 'MISSING_CREDENTIALS' });
      expect(cloud.calls).toEqual(['shutdown 42', 'shutdown 42']);
    });
  });

  it('offers the optional members the adapter implements, and its extras', async () => {
    const { cloud, provider } = tiny();
    const machine = cloud.add({ [OHF_TAG_KEYS.requestId]: 'req-9' });
    expect((await provider.findInstancesByName?.([machine.name ?? '']))?.map((found) => found.id)).toEqual([machine.id]);
    expect(provider.findInstancesByTagKey).toBeUndefined();
    const released = await provider.releaseRequestResources('req-9');
    expect(released).toMatchObject({ terminated: [machine.id], alreadyGone: [], failures: [] });
    await (provider as unknown as { ping(): Promise<void> }).ping();
    expect(cloud.calls).toContain('ping');
  });
});

describe('defineComputeProvider with request-level hooks', () => {
  /** A cloud that creates whole requests and returns machines together: its adapter takes the request-level hooks. */
  const groupAdapter = (cloud: TinyCloud) => {
    const { createBatch: _createBatch, deleteOne: _deleteOne, plannedCalls, ...rest } = tinyAdapter(cloud);
    const adapter: ComputeProviderAdapter<z.infer<typeof SettingsSchema>, z.input<typeof SettingsSchema>, TinyCloud, { size: string }> = {
      ...rest,
      settingsPath: '',
      plannedCalls: { listByTags: plannedCalls.listByTags },
      createRequest: async (connection, creation, call) => {
        connection.call('create-request');
        if (call.dryRun) return { instances: [], plannedCalls: [{ service: 'tiny', operation: 'POST /groups', input: { token: 'tok-secret' } }] };
        const instances = Array.from({ length: creation.request.count }, () => connection.add({ ...creation.tags }));
        return { instances, pendingCount: 1, providerMetadata: { group: 'g-1' } };
      },
      terminateMany: async (connection, ids, call) => {
        connection.call(`terminate-many:${ids.join(',')}`);
        if (call.dryRun) return { terminated: [], alreadyGone: [], failures: [], plannedCalls: [{ service: 'tiny', operation: 'DELETE /groups', input: { ids } }] };
        return { terminated: [...ids], alreadyGone: [], failures: [] };
      },
      releaseRequest: async (connection, requestId, call) => {
        connection.call(`release:${requestId}:${call.dryRun}`);
        return { released: [{ kind: 'group', id: 'g-1', action: 'deleted' }], terminated: [], alreadyGone: [], failures: [] };
      },
      validateTemplate: (template) => ({ errors: template.vmType ? [] : [{ field: 'vmType', message: 'per API', code: 'VALIDATION_ERROR' }], warnings: [] }),
    };
    return adapter;
  };
  const grouped = (cloud = new TinyCloud()) => ({
    cloud,
    factory: defineComputeProvider(groupAdapter(cloud)),
    provider: defineComputeProvider(groupAdapter(cloud)).create({ token: 'tok-secret' }, { instanceName: 'tiny-main', env: {}, sleep: async () => {}, now: () => 0 }),
  });

  it('names a bad setting by its bare path when settingsPath is empty', () => {
    expect(() => grouped().factory.create({ pageSize: 0 })).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', field: 'pageSize' }));
  });

  it('hands createRequest the whole request and returns its complete result, still checking count and redacting', async () => {
    const { cloud, provider } = grouped();
    await expect(provider.createInstances(request(0))).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'count' });
    const result = await provider.createInstances(request(3));
    expect(result).toMatchObject({ pendingCount: 1, providerMetadata: { group: 'g-1' } });
    expect(result.instances).toHaveLength(3);
    expect(result.instances[0]?.tags).toMatchObject({ [OHF_TAG_KEYS.requestId]: 'req-1', [OHF_TAG_KEYS.providerInstance]: 'tiny-main' });
    expect(cloud.calls).toEqual(['create-request']);
    const planned = await provider.createInstances(request(1), { dryRun: true });
    expect(JSON.stringify(planned.plannedCalls)).not.toContain('tok-secret');
    cloud.failures.push(new Error('boom'));
    await expect(provider.createInstances(request(1, 'req-2'))).rejects.toMatchObject({ code: 'INTERNAL', message: 'tiny createInstances: Error: boom' });
  });

  it('hands terminateMany every id this cloud can have at once; the others are alreadyGone', async () => {
    const { cloud, provider } = grouped();
    expect(await provider.terminateInstances(['1', 'x-1', '2', '1'])).toEqual({ terminated: ['1', '2'], alreadyGone: ['x-1'], failures: [] });
    expect(cloud.calls).toEqual(['terminate-many:1,2']);
    expect((await provider.terminateInstances(['2'], { dryRun: true })).plannedCalls).toEqual([{ service: 'tiny', operation: 'DELETE /groups', input: { ids: ['2'] } }]);
    expect(await provider.terminateInstances(['x-2'], { dryRun: true })).toEqual({ terminated: [], alreadyGone: ['x-2'], failures: [], plannedCalls: [] });
  });

  it('hands releaseRequest and validateTemplate the whole job', async () => {
    const { cloud, provider } = grouped();
    expect(await provider.releaseRequestResources('req-7', { dryRun: true })).toMatchObject({ released: [{ kind: 'group', id: 'g-1', action: 'deleted' }] });
    expect(cloud.calls).toEqual(['release:req-7:true']);
    expect(await provider.validateTemplate({ templateId: 'x', priceType: 'spot' })).toEqual({
      errors: [{ field: 'vmType', message: 'per API', code: 'VALIDATION_ERROR' }],
      warnings: [],
    });
  });
});

function failingCreates(cloud: TinyCloud, error: () => Error): TinyCloud['call'] {
  return function (this: TinyCloud, operation: string) {
    cloud.calls.push(operation);
    if (operation === 'create') throw error();
  };
}
