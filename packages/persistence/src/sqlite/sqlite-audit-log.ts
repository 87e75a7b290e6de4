import { AuditEventSchema, type AuditEvent, type AuditEventFilter, type AuditEventInput, type AuditLog } from '@ohf/domain-core';
import { auditQuery, eventRows, type EventRow } from '../internal/audit-query.js';
import { readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import { sqliteCode, type SqliteDatabase } from './sqlite-database.js';

const INSERT = `INSERT INTO events (event_id, organization_id, type, occurred_at, request_id, machine_id, provider_instance, document)
  VALUES (@eventId, @organizationId, @type, @occurredAt, @requestId, @machineId, @providerInstance, @document)`;

/**
 * Inserts events inside the caller's write transaction. SQLite has one writer at a time, so
 * sequences are handed out, and committed, in order.
 */
export function insertSqliteEvents(database: SqliteDatabase, rows: readonly EventRow[]): AuditEvent[] {
  const insert = database.statement(INSERT);
  return rows.map((row) => {
    try {
      const sequence = Number(insert.run(row).lastInsertRowid);
      return { ...row.event, sequence };
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw conflictError(`Event ${row.eventId} was not stored: an event with that id exists.`, { eventId: row.eventId });
      }
      throw error;
    }
  });
}

/** How much earlier than `since` a listing starts looking (see list()). */
const SINCE_SLACK_MS = 10 * 60_000;

interface EventDocumentRow {
  readonly sequence: number;
  readonly document: string;
}

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly database: SqliteDatabase) {}

  async append(events: readonly AuditEventInput[]): Promise<readonly AuditEvent[]> {
    const rows = eventRows(events);
    if (rows.length === 0) return [];
    return this.database.run(`Appending ${rows.length} events`, () =>
      this.database.writeTransaction(() => insertSqliteEvents(this.database, rows)),
    );
  }

  async list(filter?: AuditEventFilter): Promise<readonly AuditEvent[]> {
    const query = auditQuery(filter);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (condition: string, ...values: unknown[]) => {
      conditions.push(condition);
      parameters.push(...values);
    };
    if (query.organizationId !== undefined) add('organization_id = ?', query.organizationId);
    if (query.afterSequence !== undefined) add('sequence > ?', query.afterSequence);
    if (query.since !== undefined) {
      add('occurred_at >= ?', query.since);
      // Without an index on occurred_at, the read starts where the events of a while before
      // `since` begin instead of at the oldest event. The while (far longer than a write waits
      // for the lock) covers events stamped before they were written.
      const earlier = Date.parse(query.since) - SINCE_SLACK_MS;
      if (Number.isFinite(earlier)) add('sequence >= ?', this.#firstSequenceAtOrAfter(new Date(earlier).toISOString()));
    }
    if (query.types) add(`type IN (${query.types.map(() => '?').join(', ')})`, ...query.types);
    if (query.requestId !== undefined) add('request_id = ?', query.requestId);
    if (query.machineId !== undefined) add('machine_id = ?', query.machineId);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.database.run('Listing events', () =>
      this.database.statement(`SELECT sequence, document FROM events ${where} ORDER BY sequence LIMIT ?`).all(...parameters, query.limit),
    ) as EventDocumentRow[];
    return rows.map((row) =>
      readRecord(AuditEventSchema, { ...JSON.parse(row.document), sequence: row.sequence }, `${this.database.path} (events ${row.sequence})`),
    );
  }

  async latestSequence(): Promise<number> {
    const row = this.database.run('Reading the latest event sequence', () =>
      this.database.statement('SELECT coalesce(max(sequence), 0) AS sequence FROM events').get(),
    ) as { sequence: number };
    return row.sequence;
  }

  /**
   * Deletes the events before `cutoff` that precede, in sequence, the first event at or after
   * it. An event recorded out of time order just around the cutoff (a few milliseconds: a
   * batch written after a later change) is deleted by the next run instead; a newer event is
   * never deleted.
   */
  async deleteBefore(cutoff: string): Promise<number> {
    const result = this.database.run('Deleting old events', () =>
      this.database.writeTransaction(() =>
        this.database.statement('DELETE FROM events WHERE sequence < ? AND occurred_at < ?').run(this.#firstSequenceAtOrAfter(cutoff), cutoff),
      ),
    );
    return result.changes;
  }

  /**
   * The sequence of the first event at or after `time`, one past the newest when there is none.
   * Events are stamped as they are written, so occurred_at grows with sequence and a bisection
   * over sequences finds the boundary in a few primary-key lookups: no index on occurred_at,
   * which every write that records events would pay a page for.
   */
  #firstSequenceAtOrAfter(time: string): number {
    const bounds = this.database.statement('SELECT min(sequence) AS first, max(sequence) AS last FROM events').get() as {
      first: number | null;
      last: number | null;
    };
    if (bounds.first === null || bounds.last === null) return 0;
    const firstFrom = this.database.statement('SELECT occurred_at FROM events WHERE sequence >= ? ORDER BY sequence LIMIT 1');
    let low = bounds.first;
    let high = bounds.last + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const row = firstFrom.get(middle) as { occurred_at: string } | undefined;
      if (row !== undefined && row.occurred_at >= time) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
