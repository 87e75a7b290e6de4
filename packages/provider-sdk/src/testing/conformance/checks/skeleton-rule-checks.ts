import {
  CreateInstancesResultV1Schema,
  HealthCheckResultV1Schema,
  OHF_TAG_KEYS,
  ProviderApiError,
  TerminateResultV1Schema,
  type ComputeProviderV1,
} from '../../../index.js';
import {
  describeError,
  expectRetryableError,
  impossibleId,
  parse,
  PERSISTENT_FAILURES,
  RETRY_AFTER_SECONDS,
  settle,
  type CheckContext,
} from '../conformance-support.js';

/** Codes a create may report in `failures` when it placed nothing: answers about the offering. */
const OFFERING_CODES = ['INSUFFICIENT_CAPACITY', 'QUOTA_EXCEEDED', 'INSTANCE_LIMIT_EXCEEDED'];

/**
 * The rules `defineComputeProvider` gives every provider, pinned for any provider (built on
 * it or not): invalid ids, bad counts, missing credentials, every create failing, health
 * under throttling and catalog caching.
 */
export function skeletonRuleChecks(context: CheckContext): void {
  const { check, expect, harness, options, provider, createMachines, newRequest, countBackendCalls } = context;

  check('counts an id this cloud can never have as alreadyGone on terminate, and answers for each id once', async () => {
    const { ids } = await createMachines(1);
    const [machine = ''] = ids;
    const impossible = impossibleId();
    const result = parse(TerminateResultV1Schema, await provider().terminateInstances([impossible, machine, impossible]), 'terminateInstances (impossible id)');
    expect(result.failures).toEqual([]);
    expect(result.alreadyGone).toEqual([impossible]);
    expect(result.terminated).toEqual([machine]);
  });

  check('rejects a count that is not a whole number of machines (0, negative, fractional) with ProviderValidationError before any call', async () => {
    const before = countBackendCalls();
    for (const count of [0, -1, 1.5]) {
      const outcome = await settle(provider().createInstances(newRequest(count)));
      expect(outcome.ok, `count ${count} must be refused`).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.error, `count ${count}`).toMatchObject({ name: 'OHF_ProviderValidationError', code: 'VALIDATION_ERROR', retryable: false, field: 'count' });
    }
    expect(countBackendCalls() - before, 'a bad count is refused before any call').toBe(0);
  });

  const withoutCredentials = options.createProviderWithoutCredentials;
  if (withoutCredentials) {
    check('builds without credentials and fails the first cloud call with MISSING_CREDENTIALS; health reports it unhealthy', async () => {
      const before = countBackendCalls();
      const bare: ComputeProviderV1 = await withoutCredentials();
      try {
        for (const [what, call] of [
          ['initialize', () => bare.initialize()],
          ['createInstances', () => bare.createInstances(newRequest(1))],
          ['findInstancesByTag', () => bare.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: 'req-none' })],
        ] as const) {
          const outcome = await settle<unknown>(call());
          expect(outcome.ok, `${what} without credentials must fail`).toBe(false);
          if (outcome.ok) continue;
          expect(ProviderApiError.isInstance(outcome.error), describeError(outcome.error)).toBe(true);
          expect(outcome.error, what).toMatchObject({ code: 'MISSING_CREDENTIALS', retryable: false });
        }
        const health = parse(HealthCheckResultV1Schema, await bare.healthCheck(), 'healthCheck (no credentials)');
        expect(health).toMatchObject({ status: 'unhealthy', details: { code: 'MISSING_CREDENTIALS' } });
        expect(countBackendCalls() - before, 'no call reaches the cloud without credentials').toBe(0);
      } finally {
        await bare.dispose?.();
      }
    });
  }

  check('reports capacity and quota answers in failures, not as an exception, even when no machine could be placed', async () => {
    await harness.limitCapacity(0);
    const result = parse(CreateInstancesResultV1Schema, await provider().createInstances(newRequest(2)), 'createInstances (no capacity)');
    expect(result.instances).toEqual([]);
    expect(result.pendingCount).toBe(0);
    expect(result.failures.reduce((total, failure) => total + failure.count, 0)).toBe(2);
    for (const failure of result.failures) {
      expect(OFFERING_CODES).toContain(failure.code);
      expect(failure.retryable).toBe(false);
    }
  });

  check('throws any other error when no machine could be placed, and never repeats a create answered with 5xx', async () => {
    const request = newRequest(1);
    const before = harness.callCount('create');
    await harness.failNextCall('server_error', { times: 1, retryAfterSeconds: RETRY_AFTER_SECONDS, operation: 'create' });
    const outcome = await settle(provider().createInstances(request));
    expect(outcome.ok, 'a create that placed nothing and failed with 5xx must throw').toBe(false);
    if (!outcome.ok) expectRetryableError(outcome.error, ['PROVIDER_UNAVAILABLE', 'API_ERROR'], 'server_error');
    expect(harness.callCount('create') - before, 'a 5xx create may have acted: it is left to the next attempt').toBe(1);
  });

  check('reports health as degraded while throttled (429) and unhealthy on 5xx or 401, without throwing', async () => {
    for (const [kind, status] of [
      ['rate_limit', 'degraded'],
      ['server_error', 'unhealthy'],
      ['unauthorized', 'unhealthy'],
    ] as const) {
      await harness.reset();
      await harness.failNextCall(kind, { times: PERSISTENT_FAILURES, retryAfterSeconds: RETRY_AFTER_SECONDS });
      const outcome = await settle(provider().healthCheck());
      expect(outcome.ok, `healthCheck must not throw on ${kind}: ${outcome.ok ? '' : describeError(outcome.error)}`).toBe(true);
      if (!outcome.ok) continue;
      const health = parse(HealthCheckResultV1Schema, outcome.value, `healthCheck (${kind})`);
      expect(health.status, `health on ${kind}`).toBe(status);
    }
    // The faults not consumed must not reach whatever runs after the kit.
    await harness.reset();
  });

  check('serves catalog reads from its cache once read', async () => {
    const readCatalog = (): Promise<unknown[]> =>
      Promise.all([provider().listLocations(), provider().listSizes(), provider().listImages(), provider().listApps?.() ?? []]);
    const first = await readCatalog();
    await harness.failNextCall('server_error', { times: PERSISTENT_FAILURES, retryAfterSeconds: RETRY_AFTER_SECONDS });
    const again = await settle(readCatalog());
    // The faults not consumed must not reach whatever runs after the kit.
    await harness.reset();
    expect(again.ok, again.ok ? '' : `a cached catalog read reached the cloud: ${describeError(again.error)}`).toBe(true);
    if (again.ok) expect(again.value).toEqual(first);
  });
}
