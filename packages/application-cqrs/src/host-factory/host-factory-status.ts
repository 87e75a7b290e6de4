import { formatInstanceTags, isRequestFinal, type Machine, type MachineRequest, type MachineState, type ReturnLookup } from '@ohf/domain-core';
import type { GetReturnRequestsResult } from '../requests/get-return-requests.js';
import type { GetRequestStatusResult } from '../requests/get-request-status.js';

/** Host Factory request status words. */
export type HostFactoryRequestStatus = 'running' | 'complete' | 'complete_with_error';
/** Host Factory machine result words. */
export type HostFactoryMachineResult = 'executing' | 'succeed' | 'fail';
/** Host Factory machine status words (the provider state). */
export type HostFactoryMachineStatus = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface HostFactoryMachine {
  /** The cloud's id (`i-0abc…`), as Host Factory knows the host. */
  readonly machineId: string;
  readonly name: string;
  readonly result: HostFactoryMachineResult;
  readonly status: HostFactoryMachineStatus;
  readonly privateIpAddress: string | null;
  readonly publicIpAddress: string | null;
  /** Epoch seconds. */
  readonly launchtime: number;
  /** Never empty when `result` is `fail`. */
  readonly message: string;
  readonly priceType?: string;
  readonly instanceType?: string;
  readonly instanceTags?: string;
  readonly cloudHostId?: string;
  /** Ours, beyond the contract (Symphony ignores fields it does not know): the plan launched and its hourly price. */
  readonly planId?: string;
  readonly priceHourly?: number;
  readonly currency?: string;
}

export interface HostFactoryRequest {
  readonly requestId: string;
  readonly status: HostFactoryRequestStatus;
  readonly message: string;
  readonly machines: readonly HostFactoryMachine[];
}

const MACHINE_STATUS: Readonly<Record<MachineState, HostFactoryMachineStatus>> = {
  pending: 'pending',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  shutting_down: 'shutting-down',
  terminated: 'terminated',
  // Host Factory has no word for these: a failed machine is gone for the scheduler, an
  // unknown one is still coming.
  failed: 'terminated',
  unknown: 'pending',
};

export function toHostFactoryRequestStatus(request: Pick<MachineRequest, 'status'>): HostFactoryRequestStatus {
  switch (request.status) {
    case 'pending':
    case 'in_progress':
      return 'running';
    case 'complete':
      return 'complete';
    case 'partial':
    case 'failed':
    case 'cancelled':
      return 'complete_with_error';
  }
}

export function toHostFactoryMachineStatus(state: MachineState): HostFactoryMachineStatus {
  return MACHINE_STATUS[state];
}

/**
 * The result of one machine within a request: for an acquire request `succeed` once running,
 * `executing` while starting, `fail` when it stopped, failed or ended; for a return request
 * `succeed` once terminated, `executing` until then, `fail` if the request ended without it.
 */
export function toHostFactoryMachineResult(
  request: Pick<MachineRequest, 'kind' | 'status'>,
  machine: Pick<Machine, 'state'>,
): HostFactoryMachineResult {
  if (request.kind === 'return') {
    if (machine.state === 'terminated') return 'succeed';
    return isRequestFinal(request) ? 'fail' : 'executing';
  }
  if (machine.state === 'running') return 'succeed';
  if (machine.state === 'pending' || machine.state === 'unknown') {
    return request.status === 'pending' || request.status === 'in_progress' ? 'executing' : 'fail';
  }
  return 'fail';
}

/** The template's own tags as Host Factory shows them: our bookkeeping tags and the cloud's reserved ones are not the scheduler's. */
function userTagsText(tags: Readonly<Record<string, string>>): string {
  const own: Record<string, string> = {};
  for (const key in tags) if (!key.startsWith('ohf:') && !key.startsWith('aws:')) own[key] = tags[key]!;
  return formatInstanceTags(own);
}

export function toHostFactoryMachine(request: Pick<MachineRequest, 'kind' | 'status'>, machine: Machine): HostFactoryMachine {
  const result = toHostFactoryMachineResult(request, machine);
  const launched = Date.parse(machine.launchTime ?? machine.createdAt);
  const failure =
    request.kind === 'return'
      ? `The machine was not terminated before the return request ended; it is ${machine.state.replace('_', ' ')} (${machine.rawState}).`
      : `The machine is ${machine.state.replace('_', ' ')} (${machine.rawState}).`;
  const message = machine.message !== '' ? machine.message : result === 'fail' ? failure : '';
  const tags = userTagsText(machine.tags);
  // Built by assignment in the order the fields print: a status poll answers for thousands of
  // machines, and an object spread per optional field cost more than the rest.
  const shown: { -readonly [Field in keyof HostFactoryMachine]: HostFactoryMachine[Field] } = {
    machineId: machine.providerInstanceId,
    name: machine.hostName ?? machine.privateIpAddress ?? machine.providerInstanceId,
    result,
    status: toHostFactoryMachineStatus(machine.state),
    privateIpAddress: machine.privateIpAddress,
    publicIpAddress: machine.publicIpAddress,
    launchtime: Number.isNaN(launched) ? 0 : Math.floor(launched / 1000),
    message,
  } as HostFactoryMachine;
  if (machine.priceType !== undefined) shown.priceType = machine.priceType;
  if (machine.instanceType !== undefined) shown.instanceType = machine.instanceType;
  if (tags !== '') shown.instanceTags = tags;
  shown.cloudHostId = machine.providerInstanceId;
  if (machine.planId !== undefined) shown.planId = machine.planId;
  if (machine.priceHourly !== undefined) shown.priceHourly = machine.priceHourly;
  if (machine.currency !== undefined) shown.currency = machine.currency;
  return shown;
}

const LOOKUP_RESULTS: Readonly<Record<ReturnLookup['outcome'], HostFactoryMachineResult>> = {
  looking_up: 'executing',
  gone: 'succeed',
  not_ours: 'fail',
  failed: 'fail',
};

/** A machine a return request had to look up at the providers, under the names the scheduler used. */
export function toHostFactoryLookup(lookup: ReturnLookup): HostFactoryMachine {
  const result = LOOKUP_RESULTS[lookup.outcome];
  const state: MachineState = lookup.state ?? (lookup.outcome === 'gone' ? 'terminated' : 'unknown');
  const machineId = lookup.machineId ?? lookup.providerInstanceId ?? lookup.name ?? '';
  return {
    machineId,
    name: lookup.name ?? machineId,
    result,
    status: toHostFactoryMachineStatus(state),
    privateIpAddress: null,
    publicIpAddress: null,
    launchtime: 0,
    message: lookup.message !== '' || result !== 'fail' ? lookup.message : 'The machine could not be returned.',
    ...(lookup.providerInstanceId === undefined ? {} : { cloudHostId: lookup.providerInstanceId }),
  };
}

/** One request in Host Factory words (getRequestStatus): a return request lists its lookups too. */
export function toHostFactoryRequest(request: MachineRequest, machines: readonly Machine[]): HostFactoryRequest {
  return {
    requestId: request.requestId,
    status: toHostFactoryRequestStatus(request),
    message: request.message,
    machines: [...machines.map((machine) => toHostFactoryMachine(request, machine)), ...request.lookups.map(toHostFactoryLookup)],
  };
}

/** The whole getRequestStatus answer; an unknown id is a `complete_with_error` entry with a message. */
export function toHostFactoryStatusResponse(result: GetRequestStatusResult): { readonly requests: readonly HostFactoryRequest[] } {
  return {
    requests: result.requests.map((tracked) =>
      tracked.request === undefined
        ? { requestId: tracked.requestId, status: 'complete_with_error', message: `Request ${tracked.requestId} does not exist.`, machines: [] }
        : toHostFactoryRequest(tracked.request, tracked.machines),
    ),
  };
}

export interface HostFactoryReturnRequests {
  readonly status: 'complete';
  readonly message: string;
  readonly requests: readonly { readonly machine: string; readonly machineId: string; readonly gracePeriod: number }[];
}

/** The getReturnRequests answer: hosts to drain (reclaimed, or gone from every provider), by the name the scheduler used. */
export function toHostFactoryReturnRequests(result: GetReturnRequestsResult): HostFactoryReturnRequests {
  return {
    status: 'complete',
    message: '',
    requests: [
      ...result.machines.map((reclaimed) => ({
        machine: reclaimed.name,
        machineId: reclaimed.machine.providerInstanceId,
        gracePeriod: 0,
      })),
      ...result.gone.map((host) => ({ machine: host.name, machineId: host.machineId, gracePeriod: 0 })),
    ],
  };
}
