import type { Machine, MachineRequest, ProvisionAttempt } from '@ohf/domain-core';
import { classifyFailure } from './failure-classification.js';

/**
 * How provision attempts are read. An attempt is saved *before* its provider call (no
 * `finishedAt`), so a crash leaves a trace; when the call returns it is replaced by:
 * - the accepted part: `requestedCount` = new machines + machines the provider accepted but
 *   reports later (fleets, groups), `createdCount` = new machines, no error;
 * - the refused part, if any: `requestedCount` = machines refused, `createdCount` 0, `error`.
 * What an instance still owes is its accepted total minus the machines known on it, so machines
 * found later by their tags settle the debt without bookkeeping.
 */
export function isAttemptFinished(attempt: ProvisionAttempt): boolean {
  return attempt.finishedAt !== undefined;
}

/**
 * Whether an attempt is still without an outcome: running in another process, or interrupted
 * (a crash, the end of a time budget) on an instance that could not be asked yet. Nothing new is
 * created beside it, and the request waits for it.
 */
export function hasUnsettledAttempt(request: MachineRequest): boolean {
  return request.attempts.some((attempt) => !isAttemptFinished(attempt));
}

/** Machines accepted by providers but not seen yet (asynchronous fleets and groups). */
export function owedMachineCount(request: MachineRequest, machines: readonly Machine[]): number {
  const accepted = new Map<string, number>();
  for (const attempt of request.attempts) {
    if (isAttemptFinished(attempt) && attempt.error === undefined) {
      accepted.set(attempt.providerInstance, (accepted.get(attempt.providerInstance) ?? 0) + attempt.requestedCount);
    }
  }
  let owed = 0;
  for (const [instance, count] of accepted) {
    const known = machines.filter((machine) => machine.providerInstance === instance).length;
    owed += Math.max(0, count - known);
  }
  return owed;
}

/** Machines asked for by attempts still running (or interrupted) and not seen yet. */
export function inFlightMachineCount(request: MachineRequest): number {
  return request.attempts
    .filter((attempt) => !isAttemptFinished(attempt))
    .reduce((sum, attempt) => sum + attempt.requestedCount, 0);
}

/** Machines still missing: neither known, nor owed, nor being created right now. */
export function shortfallOf(request: MachineRequest, machines: readonly Machine[]): number {
  return Math.max(
    0,
    request.requestedCount - machines.length - owedMachineCount(request, machines) - inFlightMachineCount(request),
  );
}

/** An error that ended provisioning for the whole request (another instance would not help). */
export function fatalAttempt(request: MachineRequest): ProvisionAttempt | undefined {
  return request.attempts.find(
    (attempt) => attempt.error !== undefined && classifyFailure(attempt.error.code, attempt.error.retryable) === 'fatal',
  );
}

/**
 * Instances this request will not try again: they were removed or disabled since they were
 * chosen, or failed transiently `maxTransientAttempts` times. Instances out of capacity or
 * quota are not among them: selection blocks them for a while, and the request may come back
 * to them once the block lapses.
 */
export function excludedInstances(request: MachineRequest, maxTransientAttempts: number): string[] {
  const transientFailures = new Map<string, number>();
  const excluded = new Set<string>();
  for (const attempt of request.attempts) {
    if (attempt.error === undefined) continue;
    const failureClass = classifyFailure(attempt.error.code, attempt.error.retryable);
    if (failureClass === 'failover-permanent') excluded.add(attempt.providerInstance);
    if (failureClass === 'failover-transient') {
      const count = (transientFailures.get(attempt.providerInstance) ?? 0) + 1;
      transientFailures.set(attempt.providerInstance, count);
      if (count >= maxTransientAttempts) excluded.add(attempt.providerInstance);
    }
  }
  return [...excluded];
}

/** Whether any attempt on this instance failed (its next use must go through selection again). */
export function hasFailedOn(request: MachineRequest, providerInstance: string): boolean {
  return request.attempts.some((attempt) => attempt.providerInstance === providerInstance && attempt.error !== undefined);
}

/** Every provider instance this request has used or been assigned. */
export function instancesOf(request: MachineRequest): string[] {
  const names = new Set<string>();
  if (request.providerInstance !== undefined) names.add(request.providerInstance);
  for (const attempt of request.attempts) names.add(attempt.providerInstance);
  return [...names];
}

/**
 * The error of each instance whose latest outcome was a failure, for the message of a request
 * still waiting: `aws-a: INSUFFICIENT_CAPACITY (…)`. An instance that delivered since is not named.
 */
export function currentErrorsByInstance(request: MachineRequest): { readonly providerInstance: string; readonly text: string }[] {
  const latest = new Map<string, ProvisionAttempt>();
  for (const attempt of request.attempts) if (isAttemptFinished(attempt)) latest.set(attempt.providerInstance, attempt);
  return [...latest.values()]
    .filter((attempt) => attempt.error !== undefined)
    .map((attempt) => ({ providerInstance: attempt.providerInstance, text: `${attempt.providerInstance}: ${attempt.error!.code} (${attempt.error!.message})` }));
}

/** Latest error per instance, for messages: `aws-a: INSUFFICIENT_CAPACITY (…)`. */
export function attemptErrorSummary(request: MachineRequest): string[] {
  const latest = new Map<string, string>();
  for (const attempt of request.attempts) {
    if (attempt.error !== undefined) {
      latest.set(attempt.providerInstance, `${attempt.providerInstance}: ${attempt.error.code} (${attempt.error.message})`);
    }
  }
  return [...latest.values()];
}
