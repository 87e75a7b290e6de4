import type { AuditEvent } from '@ohf/domain-core';
import type { EventView } from './event-schemas.js';

/** An event as the API shows it: the stored record, fields absent rather than undefined. */
export function eventView(event: AuditEvent): EventView {
  return {
    sequence: event.sequence,
    eventId: event.eventId,
    organizationId: event.organizationId,
    type: event.type,
    occurredAt: event.occurredAt,
    actor: { ...event.actor },
    ...(event.source === undefined ? {} : { source: { ...event.source } }),
    ...(event.requestId === undefined ? {} : { requestId: event.requestId }),
    ...(event.machineId === undefined ? {} : { machineId: event.machineId }),
    ...(event.providerInstance === undefined ? {} : { providerInstance: event.providerInstance }),
    data: event.data,
  };
}
