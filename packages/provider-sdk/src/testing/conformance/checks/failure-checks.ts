import { CreateInstancesResultV1Schema, ProviderApiError } from '../../../index.js';
import {
  describeError,
  expectRetryableError,
  parse,
  PERSISTENT_FAILURES,
  RETRY_AFTER_SECONDS,
  settle,
  type CheckContext,
} from '../conformance-support.js';

/** Partial fulfilment and the error contract: 429 and 5xx retryable, 401 and 403 not. */
export function failureChecks(context: CheckContext): void {
  const { check, expect, harness, provider } = context;
  const { createMachines, countBackendCalls, newRequest } = context;

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
}
