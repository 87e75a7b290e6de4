import { AuditEventInputSchema, ValidationError, type AuditEventFilter, type AuditEventInput } from '@ohf/domain-core';
import { z } from 'zod';
import { checkRecord } from './records.js';

/** A page of the audit trail holds 100 events unless asked otherwise, and never more than 1,000. */
export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 1_000;

const AuditFilterSchema = z.object({
  organizationId: z.string().optional(),
  afterSequence: z.number().int().nonnegative().optional(),
  since: z.string().optional(),
  types: z.array(z.string()).optional(),
  requestId: z.string().optional(),
  machineId: z.string().optional(),
  limit: z.number().int().positive().optional(),
});

export interface AuditQuery {
  readonly organizationId?: string;
  readonly afterSequence?: number;
  readonly since?: string;
  /** Undefined: any type (an empty list means no filter, as in a query string). */
  readonly types?: readonly string[];
  readonly requestId?: string;
  readonly machineId?: string;
  readonly limit: number;
}

export function auditQuery(filter: AuditEventFilter = {}): AuditQuery {
  const parsed = AuditFilterSchema.safeParse(filter);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`Invalid event filter: ${issue?.path.join('.')}: ${issue?.message}`, {
      details: { field: issue?.path.join('.') },
    });
  }
  const { types, limit, ...rest } = parsed.data;
  return {
    ...rest,
    ...(types && types.length > 0 ? { types } : {}),
    limit: Math.min(limit ?? DEFAULT_EVENT_LIMIT, MAX_EVENT_LIMIT),
  };
}

/**
 * An event as stored: the filtered columns, and in `document` the rest of the event (actor,
 * source, data) with its defaults filled in. The columns are not repeated in the document: on
 * PostgreSQL that took each event's write-ahead log from 1,184 to 950 bytes.
 */
export interface EventRow {
  readonly eventId: string;
  readonly organizationId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly requestId: string | null;
  readonly machineId: string | null;
  readonly providerInstance: string | null;
  readonly document: string;
}

export function eventRows(events: readonly AuditEventInput[]): EventRow[] {
  return events.map((input) => {
    const { eventId, organizationId, type, occurredAt, requestId, machineId, providerInstance, ...rest } = checkRecord(
      AuditEventInputSchema,
      input,
      `Event ${String(input.eventId)}`,
    );
    return {
      eventId,
      organizationId,
      type,
      occurredAt,
      requestId: requestId ?? null,
      machineId: machineId ?? null,
      providerInstance: providerInstance ?? null,
      document: JSON.stringify(rest),
    };
  });
}

/** The stored columns of an event, as SQLite and PostgreSQL name them. */
export interface EventColumns {
  readonly event_id: string;
  readonly organization_id: string;
  readonly type: string;
  readonly occurred_at: string;
  readonly request_id: string | null;
  readonly machine_id: string | null;
  readonly provider_instance: string | null;
}

/** The columns `eventOf` reads, for a SELECT. */
export const EVENT_COLUMN_LIST = 'event_id, organization_id, type, occurred_at, request_id, machine_id, provider_instance';

/**
 * The event a stored row holds: its columns, and the rest from its document. Rows written
 * before the document was trimmed hold the whole event in it, the same values: they read the same.
 */
export function eventOf(columns: EventColumns, document: object): Record<string, unknown> {
  return {
    eventId: columns.event_id,
    organizationId: columns.organization_id,
    type: columns.type,
    occurredAt: columns.occurred_at,
    ...(columns.request_id === null ? {} : { requestId: columns.request_id }),
    ...(columns.machine_id === null ? {} : { machineId: columns.machine_id }),
    ...(columns.provider_instance === null ? {} : { providerInstance: columns.provider_instance }),
    ...document,
  };
}

/** `eventOf` for a row not yet stored (the JSON store keeps whole events). */
export function eventOfRow(row: EventRow): Record<string, unknown> {
  return eventOf(
    {
      event_id: row.eventId,
      organization_id: row.organizationId,
      type: row.type,
      occurred_at: row.occurredAt,
      request_id: row.requestId,
      machine_id: row.machineId,
      provider_instance: row.providerInstance,
    },
    JSON.parse(row.document) as object,
  );
}
