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
 * The status of a return request from its machines and its lookups (machines it names that
 * storage did not know):
 * - in_progress while a machine is not terminated yet or a lookup could not ask every provider
 *   instance, until the deadline;
 * - complete when every machine is terminated (or unknown to storage, i.e. gone) and every
 *   lookup found its machine gone;
 * - partial when some were returned and others not (a machine not launched by us, left running;
 *   one not terminated or not found by the deadline), failed when none was.
 */
export function evaluateReturnRequest(
  request: MachineRequest,
  machines: readonly Machine[],
  problems: readonly string[] = [],
  options: { readonly deadlinePassed?: boolean } = {},
): RequestVerdict {
  if (isRequestFinal(request)) return { status: request.status, message: request.message };
  const byId = new Map(machines.map((machine) => [machine.machineId, machine]));
  const total = request.machineIds.length + request.lookups.length;
  const alive = request.machineIds.filter((machineId) => {
    const machine = byId.get(machineId);
    return machine !== undefined && machine.state !== 'terminated';
  }).length;
  const lookingUp = request.lookups.filter((lookup) => lookup.outcome === 'looking_up');
  const refused = request.lookups.filter((lookup) => lookup.outcome === 'not_ours' || lookup.outcome === 'failed');
  const returned = request.machineIds.length - alive + request.lookups.filter((lookup) => lookup.outcome === 'gone').length;
  const waiting = alive + lookingUp.length;
  const notes = [...problems, ...new Set(lookingUp.map((lookup) => lookup.message))];

  if (waiting > 0 && options.deadlinePassed !== true) {
    return { status: 'in_progress', message: `${returned} of ${total} machines terminated.${notes.length === 0 ? '' : ` ${notes.join('; ')}`}` };
  }
  const reasons = refused.map((lookup) => `${lookup.machineId ?? lookup.name}: ${lookup.message}`);
  if (alive > 0) {
    reasons.push(`${alive} machine${alive === 1 ? ' was' : 's were'} not terminated before the deadline${problems.length === 0 ? '' : ` (${problems.join('; ')})`}`);
  }
  for (const lookup of lookingUp) reasons.push(`${lookup.machineId ?? lookup.name}: not found before the deadline; ${lookup.message}`);
  if (reasons.length === 0) return { status: 'complete', message: '' };
  return {
    status: returned > 0 ? 'partial' : 'failed',
    message: `${returned} of ${total} machines terminated. ${reasons.join('; ')}`,
  };
}
