import { AuditEventSchema, type AuditEvent, type AuditEventFilter, type AuditEventInput, type AuditLog } from '@ohf/domain-core';
import { auditQuery, EVENT_COLUMN_LIST, eventOf, eventRows, type EventColumns, type EventRow } from '../internal/audit-query.js';
import { readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import { sqliteCode, type SqliteDatabase } from './sqlite-database.js';

const INSERT = `INSERT INTO events (event_id, organization_id, type, occurred_at, request_id, machine_id, provider_instance, document)
  VALUES (@eventId, @organizationId, @type, @occurredAt, @requestId, @machineId, @providerInstance, @document)`;

/**
 * Inserts events inside the caller's write transaction. SQLite has one writer at a time, so
 * sequences are handed out, and committed, in order.
 */
export function insertSqliteEvents(database: SqliteDatabase, rows: readonly EventRow[]): void {
  const insert = database.statement(INSERT);
  for (const row of rows) {
    try {
      insert.run(row);
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw conflictError(`Event ${row.eventId} was not stored: an event with that id exists.`, { eventId: row.eventId });
      }
      throw error;
    }
  }
}

interface EventDocumentRow extends EventColumns {
  readonly sequence: number;
  readonly document: string;
}

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly database: SqliteDatabase) {}

  async append(events: readonly AuditEventInput[]): Promise<void> {
    const rows = eventRows(events);
    if (rows.length === 0) return;
    await this.database.write(`Appending ${rows.length} events`, () => insertSqliteEvents(this.database, rows));
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
    if (query.since !== undefined) add('occurred_at >= ?', query.since);
    if (query.types) add(`type IN (${query.types.map(() => '?').join(', ')})`, ...query.types);
    if (query.requestId !== undefined) add('request_id = ?', query.requestId);
    if (query.machineId !== undefined) add('machine_id = ?', query.machineId);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.database.run('Listing events', () =>
      this.database.statement(`SELECT sequence, ${EVENT_COLUMN_LIST}, document FROM events ${where} ORDER BY sequence LIMIT ?`).all(...parameters, query.limit),
    ) as EventDocumentRow[];
    return rows.map((row) =>
      readRecord(AuditEventSchema, { ...eventOf(row, JSON.parse(row.document) as object), sequence: row.sequence }, `${this.database.path} (events ${row.sequence})`),
    );
  }

  async latestSequence(): Promise<number> {
    const row = this.database.run('Reading the latest event sequence', () =>
      this.database.statement('SELECT coalesce(max(sequence), 0) AS sequence FROM events').get(),
    ) as { sequence: number };
    return row.sequence;
  }

  async deleteBefore(cutoff: string): Promise<number> {
    const result = this.database.run('Deleting old events', () =>
      this.database.writeTransaction(() => this.database.statement('DELETE FROM events WHERE occurred_at < ?').run(cutoff)),
    );
    return result.changes;
  }
}
