import { AuditEventSchema, type AuditEvent, type AuditEventFilter, type AuditEventInput, type AuditLog } from '@ohf/domain-core';
import { auditQuery, EVENT_COLUMN_LIST, eventOf, eventRows, type EventColumns, type EventRow } from '../internal/audit-query.js';
import { readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import { postgresCode, postgresConstraint, type PostgresDatabase, type Queryable } from './postgres-database.js';

/*
 * How events become visible in sequence order. Readers page and stream with `afterSequence`:
 * "everything after the last sequence I saw". A number drawn when a row is inserted (an
 * identity) would not do: two transactions can commit out of order, 11 becomes visible while
 * 10 is still in flight, a reader moves its cursor to 11, and 10, committed a moment later,
 * is never read.
 *
 * Holding a lock from the insert to the commit would keep the order, but every event-writing
 * commit would then wait for the one before it to reach the disk: on a server where a commit
 * takes a few milliseconds to flush, that caps all changes with events (every POST /requests)
 * at a few hundred a second, whatever the number of replicas. So writers insert events with
 * no sequence, in the change's own statement or transaction (atomic with it, and no lock),
 * and the sequence is given after the commit: `ohf_sequence_events()` (migration 3) takes a
 * transaction-level advisory lock and numbers every committed event that has none, oldest
 * first. Numbering runs one at a time and each run sees everything committed before it got
 * the lock, so each run's numbers are above every number given before, and they all become
 * visible at once: a reader that sees sequence N sees every event below N. Readers only read
 * numbered events and number what is pending before they read (`list`, `latestSequence`);
 * with nothing pending, that is one look at the NULL end of the sequence index, without a write.
 * Writers never number (`append` is one INSERT): one reader's run numbers what many writes
 * left, under one lock, instead of each write taking the lock and reading its numbers back.
 */

const EVENT_COLUMNS = `${EVENT_COLUMN_LIST}, document`;

/** Events per INSERT: 8 parameters each, far below PostgreSQL's 65,535 parameters per statement. */
export const EVENT_BATCH = 1_000;

/**
 * Statements carrying at most this many events are sent prepared (see PostgresDatabase.execute):
 * the texts of `insertEventsSql` are one per event count, and a connection keeps every prepared
 * one it saw. A change's few events (a request save, a provisioning step) stay prepared; a
 * status poll's or an API-call batch's count is one of many.
 */
export const PREPARED_EVENT_COUNT = 8;

/**
 * The INSERT of `count` events whose 8 values each are parameters from `$first` on, in the
 * order given (`eventValues`); with `onlyWith`, a CTE name, only when that CTE returned a row.
 * A VALUES list rather than arrays: the statement of one save with one event runs about twice
 * as fast as `unnest … WITH ORDINALITY … ORDER BY`, and the texts are few (one per count).
 */
export function insertEventsSql(database: PostgresDatabase, first: number, count: number, onlyWith?: string): string {
  const rows = Array.from({ length: count }, (_, row) => {
    const at = first + row * 8;
    return `($${at}::text, $${at + 1}::text, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::text, $${at + 6}::text, $${at + 7}::jsonb)`;
  });
  return `INSERT INTO ${database.table('events')} (${EVENT_COLUMNS})
    SELECT input.* FROM ${onlyWith === undefined ? '' : `${onlyWith} CROSS JOIN `}(VALUES ${rows.join(', ')})
      AS input (event_id, organization_id, type, occurred_at, request_id, machine_id, provider_instance, document)`;
}

/** The parameters of `insertEventsSql`, event after event. */
export function eventValues(rows: readonly EventRow[]): (string | null)[] {
  return rows.flatMap((row) => [row.eventId, row.organizationId, row.type, row.occurredAt, row.requestId, row.machineId, row.providerInstance, row.document]);
}

/** Inserts events in batches on a client in a transaction (or the pool for one batch). */
export async function insertEvents(database: PostgresDatabase, client: Queryable, rows: readonly EventRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += EVENT_BATCH) {
    const batch = rows.slice(start, start + EVENT_BATCH);
    try {
      await client.query(insertEventsSql(database, 1, batch.length), eventValues(batch));
    } catch (error) {
      throw duplicateEvent(error, batch) ?? error;
    }
  }
}

/** A unique violation on the event id as a CONFLICT, or undefined when the error is something else. */
export function duplicateEvent(error: unknown, rows: readonly EventRow[]): Error | undefined {
  if (postgresCode(error) !== '23505' || postgresConstraint(error) !== 'events_event_id') return undefined;
  const detail = String((error as { detail?: unknown }).detail ?? '');
  const eventId = rows.find((row) => detail.includes(`(${row.eventId})`))?.eventId ?? rows[0]?.eventId;
  return conflictError(`Event ${eventId} was not stored: an event with that id exists.`, { eventId: eventId ?? null });
}

interface EventDocumentRow extends EventColumns {
  readonly sequence: string;
  readonly document: object;
}

export class PostgresAuditLog implements AuditLog {
  readonly #events: string;

  constructor(private readonly database: PostgresDatabase) {
    this.#events = database.table('events');
  }

  async append(events: readonly AuditEventInput[]): Promise<void> {
    const rows = eventRows(events);
    if (rows.length === 0) return;
    if (rows.length <= EVENT_BATCH) {
      try {
        await this.database.execute(insertEventsSql(this.database, 1, rows.length), eventValues(rows), { prepared: rows.length <= PREPARED_EVENT_COUNT });
      } catch (error) {
        throw duplicateEvent(error, rows) ?? this.database.failure(`Appending ${rows.length} events`, error);
      }
    } else {
      await this.database.transaction(`Appending ${rows.length} events`, (client) => insertEvents(this.database, client, rows));
    }
  }

  async list(filter?: AuditEventFilter): Promise<readonly AuditEvent[]> {
    const query = auditQuery(filter);
    const conditions = ['sequence IS NOT NULL'];
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
    await this.#numberPending();
    const rows = await this.database.query<EventDocumentRow>(
      'Listing events',
      `SELECT sequence, ${EVENT_COLUMN_LIST}, document FROM ${this.#events} WHERE ${conditions.join(' AND ')} ORDER BY sequence LIMIT $${values.length + 1}`,
      [...values, query.limit],
    );
    return rows.map((row) =>
      readRecord(AuditEventSchema, { ...eventOf(row, row.document), sequence: Number(row.sequence) }, `${this.database.where} events ${row.sequence}`),
    );
  }

  async latestSequence(): Promise<number> {
    await this.#numberPending();
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

  /** Numbers the committed events that have no sequence yet (see the comment at the top). */
  async #numberPending(): Promise<void> {
    await this.database.query('Numbering new events', `SELECT ${this.database.table('ohf_sequence_events')}()`);
  }
}
