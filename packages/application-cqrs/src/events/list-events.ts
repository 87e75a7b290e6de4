import type { AuditEvent, AuditEventFilter, AuditLog } from '@ohf/domain-core';
import { z } from 'zod';
import { QueryOrganizationField } from '../shared/message-fields.js';
import { requireAuditLog } from './require-audit-log.js';

/** Largest page the audit log answers (see `AuditEventFilter.limit`). */
const MAXIMUM_PAGE = 1000;

export const ListEventsSchema = z.object({
  type: z.literal('ListEvents'),
  organizationId: QueryOrganizationField,
  /** The cursor: events after this sequence (the previous page's `nextSequence`, or SSE's `Last-Event-ID`). */
  afterSequence: z.number().int().nonnegative().optional(),
  /** Events at or after this time (ISO 8601). */
  since: z.iso.datetime({ offset: true }).optional(),
  types: z.array(z.string().min(1).max(100)).min(1).optional(),
  requestId: z.string().min(1).optional(),
  machineId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(MAXIMUM_PAGE).default(100),
});
export type ListEventsQuery = z.infer<typeof ListEventsSchema>;

export interface ListEventsResult {
  /** Oldest first, by sequence. */
  readonly events: readonly AuditEvent[];
  /** Pass as `afterSequence` for the next page; absent when this page was the last. */
  readonly nextSequence?: number;
}

/** A page of the audit trail, filtered, oldest first. */
export class ListEventsHandler {
  constructor(private readonly dependencies: { readonly audit: AuditLog | undefined }) {}

  async handle(query: ListEventsQuery): Promise<ListEventsResult> {
    const audit = requireAuditLog(this.dependencies.audit);
    const { type: _type, limit, ...rest } = query;
    // One more than asked tells whether another page follows without a second read; at the
    // largest page a full page is taken to have a successor (at worst an empty last page).
    const asked = Math.min(limit + 1, MAXIMUM_PAGE);
    const filter: AuditEventFilter = { ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)), limit: asked };
    const found = await audit.list(filter);
    const events = found.slice(0, limit);
    const last = events.at(-1);
    const more = found.length > limit || (asked === limit && found.length === limit);
    return more && last !== undefined ? { events, nextSequence: last.sequence } : { events };
  }
}
