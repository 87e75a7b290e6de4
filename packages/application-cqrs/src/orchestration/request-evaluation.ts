import { isRequestFinal, type Machine, type MachineRequest, type RequestStatus } from '@ohf/domain-core';
import { attemptErrorSummary, currentErrorsByInstance } from './attempts.js';

export interface RequestVerdict {
  readonly status: RequestStatus;
  readonly message: string;
}

/** States a machine passes through on its way to running. */
const STARTING_STATES: ReadonlySet<Machine['state']> = new Set(['pending', 'unknown']);

/**
 * The status of an acquire request from its machines:
 * - in_progress while a machine is still starting or more may still come (`waiting`);
 * - complete when every requested machine runs;
 * - partial when some run and no more will come; failed when none runs.
 * A final request keeps its status: machines that stop later do not reopen it.
 */
export function evaluateAcquireRequest(
  request: MachineRequest,
  machines: readonly Machine[],
  progress: { readonly waiting: boolean; readonly reason?: string; readonly waitingFor?: string },
): RequestVerdict {
  if (isRequestFinal(request)) return { status: request.status, message: request.message };
  const running = machines.filter((machine) => machine.state === 'running').length;
  const starting = machines.filter((machine) => STARTING_STATES.has(machine.state)).length;
  const requested = request.requestedCount;
  if (starting > 0 || progress.waiting) {
    const missing = Math.max(0, requested - machines.length);
    const counts = `${running} of ${requested} machines running, ${starting} starting${progress.waiting ? `, ${missing} still to be provisioned` : ''}`;
    // A request that is short of machines says why: what it waits for, else each instance's last error.
    const cause = missing === 0 ? undefined : (progress.waitingFor ?? currentErrorsByInstance(request).map((error) => error.text).join('; '));
    return { status: 'in_progress', message: cause === undefined || cause === '' ? `${counts}.` : `${counts}; waiting: ${cause}.` };
  }
  if (running >= requested) return { status: 'complete', message: '' };
  const reasons = [...attemptErrorSummary(request)];
  const lost = machines.length - running;
  if (lost > 0) reasons.push(`${lost} machine${lost === 1 ? '' : 's'} stopped, failed or terminated before the request completed`);
  if (progress.reason !== undefined) reasons.push(progress.reason);
  const missing = requested - machines.length;
  if (missing > 0 && reasons.length === 0) reasons.push(`${missing} machine${missing === 1 ? ' was' : 's were'} never provisioned`);
  const why = reasons.join('; ');
  if (running > 0) return { status: 'partial', message: `Only ${running} of ${requested} machines are running: ${why}.` };
  return { status: 'failed', message: `None of the ${requested} requested machines is running: ${why}.` };
}

/**
 * A return request completes when all its machines are terminated (or unknown to storage,
 * i.e. gone); until then it stays in progress.
 */
export function evaluateReturnRequest(
  request: MachineRequest,
  machines: readonly Machine[],
  problems: readonly string[] = [],
): RequestVerdict {
  if (isRequestFinal(request)) return { status: request.status, message: request.message };
  const byId = new Map(machines.map((machine) => [machine.machineId, machine]));
  const total = request.machineIds.length;
  const terminated = request.machineIds.filter((machineId) => {
    const machine = byId.get(machineId);
    return machine === undefined || machine.state === 'terminated';
  }).length;
  if (terminated === total) return { status: 'complete', message: '' };
  return {
    status: 'in_progress',
    message: `${terminated} of ${total} machines terminated.${problems.length === 0 ? '' : ` ${problems.join('; ')}.`}`,
  };
}
