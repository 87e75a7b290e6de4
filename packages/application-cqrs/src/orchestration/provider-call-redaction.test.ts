import { ProviderAuthError, type ComputeProviderV1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { createApplicationFixture, type ApplicationFixture } from '../test-support/application-fixture.js';

/**
 * A third party's provider whose errors echo what it was sent: its own token from the instance
 * settings, a root password from a request body, an AWS key and a bearer header. Nothing of it
 * may reach storage, logs or answers.
 */
const TOKEN = 'tiny-cloud-token-5f2a9c-7781';
const ROOT_PASS = 'Hunter2-Hunter2-Hunter2';
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRETS = [TOKEN, ROOT_PASS, ACCESS_KEY_ID];
const LEAK = `tiny-cloud said 401 to {"root_pass":"${ROOT_PASS}"} sent with Authorization: Bearer ${TOKEN} (key ${ACCESS_KEY_ID})`;

type Operation = 'createInstances' | 'describeInstances' | 'findInstancesByTag' | 'terminateInstances' | 'healthCheck' | 'validateTemplate';

/** The in-memory provider, made to fail the listed operations with the leaky error (or report it, for `reportedBy`). */
function leaky(failing: Set<Operation>, reportedBy: Set<Operation>) {
  return (provider: ComputeProviderV1): ComputeProviderV1 =>
    new Proxy(provider, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const operation = property as Operation;
        return async (...parameters: unknown[]) => {
          if (failing.has(operation)) throw new ProviderAuthError('INVALID_CREDENTIALS', LEAK, { details: { sent: { root_pass: ROOT_PASS, token: TOKEN } } });
          if (reportedBy.has(operation) && operation === 'createInstances') {
            const count = (parameters[0] as { count: number }).count;
            return { instances: [], failures: [{ code: 'INSUFFICIENT_CAPACITY', message: LEAK, retryable: false, count }] };
          }
          if (reportedBy.has(operation) && operation === 'healthCheck') {
            return { status: 'degraded', latencyMs: 1, checkedAt: new Date(0).toISOString(), message: LEAK };
          }
          if (reportedBy.has(operation) && operation === 'validateTemplate') {
            return { errors: [{ field: 'imageId', message: LEAK }], warnings: [{ message: LEAK }] };
          }
          return (value as (...args: unknown[]) => unknown).apply(target, parameters);
        };
      },
    });
}

/** Everything a user or an operator could read: stored requests and machines, log entries, answers (errors with their stacks and causes). */
async function visibleText(fixture: ApplicationFixture, ...answers: unknown[]): Promise<string> {
  const stored = [(await fixture.requests.list()).items, (await fixture.machines.list()).items];
  return JSON.stringify([stored, fixture.logger.entries, answers], (_key, value: unknown) =>
    value instanceof Error ? { ...value, name: value.name, message: value.message, stack: value.stack, cause: value.cause } : value,
  );
}

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (error: unknown) => error,
  );
}

function fixtureWith(failing: Set<Operation>, reportedBy: Set<Operation> = new Set()): ApplicationFixture {
  return createApplicationFixture({
    instances: [{ name: 'tiny-a', priority: 1, settings: { token: TOKEN, region: 'eu-1' }, decorate: leaky(failing, reportedBy) }],
  });
}

describe('provider error text is redacted at the application boundary, whatever the provider', () => {
  it('create: a thrown error is stored, logged and answered without the secrets, keeping its code', async () => {
    const fixture = fixtureWith(new Set(['createInstances']));
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect(accepted.request?.attempts.at(-1)?.error?.code).toBe('INVALID_CREDENTIALS');
    expect(accepted.request?.message).toContain('tiny-cloud said 401');
    expectNoSecret(await visibleText(fixture, accepted));
  });

  it('create: failures reported inside the result are stored without the secrets', async () => {
    const fixture = fixtureWith(new Set(), new Set(['createInstances']));
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect(accepted.request?.attempts.at(-1)?.error).toMatchObject({ code: 'INSUFFICIENT_CAPACITY', message: expect.stringContaining('[REDACTED]') });
    expectNoSecret(await visibleText(fixture, accepted, fixture.selection.capacityBlocks('tiny-a')));
  });

  it('find by tag, describe and terminate: failures while tracking and returning are logged and stored without the secrets', async () => {
    const failing = new Set<Operation>();
    const fixture = fixtureWith(failing);
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    failing.add('describeInstances').add('findInstancesByTag').add('terminateInstances');
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const machineIds = status.requests[0]!.machines.map((machine) => ({ machineId: machine.machineId }));
    const returned = await failureOf(fixture.app.dispatch({ type: 'ReturnMachines', machines: machineIds }));
    const returnId = (returned as { requestId?: string }).requestId;
    const returnStatus = returnId === undefined ? undefined : await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [returnId] });
    expect(fixture.logger.entries.length).toBeGreaterThan(0);
    expectNoSecret(await visibleText(fixture, status, returned, returnStatus));
  });

  it('health: a failed check and a degraded one are answered and kept in selection without the secrets', async () => {
    const failed = fixtureWith(new Set(['healthCheck']));
    const failedReport = await failed.app.dispatch({ type: 'GetProviderHealth', check: true });
    expect(failedReport.providers[0]?.check).toMatchObject({ status: 'unhealthy', code: 'INVALID_CREDENTIALS' });
    expectNoSecret(await visibleText(failed, failedReport, failed.selection.health('tiny-a', { includeHistory: true })));

    const degraded = fixtureWith(new Set(), new Set(['healthCheck']));
    const degradedReport = await degraded.app.dispatch({ type: 'GetProviderHealth', check: true });
    expect(degradedReport.providers[0]?.check?.status).toBe('degraded');
    expectNoSecret(await visibleText(degraded, degradedReport, degraded.selection.health('tiny-a', { includeHistory: true })));
  });

  it('validate: the provider’s findings and its failure are answered without the secrets', async () => {
    const reported = fixtureWith(new Set(), new Set(['validateTemplate']));
    const findings = await reported.app.dispatch({ type: 'ValidateTemplate', templateId: 'web', providerInstance: 'tiny-a' });
    expect(findings.errors.some((finding) => finding.origin === 'provider')).toBe(true);
    expectNoSecret(await visibleText(reported, findings));

    const thrown = fixtureWith(new Set(['validateTemplate']));
    const failure = await thrown.app.dispatch({ type: 'ValidateTemplate', templateId: 'web', providerInstance: 'tiny-a' });
    expect(failure.valid).toBe(false);
    expectNoSecret(await visibleText(thrown, failure));
  });
});
