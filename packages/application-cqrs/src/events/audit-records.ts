import { SYSTEM_ACTOR, type Actor, type AuditEventInput, type DomainEvent, type EventSource } from '@ohf/domain-core';
import type { HandlerContext } from '../bus/message-map.js';
import { newEventId } from './event-id.js';

/** Whose change an event records and who made it. */
export interface AuditOrigin {
  readonly organizationId: string;
  /** Absent: the system (workers, status polls continuing a request). */
  readonly actor?: Actor;
  readonly source?: EventSource;
}

/** Fields lifted out of an event into the audit row's own columns, or left out of `data`. */
const LIFTED = new Set(['type', 'occurredAt', 'requestId', 'machineId', 'providerInstance']);

/**
 * Fields never copied into an audit row: the selection explanation is large and kept on the
 * request itself. Event payloads carry no credentials (provider messages are redacted before
 * they reach an event), so nothing else is dropped.
 */
const LEFT_OUT = new Set(['explanation']);

/** The origin of a change a handler makes for its caller. */
export function originOf(organizationId: string, context: Pick<HandlerContext, 'actor' | 'source'> | undefined): AuditOrigin {
  return {
    organizationId,
    ...(context?.actor === undefined ? {} : { actor: context.actor }),
    ...(context?.source === undefined ? {} : { source: context.source }),
  };
}

/**
 * The audit rows of domain events: a fresh time-ordered UUID each, request, machine and provider instance
 * in their own columns, the rest of the payload in `data`. `origin` may depend on the event
 * (a batch of machines of several organizations).
 */
export function auditRecordsOf(events: readonly DomainEvent[], origin: AuditOrigin | ((event: DomainEvent) => AuditOrigin)): AuditEventInput[] {
  return events.map((event) => {
    const { organizationId, actor, source } = typeof origin === 'function' ? origin(event) : origin;
    const fields = event as unknown as Readonly<Record<string, unknown>>;
    const data = Object.fromEntries(Object.entries(fields).filter(([key, value]) => !LIFTED.has(key) && !LEFT_OUT.has(key) && value !== undefined));
    return {
      eventId: newEventId(),
      organizationId,
      type: event.type,
      occurredAt: event.occurredAt,
      actor: actor ?? SYSTEM_ACTOR,
      ...(source === undefined ? {} : { source }),
      ...stringField('requestId', fields['requestId']),
      ...stringField('machineId', fields['machineId']),
      ...stringField('providerInstance', fields['providerInstance']),
      data,
    };
  });
}

/** For events about machines: each event's organization is its machine's (default: `fallback`). */
export function machineOrigins(
  machines: Iterable<{ readonly machineId: string; readonly organizationId: string }>,
  fallback: string,
): (event: DomainEvent) => AuditOrigin {
  const byMachine = new Map<string, string>();
  for (const machine of machines) byMachine.set(machine.machineId, machine.organizationId);
  return (event) => {
    const machineId = (event as { readonly machineId?: unknown }).machineId;
    return { organizationId: (typeof machineId === 'string' ? byMachine.get(machineId) : undefined) ?? fallback };
  };
}

/** `{ events }` for a save, or nothing when there are none (storage then opens no event write). */
export function withEvents(events: readonly AuditEventInput[]): { readonly events?: readonly AuditEventInput[] } {
  return events.length === 0 ? {} : { events };
}

function stringField<Key extends string>(key: Key, value: unknown): { [Field in Key]?: string } {
  return (typeof value === 'string' && value !== '' ? { [key]: value } : {}) as { [Field in Key]?: string };
}
