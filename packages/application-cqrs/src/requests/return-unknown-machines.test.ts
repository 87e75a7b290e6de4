import { ConfigurationError } from '@ohf/domain-core';
import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import type { InMemoryCloud } from '@ohf/provider-sdk/testing';
import { describe, expect, it } from 'vitest';
import { toHostFactoryStatusResponse } from '../host-factory/host-factory-status.js';
import { createApplicationFixture, type ApplicationFixture } from '../test-support/application-fixture.js';

/**
 * requestReturnMachines for machines storage has no record of (a work directory lost, machines
 * launched by another plugin before a migration): every call answers with a return request
 * whose status ends, whatever the providers know or say.
 */

const LOST_REQUEST = 'req-00000000-0000-4000-8000-0000000000aa';

/** Machines launched in the cloud directly, as an earlier process (or another plugin) left them. */
function launch(cloud: InMemoryCloud, count: number, tags: Record<string, string>) {
  return cloud.create({ count, instanceType: 'small', location: 'mem-eu-1', lifecycle: 'ondemand', tags }).instances;
}

const ours = (providerInstance: string) => ({
  [OHF_TAG_KEYS.requestId]: LOST_REQUEST,
  [OHF_TAG_KEYS.templateId]: 'web',
  [OHF_TAG_KEYS.providerInstance]: providerInstance,
});

function twoClouds(): ApplicationFixture {
  return createApplicationFixture({ instances: [{ name: 'mem-a', priority: 1 }, { name: 'mem-b', priority: 2 }] });
}

async function status(fixture: ApplicationFixture, requestId: string) {
  const result = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [requestId] });
  return toHostFactoryStatusResponse(result).requests[0]!;
}

describe('returning machines storage has no record of', () => {
  it('adopts and terminates ours, counts gone ones as returned, leaves others running and reports them as failed', async () => {
    const fixture = twoClouds();
    const cloudA = fixture.providers.get('mem-a')!.cloud;
    const cloudB = fixture.providers.get('mem-b')!.cloud;
    const [byId, byName] = launch(cloudA, 2, ours('mem-a'));
    // Both clouds number machines alike: mem-b's start where mem-a's end, so every id names one machine.
    cloudB.terminate(launch(cloudB, 2, {}).map((instance) => instance.id));
    const [alreadyDeleted] = launch(cloudB, 1, ours('mem-b'));
    cloudB.terminate([alreadyDeleted!.id]);
    const [stranger] = launch(cloudB, 1, { team: 'someone-else' });
    const byNameHost = `${byName!.name}.${byName!.location}.memory.internal`;

    const returned = await fixture.app.dispatch({
      type: 'ReturnMachines',
      machines: [
        { machineId: byId!.id, name: 'host-by-id' },
        { name: byNameHost },
        { machineId: alreadyDeleted!.id, name: 'host-deleted' },
        { machineId: 'mem-999999', name: 'host-never-seen' },
        { name: stranger!.privateIpAddress },
      ],
    });

    expect(returned.requestId).toMatch(/^ret-/);
    // Ours were recorded from their tags and are being terminated.
    expect(returned.machines.map((machine) => [machine.providerInstanceId, machine.requestId, machine.templateId, machine.providerInstance])).toEqual([
      [byId!.id, LOST_REQUEST, 'web', 'mem-a'],
      [byName!.id, LOST_REQUEST, 'web', 'mem-a'],
    ]);
    expect((await fixture.machines.findByProviderInstanceId(byId!.id, 'mem-a'))?.returnRequestId).toBe(returned.requestId);
    expect(returned.lookups.map((lookup) => [lookup.machineId ?? lookup.name, lookup.outcome])).toEqual([
      [alreadyDeleted!.id, 'gone'],
      ['mem-999999', 'gone'],
      [stranger!.privateIpAddress, 'not_ours'],
    ]);
    const states = new Map(cloudA.instances().concat(cloudB.instances()).map((instance) => [instance.id, instance.nativeState]));
    expect(states.get(byId!.id)).toBe('deleted');
    expect(states.get(byName!.id)).toBe('deleted');
    expect(states.get(stranger!.id)).toBe('active');

    const answer = await status(fixture, returned.requestId!);
    expect(answer.status).toBe('complete_with_error');
    expect(answer.message).toContain('was not launched by Open Host Factory');
    expect(answer.machines.map((machine) => [machine.name, machine.result])).toEqual([
      [expect.stringContaining('memory.internal'), 'succeed'],
      [byNameHost, 'succeed'],
      ['host-deleted', 'succeed'],
      ['host-never-seen', 'succeed'],
      [stranger!.privateIpAddress, 'fail'],
    ]);
    const failed = answer.machines.find((machine) => machine.result === 'fail')!;
    expect(failed.message).toMatch(new RegExp(`${stranger!.id} at mem-b was not launched by Open Host Factory .*left running`));
    expect(failed.status).toBe('running');
  });

  it('answers with a request id even when nothing is known, and completes once every provider says the machines are gone', async () => {
    const fixture = twoClouds();
    const returned = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: 'i-0123456789abcdef0', name: 'ip-10-0-57-7.ec2.internal' }] });
    expect(returned.requestId).toMatch(/^ret-/);
    expect(returned.request?.status).toBe('complete');
    expect(await status(fixture, returned.requestId!)).toMatchObject({
      status: 'complete',
      machines: [{ machineId: 'i-0123456789abcdef0', name: 'ip-10-0-57-7.ec2.internal', result: 'succeed', status: 'terminated' }],
    });
  });

  it('keeps the request running while a provider cannot be asked, tries again on each poll, and finds the machine then', async () => {
    const fixture = twoClouds();
    const cloudB = fixture.providers.get('mem-b')!.cloud;
    const [machine] = launch(cloudB, 1, ours('mem-b'));
    cloudB.failNextCalls('server_error', { times: 2, operation: 'describe' });

    const returned = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: machine!.id, name: 'host-b' }] });
    expect(returned.requestId).toMatch(/^ret-/);
    expect(returned.lookups).toEqual([expect.objectContaining({ outcome: 'looking_up', message: expect.stringContaining('could not ask mem-b (PROVIDER_UNAVAILABLE') })]);

    const first = await status(fixture, returned.requestId!);
    expect(first).toMatchObject({ status: 'running', machines: [{ name: 'host-b', result: 'executing' }] });
    expect(first.message).toContain('could not ask mem-b');
    expect(cloudB.instances()[0]?.nativeState).toBe('active');

    // mem-b answers again: the machine is ours, recorded, terminated; the request ends.
    const found = await status(fixture, returned.requestId!);
    expect(found.status).toBe('running');
    expect(cloudB.instances()[0]?.nativeState).toBe('deleted');
    const done = await status(fixture, returned.requestId!);
    expect(done).toMatchObject({ status: 'complete', machines: [{ machineId: machine!.id, result: 'succeed', status: 'terminated' }] });
  });

  it('answers with a request id for a machine named only by host name while a provider instance cannot even be set up', async () => {
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 1 },
        { name: 'mem-b', priority: 2, setupError: new ConfigurationError('No API token for provider instance "mem-b".') },
      ],
    });
    const returned = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ name: 'ip-10-0-0-1.ec2.internal' }] });
    expect(returned.requestId).toMatch(/^ret-/);
    expect(returned.lookups).toEqual([expect.objectContaining({ outcome: 'looking_up', message: expect.stringContaining('could not ask mem-b') })]);
    const polled = await status(fixture, returned.requestId!);
    expect(polled.status).toBe('running');
    expect(polled.message).toContain('No API token for provider instance "mem-b"');
  });

  it('ends complete_with_error naming the cause when a provider still cannot be asked at the deadline', async () => {
    const fixture = createApplicationFixture({
      instances: [{ name: 'mem-a', priority: 1 }, { name: 'mem-b', priority: 2 }],
      options: { provisioning: { deadlineMs: 10 * 60_000 } },
    });
    const cloudB = fixture.providers.get('mem-b')!.cloud;
    cloudB.failNextCalls('rate_limit', { times: 100, operation: 'describe' });
    const returned = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: 'mem-000042', name: 'host-42' }] });
    expect((await status(fixture, returned.requestId!)).status).toBe('running');

    fixture.clock.advance(10 * 60_000);
    const ended = await status(fixture, returned.requestId!);
    expect(ended.status).toBe('complete_with_error');
    expect(ended.message).toContain('mem-b (RATE_LIMIT_EXCEEDED');
    expect(ended.machines).toEqual([
      expect.objectContaining({ machineId: 'mem-000042', result: 'fail', message: expect.stringMatching(/^Not found before the request's deadline: .*could not ask mem-b/) }),
    ]);
    // Final: later polls ask nobody.
    const describes = cloudB.callCount('describe');
    expect((await status(fixture, returned.requestId!)).status).toBe('complete_with_error');
    expect(cloudB.callCount('describe')).toBe(describes);
  });

  it('ends a return whose known machine cannot be terminated by the deadline, instead of retrying forever', async () => {
    const fixture = createApplicationFixture({ options: { provisioning: { deadlineMs: 5 * 60_000 } } });
    const cloud = fixture.providers.get('mem-a')!.cloud;
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    const [machine] = (await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] })).requests[0]!.machines;
    cloud.failNextCalls('server_error', { times: 100, operation: 'terminate' });
    const returned = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: machine!.providerInstanceId }] });
    expect((await status(fixture, returned.requestId!)).status).toBe('running');
    fixture.clock.advance(5 * 60_000);
    const ended = await status(fixture, returned.requestId!);
    expect(ended.status).toBe('complete_with_error');
    expect(ended.message).toMatch(/1 machine was not terminated before the deadline \(mem-a: PROVIDER_UNAVAILABLE/);
    expect(ended.machines).toEqual([expect.objectContaining({ result: 'fail', message: expect.stringContaining('Termination failed: PROVIDER_UNAVAILABLE') })]);
  });

  it('plans in a dry run without recording anything or terminating', async () => {
    const fixture = twoClouds();
    const cloudA = fixture.providers.get('mem-a')!.cloud;
    const [machine] = launch(cloudA, 1, ours('mem-a'));
    const plan = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: machine!.id }, { machineId: 'mem-777777' }], dryRun: true });
    expect(plan.requestId).toBeUndefined();
    expect(plan.plan).toEqual([{ providerInstance: 'mem-a', providerInstanceIds: [machine!.id], plannedCalls: [expect.objectContaining({ operation: 'terminate' })] }]);
    expect(plan.lookups).toEqual([expect.objectContaining({ machineId: 'mem-777777', outcome: 'gone' })]);
    expect((await fixture.machines.list()).total).toBe(0);
    expect((await fixture.requests.list()).total).toBe(0);
    expect(cloudA.instances()[0]?.nativeState).toBe('active');
  });

  it('refuses to guess when a name matches machines at two providers', async () => {
    const fixture = twoClouds();
    const [first] = launch(fixture.providers.get('mem-a')!.cloud, 1, ours('mem-a'));
    const [second] = launch(fixture.providers.get('mem-b')!.cloud, 1, ours('mem-b'));
    expect(first!.privateIpAddress).toBe(second!.privateIpAddress);
    const returned = await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ name: first!.privateIpAddress }] });
    expect(returned.lookups).toEqual([expect.objectContaining({ outcome: 'failed', message: expect.stringContaining('Names 2 machines') })]);
    expect(returned.request?.status).toBe('failed');
    expect(fixture.providers.get('mem-a')!.cloud.instances()[0]?.nativeState).toBe('active');
  });
});
