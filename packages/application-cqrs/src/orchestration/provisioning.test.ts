import { OhfError, type MachineRequest } from '@ohf/domain-core';
import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { createApplicationFixture, WEB_TEMPLATE } from '../test-support/application-fixture.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('request → provision → status', () => {
  it('records the request with its selection, provisions inline and completes once every machine runs', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', priority: 1, autoRunAfterMs: 60_000 }] });
    const cloud = fixture.providers.get('mem-a')!.cloud;

    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3 });
    expect(accepted.created).toBe(true);
    expect(accepted.requestId).toMatch(/^req-/);
    expect(accepted.providerInstance).toBe('mem-a');
    expect(accepted.request?.status).toBe('in_progress');
    expect(accepted.machines.map((machine) => machine.state)).toEqual(['pending', 'pending', 'pending']);
    expect((accepted.selection as { decision: { instance: string; explanation: { summary: string } } }).decision.explanation.summary).toContain(
      'Selected mem-a',
    );
    const [created] = cloud.instances();
    expect(created?.tags).toMatchObject({
      [OHF_TAG_KEYS.requestId]: accepted.requestId,
      [OHF_TAG_KEYS.templateId]: 'web',
      [OHF_TAG_KEYS.providerInstance]: 'mem-a',
      team: 'hpc',
    });

    const pending = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(pending.requests[0]?.request?.status).toBe('in_progress');

    fixture.clock.advance(61_000);
    const describesBefore = cloud.callCount('describe');
    const done = await fixture.app.dispatch({ type: 'GetRequestStatus', requests: [{ requestId: accepted.requestId! }] });
    const tracked = done.requests[0]!;
    expect(tracked.request?.status).toBe('complete');
    expect(tracked.machines.map((machine) => machine.state)).toEqual(['running', 'running', 'running']);
    expect(tracked.machines.every((machine) => machine.providerInstance === 'mem-a' && machine.privateIpAddress !== null)).toBe(true);
    expect(cloud.callCount('describe') - describesBefore).toBe(1);
    expect(cloud.callCount('create')).toBe(1);
  });

  it('refreshes all machines of several requests with one describe per provider instance', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', autoRunAfterMs: 10_000 }] });
    const cloud = fixture.providers.get('mem-a')!.cloud;
    const first = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 4 });
    const second = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 5 });
    fixture.clock.advance(11_000);
    const before = cloud.callCount('describe');
    const status = await fixture.app.dispatch({
      type: 'GetRequestStatus',
      requestIds: [first.requestId!, second.requestId!, 'req-00000000-0000-4000-8000-00000000ffff'],
    });
    expect(cloud.callCount('describe') - before).toBe(1);
    expect(status.requests.map((entry) => entry.request?.status ?? 'not found')).toEqual(['complete', 'complete', 'not found']);
    expect(status.requests[2]).toEqual({ requestId: 'req-00000000-0000-4000-8000-00000000ffff', found: false, machines: [] });
  });

  it('answers a dry run with the plan and records nothing', async () => {
    const fixture = createApplicationFixture();
    const plan = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2, dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.requestId).toBeUndefined();
    expect(plan.providerInstance).toBe('mem-a');
    expect(plan.plannedCalls).toEqual([
      expect.objectContaining({ service: 'memory', operation: 'create', input: expect.objectContaining({ count: 2 }) }),
    ]);
    expect((await fixture.requests.list()).total).toBe(0);
    expect(fixture.providers.get('mem-a')!.cloud.instances()).toHaveLength(0);
    expect(await fixture.stateStore.get('selection-engine')).toBeUndefined();
  });
});

describe('idempotency', () => {
  it('returns the same request for the same key and provisions once', async () => {
    const fixture = createApplicationFixture();
    const first = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2, idempotencyKey: 'job-42' });
    const again = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2, idempotencyKey: 'job-42' });
    expect(again.requestId).toBe(first.requestId);
    expect(again.created).toBe(false);
    expect(again.machines).toHaveLength(2);
    expect(fixture.providers.get('mem-a')!.cloud.instances()).toHaveLength(2);
    expect((await fixture.requests.list()).total).toBe(1);

    const conflict = await caught(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3, idempotencyKey: 'job-42' }));
    expect(OhfError.isInstance(conflict) && conflict.code).toBe('CONFLICT');
  });
});

describe('validation before anything is recorded', () => {
  it('keeps the codes: unknown template, count over maxNumber, bad payload', async () => {
    const fixture = createApplicationFixture();
    const missing = await caught(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'nope', count: 1 }));
    expect(OhfError.isInstance(missing) && missing.code).toBe('TEMPLATE_NOT_FOUND');
    const tooMany = await caught(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 11 }));
    expect(OhfError.isInstance(tooMany) && tooMany.code).toBe('INSTANCE_LIMIT_EXCEEDED');
    const zero = await caught(fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 0 }));
    expect(OhfError.isInstance(zero) && zero.code).toBe('VALIDATION_ERROR');
    expect((zero as Error).message).toContain('count');
    expect((await fixture.requests.list()).total).toBe(0);
  });

  it('allows any count when maxNumber is -1', async () => {
    const fixture = createApplicationFixture({ templates: [{ ...WEB_TEMPLATE, maxNumber: -1 }] });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 25 });
    expect(accepted.machines).toHaveLength(25);
  });
});

describe('crash safety', () => {
  async function requestWithoutProvisioning(fixture: ReturnType<typeof createApplicationFixture>, count: number): Promise<MachineRequest> {
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count, provisionInline: false });
    return accepted.request!;
  }

  it('adopts machines the provider created before the process died, and creates none twice', async () => {
    const fixture = createApplicationFixture();
    const provider = fixture.providers.get('mem-a')!;
    const request = await requestWithoutProvisioning(fixture, 3);
    // The dead process had saved its attempt and the provider had created the machines; then it died.
    const saved = await fixture.requests.save({
      ...request,
      status: 'in_progress',
      attempts: [
        { providerInstance: 'mem-a', providerType: 'memory', requestedCount: 3, createdCount: 0, startedAt: fixture.clock.now().toISOString() },
      ],
    });
    await provider.createInstances({
      requestId: saved.requestId,
      template: { templateId: 'web', vmType: 'small' },
      count: 3,
      idempotencyKey: saved.requestId,
      attempt: 1,
      tags: { [OHF_TAG_KEYS.requestId]: saved.requestId, [OHF_TAG_KEYS.templateId]: 'web', [OHF_TAG_KEYS.providerInstance]: 'mem-a' },
    });
    expect(await fixture.machines.findByRequestId(saved.requestId)).toHaveLength(0);

    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [saved.requestId] });
    const tracked = status.requests[0]!;
    expect(tracked.machines).toHaveLength(3);
    expect(tracked.request?.status).toBe('complete');
    expect(provider.cloud.instances()).toHaveLength(3);
    expect(provider.cloud.callCount('create')).toBe(1);
    expect(tracked.request?.attempts).toEqual([expect.objectContaining({ requestedCount: 3, createdCount: 3, finishedAt: expect.any(String) })]);

    // A further call changes nothing.
    await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [saved.requestId] });
    expect(await fixture.machines.findByRequestId(saved.requestId)).toHaveLength(3);
  });

  it('adopts machines of a request whose process died before recording any attempt', async () => {
    const fixture = createApplicationFixture();
    const provider = fixture.providers.get('mem-a')!;
    const request = await requestWithoutProvisioning(fixture, 2);
    await provider.createInstances({
      requestId: request.requestId,
      template: { templateId: 'web', vmType: 'small' },
      count: 2,
      idempotencyKey: request.requestId,
      tags: { [OHF_TAG_KEYS.requestId]: request.requestId, [OHF_TAG_KEYS.providerInstance]: 'mem-a' },
    });
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [request.requestId] });
    expect(status.requests[0]?.machines).toHaveLength(2);
    expect(status.requests[0]?.request?.status).toBe('complete');
    expect(provider.cloud.instances()).toHaveLength(2);
  });

  it('adopts no more machines than the request asked for and terminates the surplus a create that ran twice left', async () => {
    const fixture = createApplicationFixture();
    const provider = fixture.providers.get('mem-a')!;
    const request = await requestWithoutProvisioning(fixture, 2);
    // Two processes each created for the request before either recorded anything: three machines for two.
    await provider.createInstances({
      requestId: request.requestId,
      template: { templateId: 'web', vmType: 'small' },
      count: 3,
      idempotencyKey: `${request.requestId}-twice`,
      tags: { [OHF_TAG_KEYS.requestId]: request.requestId, [OHF_TAG_KEYS.providerInstance]: 'mem-a' },
    });
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [request.requestId] });
    const tracked = status.requests[0]!;
    expect(tracked.machines).toHaveLength(2);
    expect(tracked.request?.status).toBe('complete');
    const alive = (await provider.findInstancesByTag({ [OHF_TAG_KEYS.requestId]: request.requestId })).filter(
      (instance) => instance.state !== 'terminated' && instance.state !== 'shutting_down',
    );
    expect(alive.map((instance) => instance.id).sort()).toEqual(tracked.machines.map((machine) => machine.providerInstanceId).sort());
    expect(provider.cloud.callCount('create')).toBe(1);

    // The next call finds nothing more to adopt or terminate.
    await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [request.requestId] });
    expect(await fixture.machines.findByRequestId(request.requestId)).toHaveLength(2);
  });

  it('repeats an attempt that died before reaching the provider, but only once its lease ran out', async () => {
    const fixture = createApplicationFixture({ options: { provisioning: { inFlightAttemptLeaseMs: 120_000 } } });
    const provider = fixture.providers.get('mem-a')!;
    const request = await requestWithoutProvisioning(fixture, 2);
    await fixture.requests.save({
      ...request,
      status: 'in_progress',
      attempts: [
        { providerInstance: 'mem-a', providerType: 'memory', requestedCount: 2, createdCount: 0, startedAt: fixture.clock.now().toISOString() },
      ],
    });
    // Within the lease the attempt may still be running in another process: nothing is created.
    const early = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [request.requestId] });
    expect(early.requests[0]?.request?.status).toBe('in_progress');
    expect(provider.cloud.callCount('create')).toBe(0);

    fixture.clock.advance(121_000);
    const later = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [request.requestId] });
    expect(later.requests[0]?.request?.status).toBe('complete');
    expect(later.requests[0]?.machines).toHaveLength(2);
    expect(provider.cloud.callCount('create')).toBe(1);
    expect(later.requests[0]?.request?.attempts).toHaveLength(1);
  });
});

describe('failover', () => {
  it('blocks the instance out of capacity and tops the request up from the next one', async () => {
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 1, maxCapacity: 2 },
        { name: 'mem-b', priority: 2 },
      ],
    });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 5 });
    expect(accepted.request?.status).toBe('in_progress');
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const request = status.requests[0]!.request!;
    expect(request.status).toBe('complete');
    expect(status.requests[0]!.machines.filter((machine) => machine.providerInstance === 'mem-a')).toHaveLength(2);
    expect(status.requests[0]!.machines.filter((machine) => machine.providerInstance === 'mem-b')).toHaveLength(3);
    expect(request.providerInstance).toBe('mem-b');
    expect(request.attempts).toEqual([
      expect.objectContaining({ providerInstance: 'mem-a', requestedCount: 2, createdCount: 2 }),
      expect.objectContaining({ providerInstance: 'mem-a', requestedCount: 3, createdCount: 0, error: expect.objectContaining({ code: 'INSUFFICIENT_CAPACITY' }) }),
      expect.objectContaining({ providerInstance: 'mem-b', requestedCount: 3, createdCount: 3 }),
    ]);
    expect(fixture.selection.capacityBlocks('mem-a')).toEqual([
      expect.objectContaining({ instance: 'mem-a', kind: 'insufficient_capacity', instanceType: 'small' }),
    ]);
    const decision = (request.selectionExplanation as { decision: { failover: { from: string; errorCode: string } }; history: unknown[] }).decision;
    expect(decision.failover).toEqual({ from: 'mem-a', errorCode: 'INSUFFICIENT_CAPACITY' });

    // The block lives on in the next process: a new request goes straight to mem-b.
    const next = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 1 },
        { name: 'mem-b', priority: 2 },
      ],
      sharedWith: fixture,
    });
    const second = await next.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    expect(second.providerInstance).toBe('mem-b');
  });

  it('waits while every instance is out of capacity, saying so, and ends partial with a clear message at its deadline', async () => {
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 1, maxCapacity: 1 },
        { name: 'mem-b', priority: 2, maxCapacity: 1 },
      ],
      options: { provisioning: { deadlineMs: 600_000 } },
    });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 4 });
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const waiting = status.requests[0]!.request!;
    expect(waiting.status).toBe('in_progress');
    expect(waiting.message).toMatch(/^2 of 4 machines running, 0 starting, 2 still to be provisioned; waiting: mem-a: INSUFFICIENT_CAPACITY .*blocked until .*; mem-b: INSUFFICIENT_CAPACITY .*blocked until /);
    expect(status.requests[0]!.machines).toHaveLength(2);

    fixture.clock.advance(601_000);
    const ended = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const request = ended.requests[0]!.request!;
    expect(request.status).toBe('partial');
    expect(request.message).toMatch(/^Only 2 of 4 machines are running: mem-a: INSUFFICIENT_CAPACITY .*mem-b: INSUFFICIENT_CAPACITY.*gave up after 600 s/);
  });

  it('waits out throttling on the only instance and provisions once the block expires', async () => {
    const fixture = createApplicationFixture();
    const cloud = fixture.providers.get('mem-a')!.cloud;
    cloud.failNextCalls('rate_limit', { operation: 'create', retryAfterSeconds: 30 });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect(accepted.request?.status).toBe('in_progress');
    expect(accepted.request?.attempts[0]?.error?.code).toBe('RATE_LIMIT_EXCEEDED');

    fixture.clock.advance(10_000);
    const blocked = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(blocked.requests[0]?.request?.status).toBe('in_progress');
    expect(cloud.callCount('create')).toBe(1);

    fixture.clock.advance(25_000);
    const done = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(done.requests[0]?.request?.status).toBe('complete');
    expect(done.requests[0]?.machines).toHaveLength(2);
  });

  it('stops on an error no other instance would fix and reports it', async () => {
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 1 },
        { name: 'mem-b', priority: 2 },
      ],
    });
    fixture.providers.get('mem-a')!.cloud.failNextCalls('unauthorized', { operation: 'create' });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect(accepted.request?.status).toBe('failed');
    expect(accepted.request?.message).toContain('mem-a: INVALID_CREDENTIALS');
    expect(fixture.providers.get('mem-b')!.cloud.callCount('create')).toBe(0);
  });
});

describe('cancel', () => {
  it('cancels an unfinished request and refuses a finished one', async () => {
    const fixture = createApplicationFixture();
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1, provisionInline: false });
    const cancelled = await fixture.app.dispatch({ type: 'CancelRequest', requestId: accepted.requestId! });
    expect(cancelled.request.status).toBe('cancelled');
    const again = await caught(fixture.app.dispatch({ type: 'CancelRequest', requestId: accepted.requestId! }));
    expect(OhfError.isInstance(again) && again.code).toBe('CONFLICT');
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(status.requests[0]?.machines).toHaveLength(0);
    expect(fixture.providers.get('mem-a')!.cloud.callCount('create')).toBe(0);
  });
});

describe('cancel with terminateMachines', () => {
  it('releases everything the request launched, machines not yet recorded included, and returns them', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', priority: 1, autoRunAfterMs: 60_000 }] });
    const cloud = fixture.providers.get('mem-a')!.cloud;
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    expect(accepted.request?.status).toBe('in_progress');
    // A launcher of the request (a fleet, a group) added a machine nobody recorded yet.
    const [unrecorded] = cloud.create({
      count: 1,
      instanceType: 'small',
      location: 'mem-eu-1',
      lifecycle: 'ondemand',
      tags: { [OHF_TAG_KEYS.requestId]: accepted.requestId!, [OHF_TAG_KEYS.templateId]: 'web', [OHF_TAG_KEYS.providerInstance]: 'mem-a' },
    }).instances;
    const other = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });

    const plan = await fixture.app.dispatch({ type: 'CancelRequest', requestId: accepted.requestId!, terminateMachines: true, dryRun: true });
    expect(plan.released).toEqual([{ providerInstance: 'mem-a', resources: [], terminated: [], plannedCalls: [expect.objectContaining({ operation: 'terminate' })] }]);
    expect(cloud.instances().every((instance) => instance.nativeState !== 'deleted')).toBe(true);

    const cancelled = await fixture.app.dispatch({ type: 'CancelRequest', requestId: accepted.requestId!, terminateMachines: true });
    expect(cancelled.request.status).toBe('cancelled');
    expect(cancelled.problems).toEqual([]);
    expect(cancelled.released[0]?.terminated).toHaveLength(3);
    expect(cancelled.machines.map((machine) => machine.providerInstanceId)).toContain(unrecorded!.id);
    const byId = new Map(cloud.instances().map((instance) => [instance.id, instance.nativeState]));
    for (const machine of cancelled.machines) expect(byId.get(machine.providerInstanceId)).toBe('deleted');
    const otherMachines = await fixture.machines.findByRequestId(other.requestId!);
    expect(otherMachines.map((machine) => byId.get(machine.providerInstanceId))).toEqual(['provisioning']);

    const returned = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [cancelled.returnRequestId!] });
    expect(returned.requests[0]?.request?.status).toBe('complete');
    expect(returned.requests[0]?.machines).toHaveLength(3);
  });

  it('reports a provider instance it could not ask, and still cancels', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', priority: 1, autoRunAfterMs: 60_000 }] });
    const cloud = fixture.providers.get('mem-a')!.cloud;
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    cloud.failNextCalls('server_error', { times: 1, operation: 'list' });
    const cancelled = await fixture.app.dispatch({ type: 'CancelRequest', requestId: accepted.requestId!, terminateMachines: true });
    expect(cancelled.request.status).toBe('cancelled');
    expect(cancelled.problems).toEqual([expect.stringMatching(/^mem-a: PROVIDER_UNAVAILABLE/)]);
    // The recorded machine is returned all the same.
    expect(cancelled.returnRequestId).toMatch(/^ret-/);
  });
});

describe('asynchronous provider APIs', () => {
  it('waits for machines a fleet accepted but reports later, and never creates them again', async () => {
    const fixture = createApplicationFixture();
    const provider = fixture.providers.get('mem-a')!;
    // A fleet-like API: the machines exist in the cloud at once, but the call reports only a count.
    const original = provider.createInstances.bind(provider);
    provider.createInstances = async (request, options) => {
      const result = await original(request, options);
      return { ...result, instances: [], pendingCount: result.instances.length };
    };
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3 });
    expect(accepted.machines).toHaveLength(0);
    expect(accepted.request?.status).toBe('in_progress');
    expect(accepted.request?.attempts).toEqual([expect.objectContaining({ requestedCount: 3, createdCount: 0 })]);

    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(status.requests[0]?.machines).toHaveLength(3);
    expect(status.requests[0]?.request?.status).toBe('complete');
    expect(provider.cloud.callCount('create')).toBe(1);
  });
});

describe('two processes on one request', () => {
  it('never provisions the same machines twice when both poll at once', async () => {
    const first = createApplicationFixture();
    const second = createApplicationFixture({ sharedWith: first });
    const accepted = await first.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 4, provisionInline: false });
    const results = await Promise.allSettled([
      first.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] }),
      second.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    const final = await first.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(final.requests[0]?.request?.status).toBe('complete');
    expect(final.requests[0]?.machines).toHaveLength(4);
    expect(first.providers.get('mem-a')!.cloud.instances()).toHaveLength(4);
  });
});
