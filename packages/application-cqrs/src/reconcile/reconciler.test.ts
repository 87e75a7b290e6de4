import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import type { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { describe, expect, it } from 'vitest';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { createApplicationFixture, type ApplicationFixture, type FixtureOptions } from '../test-support/application-fixture.js';

/** Machines launched with our tags for `requestId`, as a crashed process or a fleet leaves them. */
function launchTagged(cloud: InMemoryCloud, count: number, requestId: string, providerInstance = 'mem-a') {
  return cloud.create({
    count,
    instanceType: 'small',
    location: 'mem-eu-1',
    lifecycle: 'ondemand',
    tags: { [OHF_TAG_KEYS.requestId]: requestId, [OHF_TAG_KEYS.templateId]: 'web', [OHF_TAG_KEYS.providerInstance]: providerInstance },
  }).instances;
}

function fixtureWith(options: FixtureOptions['options'] = {}): ApplicationFixture {
  return createApplicationFixture({
    instances: [{ name: 'mem-a', priority: 1 }, { name: 'mem-b', priority: 2 }],
    // Automatic runs off unless a test turns them on: each test runs reconciliation when it means to.
    options: { reconcile: { intervalMs: 0 }, ...options },
  });
}

const UNKNOWN_REQUEST = 'req-00000000-0000-4000-8000-00000000f00d';

describe('reconciliation', () => {
  it('adopts the untracked machines of a live request up to its count, terminates the surplus, reports orphans; a dry run only tells', async () => {
    const fixture = fixtureWith();
    const cloudA = fixture.providers.get('mem-a')!.cloud;
    const cloudB = fixture.providers.get('mem-b')!.cloud;
    const finished = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    const settled = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [finished.requestId!] });
    expect(settled.requests[0]?.request?.status).toBe('complete');
    const [tracked] = await fixture.machines.findByRequestId(finished.requestId!);
    const live = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2, provisionInline: false });
    const [first, second, third] = launchTagged(cloudA, 3, live.requestId!);
    const [late] = launchTagged(cloudA, 1, finished.requestId!);
    const [unknown] = launchTagged(cloudB, 1, UNKNOWN_REQUEST, 'mem-b');
    cloudB.create({ count: 1, instanceType: 'small', location: 'mem-eu-1', lifecycle: 'ondemand', tags: { team: 'not-ours' } });

    const planned = await fixture.app.dispatch({ type: 'ReconcileMachines', dryRun: true });
    expect(planned.report?.instances.map((entry) => [entry.providerInstanceId, entry.action])).toEqual([
      [first!.id, 'adopted'],
      [second!.id, 'adopted'],
      [third!.id, 'surplus_terminated'],
      [late!.id, 'orphan_reported'],
      [unknown!.id, 'orphan_reported'],
    ]);
    expect(await fixture.machines.findByRequestId(live.requestId!)).toEqual([]);
    expect(cloudA.instances().every((instance) => instance.nativeState !== 'deleted')).toBe(true);

    const { report } = await fixture.app.dispatch({ type: 'ReconcileMachines' });
    expect(report?.providers).toEqual([
      { providerInstance: 'mem-a', found: 5, tracked: 1, adopted: 2, orphaned: 1, terminated: 1 },
      { providerInstance: 'mem-b', found: 1, tracked: 0, adopted: 0, orphaned: 1, terminated: 0 },
    ]);
    expect(report?.instances.find((entry) => entry.providerInstanceId === late!.id)?.reason).toBe(`Request ${finished.requestId} is complete.`);
    expect(report?.instances.find((entry) => entry.providerInstanceId === unknown!.id)?.reason).toBe(`Request ${UNKNOWN_REQUEST} is not in storage.`);
    const adopted = await fixture.machines.findByRequestId(live.requestId!);
    expect(adopted.map((machine) => [machine.providerInstanceId, machine.templateId, machine.providerInstance])).toEqual([
      [first!.id, 'web', 'mem-a'],
      [second!.id, 'web', 'mem-a'],
    ]);
    expect(cloudA.instances().find((instance) => instance.id === third!.id)?.nativeState).toBe('deleted');
    expect(cloudA.instances().find((instance) => instance.id === late!.id)?.nativeState).not.toBe('deleted');
    expect(cloudA.instances().find((instance) => instance.id === tracked!.providerInstanceId)?.nativeState).not.toBe('deleted');
    expect(fixture.metrics.total(APPLICATION_METRICS.reconciledInstancesTotal, { provider_instance: 'mem-a', outcome: 'adopted' })).toBe(2);
    expect(fixture.metrics.total(APPLICATION_METRICS.reconciledInstancesTotal, { provider_instance: 'mem-b', outcome: 'orphaned' })).toBe(1);

    // The live request now continues with the adopted machines and asks for nothing more.
    const creates = cloudA.callCount('create');
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [live.requestId!] });
    expect(status.requests[0]?.machines.map((machine) => machine.providerInstanceId)).toEqual([first!.id, second!.id]);
    expect(cloudA.callCount('create')).toBe(creates);

    // With terminateOrphans, the orphans go too.
    const cleaned = await fixture.app.dispatch({ type: 'ReconcileMachines', terminateOrphans: true });
    expect(cleaned.report?.instances.map((entry) => entry.action)).toEqual(['orphan_terminated', 'orphan_terminated']);
    expect(cloudA.instances().find((instance) => instance.id === late!.id)?.nativeState).toBe('deleted');
    expect(cloudB.instances().find((instance) => instance.id === unknown!.id)?.nativeState).toBe('deleted');
  });

  it('reports a provider instance it cannot ask and changes nothing there', async () => {
    const fixture = fixtureWith({ reconcile: { intervalMs: 0, terminateOrphans: true } });
    const cloudB = fixture.providers.get('mem-b')!.cloud;
    launchTagged(cloudB, 1, UNKNOWN_REQUEST, 'mem-b');
    cloudB.failNextCalls('server_error', { operation: 'list' });
    const { report } = await fixture.app.dispatch({ type: 'ReconcileMachines' });
    expect(report?.providers[1]).toMatchObject({ providerInstance: 'mem-b', found: 0, error: { code: 'PROVIDER_UNAVAILABLE' } });
    expect(cloudB.instances()[0]?.nativeState).not.toBe('deleted');
    expect(fixture.metrics.total(APPLICATION_METRICS.reconcileRunsTotal, { provider_instance: 'mem-b', outcome: 'error' })).toBe(1);
  });

  it('runs from status polls at most once per interval, the interval shared by processes through storage', async () => {
    const fixture = fixtureWith({ reconcile: { intervalMs: 60_000 } });
    const secondProcess = createApplicationFixture({
      instances: [{ name: 'mem-a', priority: 1 }, { name: 'mem-b', priority: 2 }],
      sharedWith: fixture,
      options: { reconcile: { intervalMs: 60_000 } },
    });
    const cloudA = fixture.providers.get('mem-a')!.cloud;
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    const lists = () => cloudA.callCount('list');
    const poll = (app: ApplicationFixture['app']) => app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });

    let before = lists();
    await poll(fixture.app);
    expect(lists() - before).toBe(1);
    before = lists();
    await poll(fixture.app);
    await poll(secondProcess.app);
    expect(lists() - before).toBe(0);

    fixture.clock.advance(60_000);
    before = lists();
    await poll(secondProcess.app);
    await poll(fixture.app);
    expect(lists() - before).toBe(1);
    expect((await fixture.stateStore.get('reconcile'))?.value).toMatchObject({ lastStartedAt: fixture.clock.now().toISOString() });

    // A background worker asks with ifDue: not yet; an on-demand run always runs and restarts the interval.
    expect(await fixture.app.dispatch({ type: 'ReconcileMachines', ifDue: true })).toEqual({ ran: false });
    fixture.clock.advance(30_000);
    expect((await fixture.app.dispatch({ type: 'ReconcileMachines' })).ran).toBe(true);
    fixture.clock.advance(30_000);
    expect(await fixture.app.dispatch({ type: 'ReconcileMachines', ifDue: true })).toEqual({ ran: false });
    fixture.clock.advance(30_000);
    expect((await fixture.app.dispatch({ type: 'ReconcileMachines', ifDue: true })).ran).toBe(true);
  });

  it('never fails a status poll when reconciliation fails', async () => {
    const fixture = fixtureWith({ reconcile: { intervalMs: 60_000 } });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    fixture.providers.get('mem-a')!.cloud.failNextCalls('server_error', { operation: 'list' });
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    expect(status.requests[0]?.request?.status).toBe('complete');
  });
});
