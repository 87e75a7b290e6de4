import { describe, expect, it } from 'vitest';
import { createApplicationFixture } from '../test-support/application-fixture.js';

async function runningMachines(fixture: ReturnType<typeof createApplicationFixture>, count: number) {
  const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count });
  const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
  expect(status.requests[0]?.request?.status).toBe('complete');
  return status.requests[0]!.machines;
}

describe('return flow', () => {
  it('terminates at the provider and completes only once the provider reports the machines terminated', async () => {
    const fixture = createApplicationFixture();
    const cloud = fixture.providers.get('mem-a')!.cloud;
    const machines = await runningMachines(fixture, 3);
    // The first termination call fails: the request must stay open and try again.
    cloud.failNextCalls('server_error', { operation: 'terminate' });
    const returned = await fixture.app.dispatch({
      type: 'ReturnMachines',
      machines: [
        { machineId: machines[0]!.providerInstanceId, name: 'ignored' },
        { name: machines[1]!.hostName! },
        { machineId: machines[2]!.machineId },
        { machineId: 'i-unknown' },
      ],
    });
    expect(returned.requestId).toMatch(/^ret-/);
    expect(returned.request?.status).toBe('in_progress');
    expect(returned.notFound).toEqual([{ machineId: 'i-unknown' }]);
    expect(returned.machines.map((machine) => machine.state)).toEqual(['running', 'running', 'running']);
    expect(returned.machines.every((machine) => machine.returnRequestId === returned.requestId)).toBe(true);

    // The next poll sends the termination again; the machines are now going away.
    const terminateCalls = cloud.callCount('terminate');
    const polled = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [returned.requestId!] });
    expect(cloud.callCount('terminate')).toBe(terminateCalls + 1);
    expect(polled.requests[0]?.request?.status).toBe('in_progress');
    expect(polled.requests[0]?.machines.map((machine) => machine.state)).toEqual(['shutting_down', 'shutting_down', 'shutting_down']);

    // The provider now reports them terminated: the return request completes.
    const done = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [returned.requestId!] });
    expect(done.requests[0]?.request?.status).toBe('complete');
    expect(done.requests[0]?.machines.map((machine) => machine.state)).toEqual(['terminated', 'terminated', 'terminated']);
    expect(cloud.instances().every((instance) => instance.nativeState === 'deleted')).toBe(true);
  });

  it('counts machines already gone at the provider as returned', async () => {
    const fixture = createApplicationFixture();
    const cloud = fixture.providers.get('mem-a')!.cloud;
    const machines = await runningMachines(fixture, 2);
    cloud.remove(machines[0]!.providerInstanceId);
    cloud.remove(machines[1]!.providerInstanceId);
    const returned = await fixture.app.dispatch({
      type: 'ReturnMachines',
      machines: machines.map((machine) => ({ machineId: machine.providerInstanceId })),
    });
    expect(returned.request?.status).toBe('complete');
    expect(returned.machines.map((machine) => machine.state)).toEqual(['terminated', 'terminated']);
  });

  it('records a return request even for machines no one knows, and plans without acting in a dry run', async () => {
    const fixture = createApplicationFixture();
    const unknown = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: 'i-nope' }] });
    expect(unknown).toMatchObject({ requestId: expect.stringMatching(/^ret-/), machines: [], notFound: [{ machineId: 'i-nope' }] });
    expect(unknown.request).toMatchObject({ status: 'complete', lookups: [{ machineId: 'i-nope', outcome: 'gone' }] });

    const machines = await runningMachines(fixture, 1);
    const plan = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: machines[0]!.machineId }], dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.plan).toEqual([
      { providerInstance: 'mem-a', providerInstanceIds: [machines[0]!.providerInstanceId], plannedCalls: [expect.objectContaining({ operation: 'terminate' })] },
    ]);
    expect(fixture.providers.get('mem-a')!.cloud.callCount('terminate')).toBe(0);
    expect((await fixture.requests.list({ kind: 'return' })).total).toBe(1);
  });
});

describe('getReturnRequests', () => {
  it('reports machines deleted or reclaimed outside a return request, not the ones we returned', async () => {
    const fixture = createApplicationFixture();
    const cloud = fixture.providers.get('mem-a')!.cloud;
    const machines = await runningMachines(fixture, 4);
    const [deleted, reclaimed, returnedByUs, healthy] = machines;
    await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: returnedByUs!.machineId }] });
    cloud.remove(deleted!.providerInstanceId);
    cloud.setNativeState(reclaimed!.providerInstanceId, 'deleted');
    // Clouds list new machines late: a machine missing from a listing counts as gone only after a grace period.
    fixture.clock.advance(6 * 60_000);

    const describes = cloud.callCount('describe');
    const result = await fixture.app.dispatch({
      type: 'GetReturnRequests',
      machines: [
        { machineId: deleted!.providerInstanceId, name: 'host-deleted' },
        { machineId: reclaimed!.providerInstanceId, name: 'host-reclaimed' },
        { machineId: returnedByUs!.providerInstanceId, name: 'host-returned' },
        { machineId: healthy!.providerInstanceId, name: 'host-healthy' },
        { machineId: 'i-not-ours', name: 'stranger' },
      ],
    });
    expect(cloud.callCount('describe') - describes).toBe(1);
    expect(result.machines.map((entry) => [entry.name, entry.machine.state])).toEqual([
      ['host-deleted', 'terminated'],
      ['host-reclaimed', 'terminated'],
    ]);
    expect(result.machines[0]?.reason).toContain('no longer reports');
    expect(result.unknown).toEqual([{ machineId: 'i-not-ours', name: 'stranger' }]);
    // No provider instance has it: the scheduler should drain it too.
    expect(result.gone).toEqual([{ name: 'stranger', machineId: 'i-not-ours', reason: expect.stringContaining('No provider instance has this machine') }]);
  });

  it('lists hosts no provider has any more only when every provider instance answered, asking each once per poll', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', priority: 1 }, { name: 'mem-b', priority: 2 }] });
    const cloudA = fixture.providers.get('mem-a')!.cloud;
    const cloudB = fixture.providers.get('mem-b')!.cloud;
    const [healthy] = await runningMachines(fixture, 1);
    // Hosts storage has no record of: one alive at mem-b (not ours), one terminated there, and two nobody has.
    cloudB.create({ count: 3, instanceType: 'small', location: 'mem-eu-1', lifecycle: 'ondemand', tags: {} });
    const [, alive, ended] = cloudB.instances();
    cloudB.terminate([ended!.id]);
    const hosts = [
      { machineId: healthy!.providerInstanceId, name: 'host-healthy' },
      { machineId: alive!.id, name: 'host-alive-elsewhere' },
      { machineId: ended!.id, name: 'host-ended' },
      { machineId: 'i-0123456789abcdef0', name: 'host-never-here' },
      { name: 'host-by-name-only' },
    ];

    const before = { a: cloudA.callCount('describe'), b: cloudB.callCount('describe') };
    const result = await fixture.app.dispatch({ type: 'GetReturnRequests', machines: hosts });
    expect(result.machines).toEqual([]);
    expect(result.gone.map((host) => [host.name, host.machineId])).toEqual([
      ['host-ended', ended!.id],
      ['host-never-here', 'i-0123456789abcdef0'],
      ['host-by-name-only', 'host-by-name-only'],
    ]);
    expect(result.gone[0]?.reason).toContain('terminated at mem-b');
    // One describe per provider instance for known and unknown hosts alike.
    expect([cloudA.callCount('describe') - before.a, cloudB.callCount('describe') - before.b]).toEqual([1, 1]);

    // mem-b cannot be asked: what it might hold is unknown, so nothing unknown is listed.
    cloudB.failNextCalls('server_error', { times: 1, operation: 'describe' });
    const unsure = await fixture.app.dispatch({ type: 'GetReturnRequests', machines: hosts });
    expect(unsure.gone).toEqual([]);
    // Only its name lookup fails: hosts named by id are known to be gone (their id decides), the name-only one is not.
    cloudB.failNextCalls('server_error', { times: 1, operation: 'list' });
    const unsureByName = await fixture.app.dispatch({ type: 'GetReturnRequests', machines: hosts });
    expect(unsureByName.gone.map((host) => host.name)).toEqual(['host-ended', 'host-never-here']);
  });
});
