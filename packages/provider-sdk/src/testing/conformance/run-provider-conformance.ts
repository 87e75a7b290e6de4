import { randomUUID } from 'node:crypto';
import type * as VitestModule from 'vitest';
import type { z } from 'zod';
import {
  CreateInstancesResultV1Schema,
  HealthCheckResultV1Schema,
  ImageV1Schema,
  INSTANCE_STATES_V1,
  InstanceV1Schema,
  LocationV1Schema,
  mapInstanceState,
  OHF_TAG_KEYS,
  ProviderApiError,
  ProviderCapabilitiesV1Schema,
  ReleaseRequestResultV1Schema,
  SizeV1Schema,
  TemplateValidationResultV1Schema,
  TerminateResultV1Schema,
  type ComputeProviderV1,
  type CreateInstancesRequestV1,
  type InstanceStateV1,
  type InstanceV1,
  type ProviderCapabilitiesV1,
  type ProviderTemplateV1,
} from '../../index.js';
import type { ConformanceFailureKind, ConformanceHarness } from './conformance-harness.js';

export interface ProviderConformanceOptions {
  /** Shown in the suite name. */
  readonly name: string;
  /**
   * Builds the provider under test against the harness's backend. Give it a retry policy
   * with an instant `sleep`: the kit makes the backend answer `Retry-After: 1`.
   */
  readonly createProvider: () => ComputeProviderV1 | Promise<ComputeProviderV1>;
  readonly fixtures: {
    /** A template the backend accepts. */
    readonly template: ProviderTemplateV1;
    /** Every native state the cloud documents; each must be in `stateMap`. Default: the map's keys. */
    readonly nativeStates?: readonly string[];
    /** The provider's state map (e.g. `LINODE_STATE_MAP`). */
    readonly stateMap?: Readonly<Record<string, InstanceStateV1>>;
  };
  readonly harness: ConformanceHarness;
  /** Capabilities the provider must declare, e.g. `{ describeBatchSize: 1000 }`. */
  readonly capabilities?: Partial<ProviderCapabilitiesV1>;
  /**
   * Optional members of the contract the provider must implement. The kit checks every optional
   * member a provider has; naming one here also fails the suite when it is missing.
   */
  readonly optionalMembers?: readonly OptionalMemberV1[];
}

/** The optional members of `ComputeProviderV1` the kit knows how to check. */
export const OPTIONAL_MEMBERS_V1 = ['findInstancesByName', 'findInstancesByTagKey', 'releaseRequestResources'] as const;
export type OptionalMemberV1 = (typeof OPTIONAL_MEMBERS_V1)[number];

type Vitest = typeof VitestModule;

// Loaded softly: this entry also carries the in-memory test double, which applications load
// (e.g. a `memory` provider in a trial config) where vitest is not installed.
const vitest: Vitest | undefined = await import('vitest').catch(() => undefined);

function requireVitest(): Vitest {
  if (!vitest) throw new Error('runProviderConformance needs vitest (^3.2 or ^4): install it as a dev dependency.');
  return vitest;
}

/** Retry-After the kit asks the backend to send with 429/5xx answers. */
const RETRY_AFTER_SECONDS = 1;
/** Failing calls in a row that outlast any sensible retry policy. */
const PERSISTENT_FAILURES = 50;
/** Machines created for the batching check. */
const BATCH_MACHINES = 3;

/**
 * Registers a vitest suite that proves a provider honours ComputeProviderV1: result shapes,
 * state-map totality, idempotent create and terminate, batched reads, the error contract,
 * tag round trip, partial fulfilment and out-of-band removal.
 */
export function runProviderConformance(options: ProviderConformanceOptions): void {
  const { afterEach, beforeEach, describe, it } = requireVitest();
  describe(`${options.name}: ComputeProviderV1 conformance`, () => {
    let provider: ComputeProviderV1 | undefined;

    beforeEach(async () => {
      await options.harness.reset();
      provider = await options.createProvider();
    });

    afterEach(async () => {
      await provider?.dispose?.();
      provider = undefined;
    });

    const current = (): ComputeProviderV1 => {
      if (!provider) throw new Error('The conformance kit has no provider: createProvider() did not run or failed.');
      return provider;
    };
    for (const check of conformanceChecks(options, current)) it(check.name, () => check.run());
  });
}

/** One check of the kit; `runProviderConformance` makes each a vitest test. */
export interface ConformanceCheck {
  readonly name: string;
  run(): Promise<void>;
}

/**
 * The checks, each run against the provider `provider()` returns (created after
 * `harness.reset()`). Separate from the vitest wiring so the kit's own tests can prove each
 * check fails for a provider that breaks its rule.
 */
export function conformanceChecks(options: ProviderConformanceOptions, provider: () => ComputeProviderV1): ConformanceCheck[] {
  const { expect } = requireVitest();
  const { harness, fixtures } = options;
  const checks: ConformanceCheck[] = [];
  const check = (name: string, run: () => void | Promise<void>): void => {
    checks.push({ name, run: async () => run() });
  };

  const newRequest = (count: number, extraTags: Record<string, string> = {}): CreateInstancesRequestV1 => {
    const requestId = `req-${randomUUID()}`;
    return {
      requestId,
      template: fixtures.template,
      count,
      idempotencyKey: `${requestId}:${provider().instanceName}`,
      attempt: 1,
      tags: {
        [OHF_TAG_KEYS.requestId]: requestId,
        [OHF_TAG_KEYS.templateId]: fixtures.template.templateId,
        [OHF_TAG_KEYS.providerInstance]: provider().instanceName,
        ...extraTags,
      },
    };
  };

  /** Creates machines and returns their ids, including any an asynchronous API reports later. */
  const createMachines = async (count: number, extraTags: Record<string, string> = {}) => {
    const request = newRequest(count, extraTags);
    const result = parse(CreateInstancesResultV1Schema, await provider().createInstances(request), 'createInstances');
    const ids = await eventualIds(provider(), request, result);
    return { request, result, ids };
  };

  const countBackendCalls = (): number =>
    harness.callCount('create') + harness.callCount('describe') + harness.callCount('terminate') + harness.callCount('list');

  check('declares spec v1, an identity and valid capabilities', () => {
    expect(provider().specificationVersion).toBe('v1');
    expect(provider().providerId).toMatch(/\S/);
    expect(provider().instanceName).toMatch(/\S/);
    const capabilities = parse(ProviderCapabilitiesV1Schema, provider().capabilities, 'capabilities');
    if (options.capabilities) expect(capabilities).toMatchObject(options.capabilities);
  });

  check('initializes and reports health with latency', async () => {
    await provider().initialize();
    const health = parse(HealthCheckResultV1Schema, await provider().healthCheck(), 'healthCheck');
    expect(health.status).toBe('healthy');
    expect(Number.isNaN(Date.parse(health.checkedAt))).toBe(false);
  });

  check('lists locations, sizes and images in the spec shapes', async () => {
    const [locations, sizes, images] = await Promise.all([provider().listLocations(), provider().listSizes(), provider().listImages()]);
    for (const location of locations) parse(LocationV1Schema, location, 'listLocations');
    for (const size of sizes) parse(SizeV1Schema, size, 'listSizes');
    for (const image of images) parse(ImageV1Schema, image, 'listImages');
  });

  check('validates the fixture template without errors', async () => {
    const result = parse(TemplateValidationResultV1Schema, await provider().validateTemplate(fixtures.template), 'validateTemplate');
    expect(result.errors).toEqual([]);
  });

  if (fixtures.stateMap) {
    const stateMap = fixtures.stateMap;
    check('maps every native state and anything else to unknown', () => {
      const nativeStates = fixtures.nativeStates ?? Object.keys(stateMap);
      expect(nativeStates.length).toBeGreaterThan(0);
      for (const nativeState of nativeStates) {
        expect(Object.prototype.hasOwnProperty.call(stateMap, nativeState), `native state "${nativeState}" is not mapped`).toBe(true);
        expect(INSTANCE_STATES_V1).toContain(stateMap[nativeState]);
      }
      expect(mapInstanceState(stateMap, `not-a-state-${randomUUID()}`)).toBe('unknown');
      expect(mapInstanceState(stateMap, undefined)).toBe('unknown');
    });
  }

  check('creates tagged machines and describes them with normalized and raw states', async () => {
    const { request, result, ids } = await createMachines(2, { team: 'conformance' });
    expect(result.failures).toEqual([]);
    expect(ids).toHaveLength(2);
    const described = await describeAll(provider(), ids);
    expect(described.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    for (const instance of described) {
      expect(instance.rawState).toMatch(/\S/);
      if (fixtures.stateMap) expect(instance.state).toBe(mapInstanceState(fixtures.stateMap, instance.rawState));
      expect(['pending', 'running']).toContain(instance.state);
      expect(instance.tags).toMatchObject(request.tags);
    }
  });

  check('finds machines by tag for reconciliation (tag round trip)', async () => {
    const { request, ids } = await createMachines(2, { team: 'conformance' });
    const other = await createMachines(1);
    const found = parseInstances(
      await provider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId }),
      'findInstancesByTag',
    );
    expect(found.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    for (const instance of found) expect(instance.tags).toMatchObject(request.tags);
    const byTemplateAndInstance = await provider().findInstancesByTag({
      [OHF_TAG_KEYS.templateId]: fixtures.template.templateId,
      [OHF_TAG_KEYS.providerInstance]: provider().instanceName,
    });
    expect(byTemplateAndInstance.map((instance) => instance.id).sort()).toEqual([...ids, ...other.ids].sort());
  });

  check("leaves ids it does not know, in another cloud's format too, out of describe without an error", async () => {
    const { ids } = await createMachines(1);
    const foreign = [
      'i-0123456789abcdef0',
      '987654321',
      `m-${randomUUID()}`,
      `not an id ${randomUUID()}`,
      '',
    ];
    const described = parseInstances(await provider().describeInstances([...foreign, ...ids]), 'describeInstances (foreign ids)');
    expect(described.map((instance) => instance.id)).toEqual(ids);
  });

  /** The member, or undefined when the provider leaves it out (a failure when `optionalMembers` names it). */
  const optional = <Member extends OptionalMemberV1>(member: Member): NonNullable<ComputeProviderV1[Member]> | undefined => {
    const implementation = provider()[member];
    if (options.optionalMembers?.includes(member)) {
      expect(typeof implementation, `${member} is named in optionalMembers but not implemented`).toBe('function');
    }
    return typeof implementation === 'function' ? (implementation.bind(provider()) as NonNullable<ComputeProviderV1[Member]>) : undefined;
  };

  check('finds machines by the name or host name describe reports (optional findInstancesByName)', async () => {
    const findByName = optional('findInstancesByName');
    if (findByName === undefined) return;
    const { ids } = await createMachines(2);
    await createMachines(1);
    const described = await describeAll(provider(), ids);
    const [first, second] = described;
    const names = [first?.hostName ?? first?.name, second?.name ?? second?.hostName].filter((name): name is string => typeof name === 'string');
    expect(names, 'a provider that finds machines by name must report name or hostName').toHaveLength(2);
    const found = parseInstances(await findByName([...names, `no-such-host-${randomUUID()}`]), 'findInstancesByName');
    expect(found.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    expect(await findByName([`no-such-host-${randomUUID()}`])).toEqual([]);
  });

  check('lists every machine carrying a tag key, whatever its value (optional findInstancesByTagKey)', async () => {
    const findByTagKey = optional('findInstancesByTagKey');
    if (findByTagKey === undefined) return;
    const first = await createMachines(2);
    const second = await createMachines(1);
    const found = parseInstances(await findByTagKey(OHF_TAG_KEYS.requestId), 'findInstancesByTagKey');
    expect(found.map((instance) => instance.id)).toEqual(expect.arrayContaining([...first.ids, ...second.ids]));
    for (const instance of found) expect(instance.tags[OHF_TAG_KEYS.requestId]).toMatch(/\S/);
    const absent = parseInstances(await findByTagKey(`conformance-absent-${randomUUID().slice(0, 8)}`), 'findInstancesByTagKey (absent key)');
    expect(absent).toEqual([]);
  });

  check('releases everything a request launched, idempotently, and nothing on a dry run (optional releaseRequestResources)', async () => {
    const release = optional('releaseRequestResources');
    if (release === undefined) return;
    const target = await createMachines(2);
    const bystander = await createMachines(1);
    const planned = parse(ReleaseRequestResultV1Schema, await release(target.request.requestId, { dryRun: true }), 'releaseRequestResources (dry run)');
    expect(planned.terminated).toEqual([]);
    for (const instance of await describeAll(provider(), target.ids)) expect(instance.state).not.toBe('terminated');

    const released = parse(ReleaseRequestResultV1Schema, await release(target.request.requestId), 'releaseRequestResources');
    expect(released.failures).toEqual([]);
    expect([...released.terminated, ...released.alreadyGone]).toEqual(expect.arrayContaining(target.ids));
    for (const instance of await describeAll(provider(), target.ids)) expect(['terminated', 'shutting_down']).toContain(instance.state);
    const [kept] = await describeAll(provider(), bystander.ids);
    expect(kept?.state).not.toBe('terminated');

    const again = parse(ReleaseRequestResultV1Schema, await release(target.request.requestId), 'releaseRequestResources (again)');
    expect(again.failures).toEqual([]);
    expect(again.terminated.filter((id) => !target.ids.includes(id))).toEqual([]);
  });

  check('never creates a second set of machines for a retried request', async () => {
    const { request, ids } = await createMachines(2);
    const retried = parse(
      CreateInstancesResultV1Schema,
      await provider().createInstances({ ...request, attempt: 2 }),
      'createInstances (retried)',
    );
    for (const instance of retried.instances) expect(ids).toContain(instance.id);
    expect(retried.failures).toEqual([]);
    const tagged = await provider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId });
    expect(tagged.filter((instance) => instance.state !== 'terminated').map((instance) => instance.id).sort()).toEqual([...ids].sort());
  });

  check('terminates idempotently: gone machines are success, listed in alreadyGone', async () => {
    const { ids } = await createMachines(2);
    const result = parse(TerminateResultV1Schema, await provider().terminateInstances(ids), 'terminateInstances');
    expect(result.failures).toEqual([]);
    expect([...result.terminated, ...result.alreadyGone].sort()).toEqual([...ids].sort());
    const again = parse(TerminateResultV1Schema, await provider().terminateInstances(ids), 'terminateInstances (again)');
    expect(again.failures).toEqual([]);
    expect([...again.terminated, ...again.alreadyGone].sort()).toEqual([...ids].sort());

    const { ids: more } = await createMachines(1);
    const [removed = ''] = more;
    await harness.removeOutOfBand(removed);
    const gone = parse(TerminateResultV1Schema, await provider().terminateInstances([removed]), 'terminateInstances (removed)');
    expect(gone).toMatchObject({ terminated: [], alreadyGone: [removed], failures: [] });
  });

  check('describes N machines in batches, never one call per machine', async () => {
    const { ids } = await createMachines(BATCH_MACHINES);
    expect(ids).toHaveLength(BATCH_MACHINES);
    const batchSize = provider().capabilities.describeBatchSize;
    const before = harness.callCount('describe') + harness.callCount('list');
    const described = parseInstances(await provider().describeInstances(ids), 'describeInstances');
    const calls = harness.callCount('describe') + harness.callCount('list') - before;
    expect(described.map((instance) => instance.id).sort()).toEqual([...ids].sort());
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(Math.ceil(BATCH_MACHINES / batchSize));
    if (batchSize > 1) expect(calls).toBeLessThan(BATCH_MACHINES);
  });

  check('reports partial fulfilment in failures instead of throwing', async () => {
    await harness.limitCapacity(1);
    const request = newRequest(3);
    const result = parse(CreateInstancesResultV1Schema, await provider().createInstances(request), 'createInstances (limited)');
    const placed = result.instances.length + result.pendingCount;
    expect(placed).toBeLessThanOrEqual(1);
    const failed = result.failures.reduce((total, failure) => total + failure.count, 0);
    expect(placed + failed).toBe(3);
    expect(result.failures.map((failure) => failure.code)).toContain('INSUFFICIENT_CAPACITY');
    for (const failure of result.failures) expect(failure.retryable).toBe(false);
  });

  check('shows machines removed out of band as terminated or absent', async () => {
    const { ids } = await createMachines(2);
    const [removed = '', kept = ''] = ids;
    await harness.removeOutOfBand(removed);
    const described = await describeAll(provider(), ids);
    const removedView = described.find((instance) => instance.id === removed);
    if (removedView) expect(removedView.state).toBe('terminated');
    expect(described.find((instance) => instance.id === kept)?.state).not.toBe('terminated');
  });

  for (const kind of ['rate_limit', 'server_error'] as const) {
    const expectedCodes = kind === 'rate_limit' ? ['RATE_LIMIT_EXCEEDED'] : ['PROVIDER_UNAVAILABLE', 'API_ERROR'];

    check(`treats ${kind === 'rate_limit' ? '429' : '5xx'} as retryable: retried successfully or surfaced with retryAfterMs`, async () => {
      const { ids } = await createMachines(1);
      const before = countBackendCalls();
      await harness.failNextCall(kind, { times: 1, retryAfterSeconds: RETRY_AFTER_SECONDS });
      const outcome = await settle(provider().describeInstances(ids));
      if (outcome.ok) {
        // Retried internally: the failed call and the successful one both reached the backend.
        expect(outcome.value.map((instance) => instance.id)).toEqual(ids);
        expect(countBackendCalls() - before).toBeGreaterThanOrEqual(2);
      } else {
        expectRetryableError(outcome.error, expectedCodes, kind);
      }
    });

    check(`surfaces a persistent ${kind === 'rate_limit' ? '429' : '5xx'} as a retryable ProviderApiError once retries are exhausted`, async () => {
      const { ids } = await createMachines(1);
      await harness.failNextCall(kind, { times: PERSISTENT_FAILURES, retryAfterSeconds: RETRY_AFTER_SECONDS });
      const outcome = await settle(provider().describeInstances(ids));
      expect(outcome.ok, 'a call failing every time must not succeed').toBe(false);
      if (!outcome.ok) expectRetryableError(outcome.error, expectedCodes, kind);
    });
  }

  for (const [kind, code] of [
    ['unauthorized', 'INVALID_CREDENTIALS'],
    ['forbidden', 'FORBIDDEN'],
  ] as const) {
    check(`treats ${kind === 'unauthorized' ? '401' : '403'} as ${code}, not retryable and not retried`, async () => {
      const { ids } = await createMachines(1);
      const before = countBackendCalls();
      await harness.failNextCall(kind);
      const outcome = await settle(provider().describeInstances(ids));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(ProviderApiError.isInstance(outcome.error), describeError(outcome.error)).toBe(true);
        expect(outcome.error).toMatchObject({ code, retryable: false });
      }
      expect(countBackendCalls() - before).toBe(1);
    });
  }

  check('never creates machines on a dry run (plans them when dry runs are supported)', async () => {
    const request = newRequest(2);
    const before = harness.callCount('create');
    const outcome = await settle(provider().createInstances(request, { dryRun: true }));
    expect(harness.callCount('create')).toBe(before);
    expect(await provider().findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId })).toEqual([]);
    if (provider().capabilities.supportsDryRun) {
      expect(outcome.ok, outcome.ok ? '' : describeError(outcome.error)).toBe(true);
      if (!outcome.ok) return;
      const result = parse(CreateInstancesResultV1Schema, outcome.value, 'createInstances (dry run)');
      expect(result.instances).toEqual([]);
      expect(result.plannedCalls?.length ?? 0).toBeGreaterThan(0);
    } else if (outcome.ok) {
      expect(outcome.value.instances).toEqual([]);
    } else {
      expect(outcome.error).toMatchObject({ code: 'API_NOT_SUPPORTED' });
    }
  });

  check('never terminates machines on a dry run', async () => {
    const { ids } = await createMachines(1);
    const before = harness.callCount('terminate');
    const outcome = await settle(provider().terminateInstances(ids, { dryRun: true }));
    if (outcome.ok) {
      const result = parse(TerminateResultV1Schema, outcome.value, 'terminateInstances (dry run)');
      expect(result.terminated).toEqual([]);
      if (provider().capabilities.supportsDryRun) expect(result.plannedCalls?.length ?? 0).toBeGreaterThan(0);
    } else {
      expect(provider().capabilities.supportsDryRun, 'a provider that supports dry runs must plan a terminate').toBe(false);
      expect(outcome.error).toMatchObject({ code: 'API_NOT_SUPPORTED' });
    }
    expect(harness.callCount('terminate')).toBe(before);
    const [machine] = await describeAll(provider(), ids);
    expect(machine?.state).not.toBe('terminated');
  });

  return checks;
}

function parse<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`${what} returned a value that does not match the spec v1 schema:\n${result.error.message}\nvalue: ${JSON.stringify(value, null, 2)}`);
  }
  return result.data;
}

function parseInstances(value: readonly unknown[], what: string): InstanceV1[] {
  return value.map((instance) => parse(InstanceV1Schema, instance, what));
}

async function describeAll(provider: ComputeProviderV1, ids: readonly string[]): Promise<InstanceV1[]> {
  return parseInstances(await provider.describeInstances(ids), 'describeInstances');
}

/** Ids of created machines, including those an asynchronous API reports later (found by tag). */
async function eventualIds(
  provider: ComputeProviderV1,
  request: CreateInstancesRequestV1,
  result: z.infer<typeof CreateInstancesResultV1Schema>,
): Promise<string[]> {
  const ids = result.instances.map((instance) => instance.id);
  if (result.pendingCount === 0) return ids;
  const tagged = await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId });
  return [...new Set([...ids, ...tagged.map((instance) => instance.id)])];
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

function expectRetryableError(error: unknown, codes: readonly string[], kind: ConformanceFailureKind): void {
  const { expect } = requireVitest();
  expect(ProviderApiError.isInstance(error), describeError(error)).toBe(true);
  const apiError = error as ProviderApiError;
  expect(codes, `code for ${kind}`).toContain(apiError.code);
  expect(apiError.retryable, `retryable for ${kind}`).toBe(true);
  expect(apiError.retryAfterMs, `retryAfterMs from Retry-After: ${RETRY_AFTER_SECONDS}`).toBe(RETRY_AFTER_SECONDS * 1000);
}

function describeError(error: unknown): string {
  return `expected an OHF ProviderApiError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
}
