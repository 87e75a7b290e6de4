import { MachineSchema, type Machine, type MachineRequest } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import {
  toHostFactoryMachine,
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
    expect(toHostFactoryMachine(acquire('in_progress'), machine({ state: 'pending', rawState: 'pending' }))).toMatchObject({ result: 'executing', status: 'pending' });
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

  it('lists reclaimed hosts for getReturnRequests', () => {
    const reclaimed = machine({ state: 'terminated', rawState: 'missing' });
    expect(toHostFactoryReturnRequests({ machines: [{ machine: reclaimed, name: 'host-a', reason: 'gone' }], unknown: [] })).toEqual({
      status: 'complete',
      message: '',
      requests: [{ machine: 'host-a', machineId: 'i-0abc', gracePeriod: 0 }],
    });
  });
});
