import { MachineSchema, type Machine, type MachineRequest } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import {
  toHostFactoryMachine,
  toHostFactoryRequest,
  toHostFactoryRequestStatus,
  toHostFactoryReturnRequests,
  toHostFactoryStatusResponse,
} from './host-factory-status.js';

function machine(overrides: Partial<Machine>): Machine {
  return MachineSchema.parse({
    machineId: 'm-00000000-0000-4000-8000-000000000001',
    providerInstanceId: 'i-0abc',
    requestId: 'req-00000000-0000-4000-8000-000000000002',
    templateId: 'web',
    providerType: 'aws',
    providerInstance: 'aws-us-east-1',
    state: 'running',
    rawState: 'running',
    privateIpAddress: '10.0.57.7',
    hostName: 'ip-10-0-57-7.ec2.internal',
    launchTime: '2025-11-22T08:26:40.500Z',
    instanceType: 't3.small',
    priceType: 'ondemand',
    tags: { team: 'hpc' },
    createdAt: '2025-11-22T08:26:00.000Z',
    updatedAt: '2025-11-22T08:26:00.000Z',
    ...overrides,
  });
}

const acquire = (status: MachineRequest['status']) => ({ kind: 'acquire' as const, status });

describe('Host Factory words', () => {
  it('maps request statuses to running, complete and complete_with_error', () => {
    expect(['pending', 'in_progress', 'complete', 'partial', 'failed', 'cancelled'].map((status) => toHostFactoryRequestStatus({ status: status as MachineRequest['status'] }))).toEqual([
      'running',
      'running',
      'complete',
      'complete_with_error',
      'complete_with_error',
      'complete_with_error',
    ]);
  });

  it('maps a machine with epoch-second launch time, contract states and a message on failure', () => {
    expect(toHostFactoryMachine(acquire('in_progress'), machine({}))).toEqual({
      machineId: 'i-0abc',
      name: 'ip-10-0-57-7.ec2.internal',
      result: 'succeed',
      status: 'running',
      privateIpAddress: '10.0.57.7',
      publicIpAddress: null,
      launchtime: 1763800000,
      message: '',
      priceType: 'ondemand',
      instanceType: 't3.small',
      instanceTags: 'team=hpc',
      cloudHostId: 'i-0abc',
    });
    // The order the fields print in, which the JSON answer keeps.
    expect(Object.keys(toHostFactoryMachine(acquire('in_progress'), machine({})))).toEqual([
      'machineId', 'name', 'result', 'status', 'privateIpAddress', 'publicIpAddress', 'launchtime', 'message', 'priceType', 'instanceType', 'instanceTags', 'cloudHostId',
    ]);
    expect(toHostFactoryMachine(acquire('in_progress'), machine({ tags: { 'ohf:request-id': 'req-1', 'aws:ec2:fleet-id': 'fleet-1', team: 'hpc', 'cost-center': '4711' } })).instanceTags).toBe('team=hpc;cost-center=4711');
    expect(toHostFactoryMachine(acquire('in_progress'), machine({ tags: { 'ohf:request-id': 'req-1' } }))).not.toHaveProperty('instanceTags');
    expect(toHostFactoryMachine(acquire('in_progress'), machine({ state: 'pending', rawState: 'pending' }))).toMatchObject({ result: 'executing', status: 'pending' });
    // The plan and price ride along after the contract's fields, which stay as they are.
    const priced = toHostFactoryMachine(acquire('in_progress'), machine({ planId: 't3.small', priceHourly: 0.0229, currency: 'USD' }));
    expect(Object.keys(priced).slice(-4)).toEqual(['cloudHostId', 'planId', 'priceHourly', 'currency']);
    expect(priced).toMatchObject({ instanceType: 't3.small', planId: 't3.small', priceHourly: 0.0229, currency: 'USD' });
    expect(toHostFactoryMachine(acquire('in_progress'), machine({ state: 'shutting_down', rawState: 'shutting-down' }))).toMatchObject({
      result: 'fail',
      status: 'shutting-down',
      message: 'The machine is shutting down (shutting-down).',
    });
    expect(toHostFactoryMachine(acquire('failed'), machine({ state: 'pending', message: 'capacity ran out' }))).toMatchObject({ result: 'fail', message: 'capacity ran out' });
    expect(toHostFactoryMachine({ kind: 'return', status: 'in_progress' }, machine({ state: 'terminated' }))).toMatchObject({ result: 'succeed', status: 'terminated' });
    expect(toHostFactoryMachine({ kind: 'return', status: 'in_progress' }, machine({ state: 'shutting_down' }))).toMatchObject({ result: 'executing' });
  });

  it('reports an unknown request inside the answer', () => {
    expect(toHostFactoryStatusResponse({ requests: [{ requestId: 'req-nope', found: false, machines: [] }] })).toEqual({
      requests: [{ requestId: 'req-nope', status: 'complete_with_error', message: 'Request req-nope does not exist.', machines: [] }],
    });
  });

  it('lists reclaimed hosts and hosts no provider has any more for getReturnRequests', () => {
    const reclaimed = machine({ state: 'terminated', rawState: 'missing' });
    const gone = [{ name: 'host-b', machineId: 'i-0def', reason: 'No provider instance has this machine.' }];
    expect(toHostFactoryReturnRequests({ machines: [{ machine: reclaimed, name: 'host-a', reason: 'gone' }], gone, unknown: [] })).toEqual({
      status: 'complete',
      message: '',
      requests: [
        { machine: 'host-a', machineId: 'i-0abc', gracePeriod: 0 },
        { machine: 'host-b', machineId: 'i-0def', gracePeriod: 0 },
      ],
    });
  });

  it('lists a looked-up machine of a return request under the scheduler\'s names, failing with the reason when not ours', () => {
    const request = {
      requestId: 'ret-00000000-0000-4000-8000-000000000009',
      organizationId: 'default',
      kind: 'return' as const,
      requestedCount: 2,
      status: 'partial' as const,
      message: '1 of 2 machines terminated.',
      attempts: [],
      machineIds: [],
      lookups: [
        { machineId: 'i-0aaa', name: 'host-gone', outcome: 'gone' as const, message: 'No provider instance has this machine.' },
        { name: 'host-else', outcome: 'not_ours' as const, providerInstance: 'aws-us-east-1', providerInstanceId: 'i-0bbb', state: 'running' as const, rawState: 'running', message: 'left running' },
      ],
      createdAt: '2025-11-22T08:26:00.000Z',
      updatedAt: '2025-11-22T08:26:00.000Z',
      version: 1,
    };
    expect(toHostFactoryRequest(request, []).machines).toEqual([
      { machineId: 'i-0aaa', name: 'host-gone', result: 'succeed', status: 'terminated', privateIpAddress: null, publicIpAddress: null, launchtime: 0, message: 'No provider instance has this machine.' },
      { machineId: 'i-0bbb', name: 'host-else', result: 'fail', status: 'running', privateIpAddress: null, publicIpAddress: null, launchtime: 0, message: 'left running', cloudHostId: 'i-0bbb' },
    ]);
  });

  it('fails the machines a finished return request could not terminate, with a message', () => {
    const result = toHostFactoryMachine({ kind: 'return', status: 'partial' }, machine({ state: 'running' }));
    expect(result).toMatchObject({ result: 'fail', message: expect.stringContaining('was not terminated before the return request ended') });
    expect(toHostFactoryMachine({ kind: 'return', status: 'in_progress' }, machine({ state: 'running' })).result).toBe('executing');
  });
});
