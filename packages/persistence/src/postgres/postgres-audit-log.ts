import { AuditEventSchema, type AuditEvent, type AuditEventFilter, type AuditEventInput, type AuditLog } from '@ohf/domain-core';
import type { PoolClient } from 'pg';
import { auditQuery, eventRows, type EventRow } from '../internal/audit-query.js';
import { readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import { postgresCode, postgresConstraint, type PostgresDatabase } from './postgres-database.js';

/**
 * Why event inserts take a lock. Readers page and stream with `afterSequence`: "everything
 * after the last sequence I saw". An identity hands numbers out when a row is inserted, not
 * when its transaction commits, so two transactions can commit out of order: 11 becomes
 * visible while 10 is still in flight, a reader moves its cursor to 11, and 10, committed a
 * moment later, is never read. So every transaction that inserts events first takes one
 * transaction-level advisory lock (per schema), and only then draws its sequences. The lock
 * is released after the commit is visible, so the next writer's sequences are higher than
 * every committed one, and a reader that sees sequence N sees everything below N.
 *
 * It is cheap: the lock is taken as the last step of the change (after the request or machine
 * rows are written) and held only until that commit; writers of the same row already queue on
 * the row lock, and readers never take it. It serializes event-writing commits, which is the
 * order the trail promises.
 */
export function eventLockKey(database: PostgresDatabase): string {
  return `ohf-events:${database.schema}`;
}

export const EVENT_COLUMNS = 'event_id, organization_id, type, occurred_at, request_id, machine_id, provider_instance, document';

/**
 * The INSERT of the events passed as 8 arrays from `$first` on, one row of `source` (the lock)
 * joined to each, in the order given.
 */
export function insertEventsSql(database: PostgresDatabase, first: number, source: string): string {
  const arrays = Array.from({ length: 8 }, (_, index) => `$${first + index}::text[]`).join(', ');
  return `INSERT INTO ${database.table('events')} (${EVENT_COLUMNS})
    SELECT input.event_id, input.organization_id, input.type, input.occurred_at, input.request_id, input.machine_id,
      input.provider_instance, input.document::jsonb
    FROM ${source} CROSS JOIN unnest(${arrays}) WITH ORDINALITY
      AS input (event_id, organization_id, type, occurred_at, request_id, machine_id, provider_instance, document, position)
    ORDER BY input.position
    RETURNING sequence, event_id`;
}

/** The events as the 8 array parameters of `insertEventsSql`. */
export function eventArrays(rows: readonly EventRow[]): string[][] {
  return [
    rows.map((row) => row.eventId),
    rows.map((row) => row.organizationId),
    rows.map((row) => row.type),
    rows.map((row) => row.occurredAt),
    rows.map((row) => row.requestId) as string[],
    rows.map((row) => row.machineId) as string[],
    rows.map((row) => row.providerInstance) as string[],
    rows.map((row) => row.document),
  ];
}

/** A unique violation on the event id, or undefined when the error is something else. */
export function duplicateEvent(error: unknown, rows: readonly EventRow[]): Error | undefined {
  if (postgresCode(error) !== '23505' || postgresConstraint(error) !== 'events_event_id') return undefined;
  const detail = String((error as { detail?: unknown }).detail ?? '');
  const eventId = rows.find((row) => detail.includes(`(${row.eventId})`))?.eventId ?? rows[0]?.eventId;
  return conflictError(`Event ${eventId} was not stored: an event with that id exists.`, { eventId: eventId ?? null });
}

/** Inserts events in the caller's transaction, after taking the event lock; returns them with their sequences. */
export async function insertPostgresEvents(database: PostgresDatabase, client: PoolClient, rows: readonly EventRow[]): Promise<AuditEvent[]> {
  const sql = `WITH lock AS (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) ${insertEventsSql(database, 2, 'lock')}`;
  try {
    const result = await client.query<{ sequence: string; event_id: string }>(sql, [eventLockKey(database), ...eventArrays(rows)]);
    const sequences = new Map(result.rows.map((row) => [row.event_id, Number(row.sequence)]));
    return rows.map((row) => ({ ...(JSON.parse(row.document) as AuditEvent), sequence: sequences.get(row.eventId)! }));
  } catch (error) {
    throw duplicateEvent(error, rows) ?? error;
  }
}

interface EventDocumentRow {
  readonly sequence: string;
  readonly document: unknown;
}

export class PostgresAuditLog implements AuditLog {
  readonly #events: string;

  constructor(private readonly database: PostgresDatabase) {
    this.#events = database.table('events');
  }

  async append(events: readonly AuditEventInput[]): Promise<readonly AuditEvent[]> {
    const rows = eventRows(events);
    if (rows.length === 0) return [];
    return this.database.transaction(`Appending ${rows.length} events`, (client) => insertPostgresEvents(this.database, client, rows));
  }

  async list(filter?: AuditEventFilter): Promise<readonly AuditEvent[]> {
    const query = auditQuery(filter);
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(condition(`$${values.length}`));
    };
    if (query.organizationId !== undefined) add((p) => `organization_id = ${p}`, query.organizationId);
    if (query.afterSequence !== undefined) add((p) => `sequence > ${p}`, query.afterSequence);
    if (query.since !== undefined) add((p) => `occurred_at >= ${p}`, query.since);
    if (query.types) add((p) => `type = ANY(${p}::text[])`, query.types);
    if (query.requestId !== undefined) add((p) => `request_id = ${p}`, query.requestId);
    if (query.machineId !== undefined) add((p) => `machine_id = ${p}`, query.machineId);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.database.query<EventDocumentRow>(
      'Listing events',
      `SELECT sequence, document FROM ${this.#events} ${where} ORDER BY sequence LIMIT $${values.length + 1}`,
      [...values, query.limit],
    );
    return rows.map((row) =>
      readRecord(AuditEventSchema, { ...(row.document as object), sequence: Number(row.sequence) }, `${this.database.where} events ${row.sequence}`),
    );
  }

  async latestSequence(): Promise<number> {
    const [row] = await this.database.query<{ sequence: string }>(
      'Reading the latest event sequence',
      `SELECT coalesce(max(sequence), 0) AS sequence FROM ${this.#events}`,
    );
    return Number(row?.sequence ?? 0);
  }

  async deleteBefore(cutoff: string): Promise<number> {
    const [row] = await this.database.query<{ deleted: number }>(
      'Deleting old events',
      `WITH deleted AS (DELETE FROM ${this.#events} WHERE occurred_at < $1 RETURNING 1) SELECT count(*)::integer AS deleted FROM deleted`,
      [cutoff],
    );
    return row?.deleted ?? 0;
  }
}
