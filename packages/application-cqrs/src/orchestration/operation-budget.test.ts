import type { ComputeProviderV1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { createApplicationFixture } from '../test-support/application-fixture.js';

type Operation = 'createInstances' | 'describeInstances' | 'findInstancesByTag' | 'terminateInstances' | 'healthCheck';

/**
 * The in-memory provider, made to hang like an endpoint that accepts the connection and never
 * answers: the listed operations do their work at the cloud (a create does create), then never
 * settle, whatever signal they are given. `onHang` runs when one starts hanging (the test ends
 * the operation's time budget there, so nothing depends on timing).
 */
function hanging(operations: Set<Operation>, onHang: () => void) {
  return (provider: ComputeProviderV1): ComputeProviderV1 =>
    new Proxy(provider, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...parameters: unknown[]) => {
          const result = await (value as (...args: unknown[]) => Promise<unknown>).apply(target, parameters);
          if (!operations.has(property as Operation)) return result;
          onHang();
          return new Promise(() => undefined);
        };
      },
    });
}

describe('the time budget of an operation', () => {
  it('abandons a create that never answers, keeps the request running and resumes it on the next call without creating twice', async () => {
    const budget = new AbortController();
    const hangs = new Set<Operation>(['createInstances']);
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', decorate: hanging(hangs, () => budget.abort()) }] });
    const cloud = fixture.providers.get('mem-a')!.cloud;

    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 }, { signal: budget.signal });
    expect(accepted.requestId).toMatch(/^req-/);
    expect(accepted.request?.status).toBe('in_progress');
    const [attempt] = accepted.request!.attempts;
    expect(attempt).toMatchObject({ providerInstance: 'mem-a', requestedCount: 2, abandonedAt: expect.any(String) });
    expect(attempt?.finishedAt).toBeUndefined();
    expect(attempt?.error).toBeUndefined();
    // Once the budget is spent nothing more is sent: no state refresh after the hung create.
    expect(cloud.callCount('describe')).toBe(0);

    hangs.clear();
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const request = status.requests[0]!.request!;
    expect(request.status).toBe('complete');
    expect(status.requests[0]!.machines).toHaveLength(2);
    expect(cloud.instances()).toHaveLength(2);
    expect(cloud.callCount('create')).toBe(1);
    expect(request.attempts).toEqual([expect.objectContaining({ providerInstance: 'mem-a', requestedCount: 2, createdCount: 2, finishedAt: expect.any(String) })]);
  });

  it('ends a status poll whose lookups hang, answers with the request still running, and completes on the next poll', async () => {
    const budget = new AbortController();
    const hangs = new Set<Operation>();
    const fixture = createApplicationFixture({
      instances: [{ name: 'mem-a', autoRunAfterMs: 60_000, decorate: hanging(hangs, () => budget.abort()) }],
    });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    fixture.clock.advance(61_000);

    hangs.add('describeInstances');
    const stuck = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] }, { signal: budget.signal });
    expect(stuck.requests[0]!.request!.status).toBe('in_progress');
    expect(stuck.requests[0]!.machines.map((machine) => machine.state)).toEqual(['pending', 'pending']);

    hangs.clear();
    const done = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(done.requests[0]!.request!.status).toBe('complete');
  });

  it('saves what the describe batches read before the budget ended; the batch that hung is read on the next poll', async () => {
    const budget = new AbortController();
    let describes = 0;
    let hangSecond = true;
    // One machine per describe batch; the second batch never answers and the budget ends soon after.
    const oneByOne = (provider: ComputeProviderV1): ComputeProviderV1 =>
      new Proxy(provider, {
        get(target, property, receiver) {
          if (property === 'capabilities') return { ...target.capabilities, describeBatchSize: 1 };
          const value = Reflect.get(target, property, receiver) as unknown;
          if (property !== 'describeInstances' || typeof value !== 'function') return value;
          return async (...parameters: unknown[]) => {
            describes += 1;
            if (hangSecond && describes === 2) {
              setTimeout(() => budget.abort(), 20);
              return new Promise(() => undefined);
            }
            return (value as (...args: unknown[]) => Promise<unknown>).apply(target, parameters);
          };
        },
      });
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', autoRunAfterMs: 60_000, decorate: oneByOne }] });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3 });
    fixture.clock.advance(61_000);
    describes = 0;

    const partly = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] }, { signal: budget.signal });
    expect(describes).toBe(3);
    expect(partly.requests[0]!.request!.status).toBe('in_progress');
    expect(partly.requests[0]!.machines.map((machine) => machine.state).sort()).toEqual(['pending', 'running', 'running']);
    const stored = await fixture.machines.findByRequestId(accepted.requestId!);
    expect(stored.map((machine) => machine.state).sort()).toEqual(['pending', 'running', 'running']);

    hangSecond = false;
    const done = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(done.requests[0]!.request!.status).toBe('complete');
    expect(done.requests[0]!.machines.map((machine) => machine.state)).toEqual(['running', 'running', 'running']);
  });

  it('answers a health check of a provider that hangs as unhealthy instead of waiting for it', async () => {
    const budget = new AbortController();
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', decorate: hanging(new Set(['healthCheck']), () => budget.abort()) }] });
    const report = await fixture.app.dispatch({ type: 'GetProviderHealth', check: true }, { signal: budget.signal });
    expect(report.providers[0]?.check).toMatchObject({ status: 'unhealthy', code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining('time budget') });
  });
});
