import {
  domainEvent,
  isRequestFinal,
  OhfError,
  transitionRequest,
  type AuditEventInput,
  type Clock,
  type DomainEvent,
  type MachineRequest,
  type RequestRepository,
  type RequestStatus,
} from '@ohf/domain-core';

const CONFLICT_RETRIES = 3;

/**
 * Saves a change to a request, re-applying it on the latest stored version when another
 * process saved in between (optimistic concurrency). `change` must be safe to re-apply: it
 * receives the current stored request each time.
 */
export async function updateRequest(
  requests: RequestRepository,
  current: MachineRequest,
  change: (request: MachineRequest) => MachineRequest,
  /** The audit rows the save writes with the change; asked again on each retry (fresh event ids). */
  auditEvents?: (changed: MachineRequest) => readonly AuditEventInput[],
): Promise<MachineRequest> {
  let base = current;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const changed = change(base);
      const events = auditEvents?.(changed) ?? [];
      return await requests.save(changed, events.length === 0 ? {} : { events });
    } catch (error) {
      if (!(OhfError.isInstance(error) && error.code === 'CONFLICT') || attempt >= CONFLICT_RETRIES) throw error;
      const reloaded = await requests.findById(current.requestId);
      if (reloaded === undefined) throw error;
      base = reloaded;
    }
  }
}

/** A status change and the event announcing it, or nothing when the status stays. */
export function withStatus(
  request: MachineRequest,
  status: RequestStatus,
  message: string,
  clock: Clock,
): { request: MachineRequest; events: DomainEvent[] } {
  if (request.status === status && request.message === message) return { request, events: [] };
  const changed = transitionRequest(request, status, clock, message);
  const events: DomainEvent[] =
    request.status === status
      ? []
      : [domainEvent('RequestStatusChanged', { requestId: request.requestId, from: request.status, to: status }, clock.now())];
  return { request: changed, events };
}

/**
 * Moves a request to a status with updateRequest: re-applied to the stored version when another
 * process saved in between, and a request another process already made final is kept as it is.
 * `audit` gives the rows written with the save from the change's events; the events are returned
 * for publishing after it.
 */
export async function updateStatus(
  requests: RequestRepository,
  request: MachineRequest,
  status: RequestStatus,
  message: string,
  clock: Clock,
  audit: (events: readonly DomainEvent[]) => readonly AuditEventInput[],
): Promise<{ request: MachineRequest; events: DomainEvent[] }> {
  let events: DomainEvent[] = [];
  const saved = await updateRequest(
    requests,
    request,
    (latest) => {
      const changed = isRequestFinal(latest) ? { request: latest, events: [] } : withStatus(latest, status, message, clock);
      events = changed.events;
      return changed.request;
    },
    () => audit(events),
  );
  return { request: saved, events };
}
