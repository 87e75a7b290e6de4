import type { Machine, MachineRequest, MachineState } from '@ohf/domain-core';

/** Machine states in Host Factory words (`shutting-down` with a dash). */
const HOST_FACTORY_MACHINE_STATUS: Readonly<Record<MachineState, string>> = {
  pending: 'pending',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  shutting_down: 'shutting-down',
  terminated: 'terminated',
  // A machine that never came up is gone for the scheduler.
  failed: 'terminated',
  unknown: 'pending',
};

export interface HostFactoryMachine {
  readonly machineId: string;
  readonly name: string;
  readonly result: 'executing' | 'succeed' | 'fail';
  readonly status: string;
  readonly privateIpAddress: string | null;
  readonly publicIpAddress: string | null;
  readonly launchtime: number;
  readonly message: string;
  readonly priceType?: string;
  readonly instanceType?: string;
  readonly instanceTags?: string;
  readonly cloudHostId: string;
}

export interface HostFactoryRequestStatus {
  readonly requestId: string;
  readonly status: 'running' | 'complete' | 'complete_with_error';
  readonly message: string;
  readonly machines: readonly HostFactoryMachine[];
}

function resultOf(kind: MachineRequest['kind'], machine: Machine): HostFactoryMachine['result'] {
  if (kind === 'return') {
    if (machine.state === 'terminated') return 'succeed';
    return machine.state === 'failed' ? 'fail' : 'executing';
  }
  if (machine.state === 'running') return 'succeed';
  if (machine.state === 'pending' || machine.state === 'unknown') return 'executing';
  return 'fail';
}

function userTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .filter(([key]) => !key.startsWith('ohf:') && !key.startsWith('aws:'))
    .map(([key, value]) => `${key}=${value}`)
    .join(';');
}

export function toHostFactoryMachine(kind: MachineRequest['kind'], machine: Machine): HostFactoryMachine {
  const result = resultOf(kind, machine);
  const launched = Date.parse(machine.launchTime ?? machine.createdAt);
  const tags = userTags(machine.tags);
  return {
    machineId: machine.providerInstanceId,
    name: machine.hostName ?? machine.privateIpAddress ?? machine.providerInstanceId,
    result,
    status: HOST_FACTORY_MACHINE_STATUS[machine.state],
    privateIpAddress: machine.privateIpAddress,
    publicIpAddress: machine.publicIpAddress,
    launchtime: Number.isNaN(launched) ? 0 : Math.floor(launched / 1000),
    // The contract makes a message mandatory when the result is fail.
    message: result === 'fail' ? machine.message || `Machine ${machine.providerInstanceId} is ${machine.state}.` : machine.message,
    ...(machine.priceType ? { priceType: machine.priceType } : {}),
    ...(machine.instanceType ? { instanceType: machine.instanceType } : {}),
    ...(tags ? { instanceTags: tags } : {}),
    cloudHostId: machine.providerInstanceId,
  };
}

export function toHostFactoryRequestStatus(request: MachineRequest, machines: readonly Machine[]): HostFactoryRequestStatus {
  const status =
    request.status === 'complete'
      ? 'complete'
      : request.status === 'pending' || request.status === 'in_progress'
        ? 'running'
        : 'complete_with_error';
  return {
    requestId: request.requestId,
    status,
    message: request.message,
    machines: machines.map((machine) => toHostFactoryMachine(request.kind, machine)),
  };
}

export function unknownRequestStatus(requestId: string): HostFactoryRequestStatus {
  return { requestId, status: 'complete_with_error', message: `Request ${requestId} not found.`, machines: [] };
}
