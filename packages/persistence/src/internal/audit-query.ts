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

/** An event as stored: its input with the defaults filled in, as the document, plus the filtered columns. */
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
    const event = checkRecord(AuditEventInputSchema, input, `Event ${String(input.eventId)}`);
    return {
      eventId: event.eventId,
      organizationId: event.organizationId,
      type: event.type,
      occurredAt: event.occurredAt,
      requestId: event.requestId ?? null,
      machineId: event.machineId ?? null,
      providerInstance: event.providerInstance ?? null,
      document: JSON.stringify(event),
    };
  });
}
