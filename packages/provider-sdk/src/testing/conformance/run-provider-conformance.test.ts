import { describe, expect, it } from 'vitest';
import {
  InvalidProviderOptionsError,
  ProviderAuthError,
  ProviderCapacityError,
  ProviderNotFoundError,
  type ComputeProviderV1,
  type ProviderApiError,
  type HealthCheckResultV1,
  InstanceV1Schema,
  type InstanceV1,
} from '../../index.js';
import { InMemoryCloud } from '../in-memory/in-memory-cloud.js';
import { createInMemoryProvider, type InMemoryProvider } from '../in-memory/in-memory-provider.js';
import { IN_MEMORY_NATIVE_STATES, IN_MEMORY_STATE_MAP } from '../in-memory/in-memory-state-map.js';
import { conformanceChecks, type ProviderConformanceOptions } from './run-provider-conformance.js';

/** A provider that delegates to the in-memory double except where a test breaks a rule. */
function brokenProvider(base: InMemoryProvider, overrides: Partial<ComputeProviderV1>): ComputeProviderV1 {
  return {
    specificationVersion: 'v1',
    providerId: base.providerId,
    instanceName: base.instanceName,
    capabilities: base.capabilities,
    initialize: (options) => base.initialize(options),
    healthCheck: (options) => base.healthCheck(options),
    listLocations: (options) => base.listLocations(options),
    listSizes: (options) => base.listSizes(options),
    listImages: (options) => base.listImages(options),
    createInstances: (request, options) => base.createInstances(request, options),
    describeInstances: (ids, options) => base.describeInstances(ids, options),
    terminateInstances: (ids, options) => base.terminateInstances(ids, options),
    findInstancesByTag: (tags, options) => base.findInstancesByTag(tags, options),
    validateTemplate: (template, options) => base.validateTemplate(template, options),
    ...overrides,
  };
}

/** Runs one check (by the start of its name) against a provider built fresh after a reset. */
async function runCheck(
  name: string,
  overrides: (base: InMemoryProvider) => Partial<ComputeProviderV1>,
  fixtures: Partial<ProviderConformanceOptions['fixtures']> = {},
  extra: Pick<ProviderConformanceOptions, 'optionalMembers'> = {},
): Promise<unknown> {
  const cloud = new InMemoryCloud();
  const base = createInMemoryProvider({ cloud });
  const options: ProviderConformanceOptions = {
    name: 'kit self-test',
    createProvider: () => brokenProvider(base, overrides(base)),
    harness: base.harness,
    fixtures: { template: { templateId: 'kit' }, nativeStates: IN_MEMORY_NATIVE_STATES, stateMap: IN_MEMORY_STATE_MAP, ...fixtures },
    ...extra,
  };
  await options.harness.reset();
  const provider = await options.createProvider();
  const matching = conformanceChecks(options, () => provider).filter((check) => check.name.startsWith(name));
  expect(matching, `exactly one check named "${name}…"`).toHaveLength(1);
  try {
    await matching[0]?.run();
    return undefined;
  } catch (error) {
    return error;
  }
}

const withoutTags = (instance: InstanceV1): InstanceV1 => ({ ...instance, tags: {} });

describe('conformanceChecks', () => {
  it('all pass for the in-memory double as it is', async () => {
    const cloud = new InMemoryCloud();
    const base = createInMemoryProvider({ cloud });
    const options: ProviderConformanceOptions = {
      name: 'kit self-test',
      createProvider: () => createInMemoryProvider({ cloud }),
      harness: base.harness,
      fixtures: { template: { templateId: 'kit' }, nativeStates: IN_MEMORY_NATIVE_STATES, stateMap: IN_MEMORY_STATE_MAP },
    };
    let provider = base as ComputeProviderV1;
    const checks = conformanceChecks(options, () => provider);
    expect(checks.length).toBeGreaterThanOrEqual(18);
    for (const check of checks) {
      await options.harness.reset();
      provider = await options.createProvider();
      await expect(check.run(), check.name).resolves.toBeUndefined();
    }
  });

  it.each([
    [
      'the declared capabilities break the schema',
      'declares spec v1',
      (base: InMemoryProvider) => ({ capabilities: { ...base.capabilities, maxInstancesPerCall: 0 } }),
    ],
    [
      'a health result breaks the schema',
      'initializes and reports health',
      () => ({ healthCheck: async () => ({ status: 'ok', latencyMs: 1, checkedAt: 'now' }) as unknown as HealthCheckResultV1 }),
    ],
    [
      'described machines lose their tags',
      'creates tagged machines',
      (base: InMemoryProvider) => ({ describeInstances: async (ids: readonly string[]) => (await base.describeInstances(ids)).map(withoutTags) }),
    ],
    [
      'found machines lose their tags',
      'finds machines by tag',
      (base: InMemoryProvider) => ({
        findInstancesByTag: async (tags: Readonly<Record<string, string>>) => (await base.findInstancesByTag(tags)).map(withoutTags),
      }),
    ],
    [
      'a retried request creates again',
      'never creates a second set',
      (base: InMemoryProvider) => ({
        createInstances: (request: Parameters<ComputeProviderV1['createInstances']>[0]) =>
          // Forgets what the request already has: every attempt looks like a new request.
          base.createInstances({
            ...request,
            requestId: `${request.requestId}:${request.attempt ?? 1}`,
            idempotencyKey: `${request.idempotencyKey}:${request.attempt ?? 1}`,
          }),
      }),
    ],
    [
      'terminating a gone machine throws',
      'terminates idempotently',
      (base: InMemoryProvider) => ({
        terminateInstances: async (ids: readonly string[]) => {
          const result = await base.terminateInstances(ids);
          if (result.alreadyGone?.length) throw new ProviderNotFoundError(`gone: ${result.alreadyGone.join(', ')}`);
          return result;
        },
      }),
    ],
    [
      'machines are described one call each',
      'describes N machines in batches',
      (base: InMemoryProvider) => ({
        describeInstances: async (ids: readonly string[]) => (await Promise.all(ids.map((id) => base.describeInstances([id])))).flat(),
      }),
    ],
    [
      'capacity shortfalls are thrown',
      'reports partial fulfilment',
      (base: InMemoryProvider) => ({
        createInstances: async (request: Parameters<ComputeProviderV1['createInstances']>[0]) => {
          const result = await base.createInstances(request);
          if (result.failures?.length) throw new ProviderCapacityError('full');
          return result;
        },
      }),
    ],
    [
      'removed machines still read as they were created',
      'shows machines removed out of band',
      (base: InMemoryProvider) => {
        const created = new Map<string, InstanceV1>();
        return {
          createInstances: async (request: Parameters<ComputeProviderV1['createInstances']>[0]) => {
            const result = await base.createInstances(request);
            for (const instance of result.instances) created.set(instance.id, InstanceV1Schema.parse(instance));
            return result;
          },
          describeInstances: async (ids: readonly string[]) => {
            const found = await base.describeInstances(ids);
            return ids.flatMap((id) => found.find((instance) => instance.id === id) ?? created.get(id) ?? []);
          },
        };
      },
    ],
    [
      'a 429 loses its code and Retry-After',
      'treats 429 as retryable',
      (base: InMemoryProvider) => ({
        describeInstances: (ids: readonly string[]) =>
          base.describeInstances(ids).catch((error: Error) => {
            throw new Error(error.message);
          }),
      }),
    ],
    [
      'a persistent 5xx is reported as not retryable',
      'surfaces a persistent 5xx',
      (base: InMemoryProvider) => ({
        describeInstances: (ids: readonly string[]) =>
          base.describeInstances(ids).catch(() => {
            throw new ProviderCapacityError('not really');
          }),
      }),
    ],
    [
      'a 401 is retried',
      'treats 401 as INVALID_CREDENTIALS',
      (base: InMemoryProvider) => ({
        describeInstances: (ids: readonly string[]) => base.describeInstances(ids).catch(() => base.describeInstances(ids)),
      }),
    ],
    [
      'a dry run creates machines',
      'never creates machines on a dry run',
      (base: InMemoryProvider) => ({
        createInstances: (request: Parameters<ComputeProviderV1['createInstances']>[0]) => base.createInstances(request, { dryRun: false }),
      }),
    ],
    [
      'a dry run terminates machines',
      'never terminates machines on a dry run',
      (base: InMemoryProvider) => ({
        terminateInstances: (ids: readonly string[]) => base.terminateInstances(ids, { dryRun: false }),
      }),
    ],
    [
      "an id in another cloud's format fails the describe",
      'leaves ids it does not know',
      (base: InMemoryProvider) => ({
        describeInstances: async (ids: readonly string[]) => {
          const foreign = ids.find((id) => !id.startsWith('mem-'));
          if (foreign !== undefined) throw new ProviderNotFoundError(`unknown id ${foreign}`);
          return base.describeInstances(ids);
        },
      }),
    ],
    [
      'a lookup by name finds nothing',
      'finds machines by the name',
      () => ({ findInstancesByName: async () => [] }),
    ],
    [
      'a lookup by name answers every machine',
      'finds machines by the name',
      (base: InMemoryProvider) => ({ findInstancesByName: () => base.findInstancesByTag({}) }),
    ],
    [
      'a tag-key listing leaves machines out',
      'lists every machine carrying a tag key',
      (base: InMemoryProvider) => ({ findInstancesByTagKey: async (key: string) => (await base.findInstancesByTagKey(key)).slice(1) }),
    ],
    [
      'a tag-key listing ignores the key',
      'lists every machine carrying a tag key',
      (base: InMemoryProvider) => ({ findInstancesByTagKey: () => base.findInstancesByTag({}) }),
    ],
    [
      'a release leaves the machines running',
      'releases everything a request launched',
      () => ({ releaseRequestResources: async () => ({ released: [] }) }),
    ],
    [
      'a release terminates on a dry run',
      'releases everything a request launched',
      (base: InMemoryProvider) => ({ releaseRequestResources: (requestId: string) => base.releaseRequestResources(requestId) }),
    ],
    [
      'an impossible id fails terminate instead of counting as gone',
      'counts an id this cloud can never have',
      (base: InMemoryProvider) => ({
        terminateInstances: async (ids: readonly string[]) => {
          const result = await base.terminateInstances(ids.filter((id) => !id.includes(' ')));
          const invalid = ids.filter((id) => id.includes(' ')).map((id) => ({ id, code: 'VALIDATION_ERROR' as const, message: 'not an id', retryable: false }));
          return { ...result, failures: invalid };
        },
      }),
    ],
    [
      'a count of 0 is accepted',
      'rejects a count that is not a whole number',
      (base: InMemoryProvider) => ({
        createInstances: async (request: Parameters<ComputeProviderV1['createInstances']>[0]) =>
          request.count === 0 ? { instances: [] } : base.createInstances(request),
      }),
    ],
    [
      'a bad count is refused with another error class',
      'rejects a count that is not a whole number',
      () => ({
        createInstances: async () => {
          throw new InvalidProviderOptionsError('count must be positive', { field: 'count' });
        },
      }),
    ],
    [
      'no capacity at all is thrown instead of reported',
      'reports capacity and quota answers in failures',
      () => ({
        createInstances: async () => {
          throw new ProviderCapacityError('full');
        },
      }),
    ],
    [
      'a create answered with 5xx is reported instead of thrown when nothing was placed',
      'throws any other error when no machine could be placed',
      (base: InMemoryProvider) => ({
        createInstances: async (request: Parameters<ComputeProviderV1['createInstances']>[0]) => {
          try {
            return await base.createInstances(request);
          } catch (error) {
            const { code, message, retryable } = error as ProviderApiError;
            return { instances: [], failures: [{ code, message, retryable, count: request.count }] };
          }
        },
      }),
    ],
    [
      'a throttled health check is unhealthy',
      'reports health as degraded while throttled',
      (base: InMemoryProvider) => ({
        healthCheck: async () => {
          const health = await base.healthCheck();
          return health.status === 'degraded' ? { ...health, status: 'unhealthy' as const } : health;
        },
      }),
    ],
    [
      'catalog reads are not cached',
      'serves catalog reads from its cache',
      (base: InMemoryProvider) => ({
        listSizes: async () => {
          await base.findInstancesByTag({});
          return base.listSizes();
        },
      }),
    ],
  ] as const)('fail when %s', async (_description, checkName, overrides) => {
    const failure = await runCheck(checkName, overrides, {});
    expect(failure).toBeInstanceOf(Error);
  });

  it.each([
    ['a negative price', { spotHourlyPriceUsd: -0.01 }, 'listSizes returned a value that does not match'],
    ['swapped hourly and monthly prices', { hourlyPriceUsd: 5, monthlyPriceUsd: 0.0075 }, 'monthlyPriceUsd below hourlyPriceUsd'],
    ['an architecture no other cloud names', { architecture: 'amd64' }, 'architecture "amd64"'],
    ['a size listed twice', {}, 'listSizes lists an id twice'],
  ] as const)('fail the catalog check for %s', async (description, change, message) => {
    const failure = await runCheck('lists a catalog with usable fields', (base) => ({
      listSizes: async () => {
        const [first, ...rest] = await base.listSizes();
        if (!first) throw new Error('the in-memory catalog has sizes');
        return description === 'a size listed twice' ? [first, first, ...rest] : [{ ...first, ...change }, ...rest];
      },
    }));
    expect(String(failure)).toContain(message);
  });

  it('fail when listApps answers outside the spec shape', async () => {
    const failure = await runCheck('lists one-click apps', () => ({
      listApps: async () => [{ id: '', name: 'nameless', kind: 'stackscript' as const }],
    }));
    expect(String(failure)).toContain('listApps returned a value that does not match');
  });

  it('pass for the double, and fail when performAction accepts a machine the cloud does not have or changes it on a dry run', async () => {
    expect(await runCheck('boots, shuts down and reboots', (base) => ({ performAction: (id, action, options) => base.performAction(id, action, options) }))).toBeUndefined();
    const lenient = await runCheck('boots, shuts down and reboots', (base) => ({
      performAction: async (id, action, options) => (id.startsWith('not an id') ? { id, action } : base.performAction(id, action, options)),
    }));
    expect(String(lenient)).toContain('instead of rejecting');
    const careless = await runCheck('never changes a machine on a dry run action', (base) => ({
      performAction: (id, action) => base.performAction(id, action),
    }));
    expect(String(careless)).toContain('a dry run action plans its calls');
  });

  it('fail when an optional member named in optionalMembers is missing, and pass when none is named', async () => {
    const missing = await runCheck('releases everything a request launched', () => ({}), {}, { optionalMembers: ['releaseRequestResources'] });
    expect(String(missing)).toContain('releaseRequestResources is named in optionalMembers but not implemented');
    expect(await runCheck('releases everything a request launched', () => ({}))).toBeUndefined();
  });

  it('fail when the state map misses a native state', async () => {
    const { booting: _booting, ...incomplete } = IN_MEMORY_STATE_MAP;
    const failure = await runCheck('maps every native state', () => ({}), { stateMap: incomplete });
    expect(String(failure)).toContain('native state "booting" is not mapped');
  });

  it('fail when declared capabilities are not what the provider expects of itself', async () => {
    const cloud = new InMemoryCloud();
    const base = createInMemoryProvider({ cloud });
    const options: ProviderConformanceOptions = {
      name: 'kit self-test',
      createProvider: () => base,
      harness: base.harness,
      fixtures: { template: { templateId: 'kit' } },
      capabilities: { describeBatchSize: 1000 },
    };
    const [declares] = conformanceChecks(options, () => base);
    await expect(declares?.run()).rejects.toThrow();
  });

  it('check missing credentials only when the provider can be built without them, and fail an eager or silent provider', async () => {
    const cloud = new InMemoryCloud();
    const base = createInMemoryProvider({ cloud });
    const missing = () => new ProviderAuthError('MISSING_CREDENTIALS', 'no token');
    const lazy = brokenProvider(base, {
      initialize: async () => Promise.reject(missing()),
      createInstances: async () => Promise.reject(missing()),
      findInstancesByTag: async () => Promise.reject(missing()),
      healthCheck: async () => ({ status: 'unhealthy', latencyMs: 0, checkedAt: new Date(0).toISOString(), details: { code: 'MISSING_CREDENTIALS' } }),
    });
    const silent = brokenProvider(base, {});
    const run = async (createProviderWithoutCredentials: ProviderConformanceOptions['createProviderWithoutCredentials']) => {
      const options: ProviderConformanceOptions = {
        name: 'kit self-test',
        createProvider: () => base,
        ...(createProviderWithoutCredentials ? { createProviderWithoutCredentials } : {}),
        harness: base.harness,
        fixtures: { template: { templateId: 'kit' } },
      };
      return conformanceChecks(options, () => base).filter((check) => check.name.startsWith('builds without credentials'));
    };
    expect(await run(undefined)).toEqual([]);
    const [passes] = await run(() => lazy);
    await expect(passes?.run()).resolves.toBeUndefined();
    const [fails] = await run(() => silent);
    await expect(fails?.run()).rejects.toThrow();
    const [eager] = await run(() => {
      throw missing();
    });
    await expect(eager?.run()).rejects.toThrow('no token');
  });
});
