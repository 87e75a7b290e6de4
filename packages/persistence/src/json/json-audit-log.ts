import { AuditEventSchema, type AuditEvent, type AuditEventFilter, type AuditEventInput, type AuditLog } from '@ohf/domain-core';
import { auditQuery, eventOfRow, eventRows, type EventRow } from '../internal/audit-query.js';
import { readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import { auditSection, type JsonDatabase, type JsonDatabaseFile } from './json-database-file.js';
import { textField } from './json-documents.js';

/**
 * Appends events to the file being changed under the lock: the change that records them is
 * written with them or, when this throws, not at all. One writer holds the lock at a time, so
 * sequences are handed out in the order they become visible.
 */
export function appendJsonEvents(database: JsonDatabase, rows: readonly EventRow[]): void {
  if (rows.length === 0) return;
  const audit = auditSection(database);
  const known = new Set(audit.events.map((event) => textField(event, 'eventId')));
  const appended = rows.map((row) => {
    if (known.has(row.eventId)) throw conflictError(`Event ${row.eventId} was not stored: an event with that id exists.`, { eventId: row.eventId });
    known.add(row.eventId);
    audit.lastSequence += 1;
    return { ...eventOfRow(row), sequence: audit.lastSequence } as AuditEvent;
  });
  audit.events.push(...appended);
}

function numberField(document: unknown, name: string): number | undefined {
  const value = (document as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'number' ? value : undefined;
}

export class JsonAuditLog implements AuditLog {
  constructor(private readonly file: JsonDatabaseFile) {}

  async append(events: readonly AuditEventInput[]): Promise<void> {
    const rows = eventRows(events);
    if (rows.length === 0) return;
    await this.file.update((database) => ({ result: appendJsonEvents(database, rows), changed: true }));
  }

  async list(filter?: AuditEventFilter): Promise<readonly AuditEvent[]> {
    const query = auditQuery(filter);
    const types = query.types && new Set(query.types);
    const events = (await this.file.snapshot()).audit?.events ?? [];
    const matching: unknown[] = [];
    // Stored oldest first, so the first `limit` that match are the page.
    for (const event of events) {
      if (matching.length >= query.limit) break;
      if (query.organizationId !== undefined && textField(event, 'organizationId') !== query.organizationId) continue;
      if (query.afterSequence !== undefined && (numberField(event, 'sequence') ?? 0) <= query.afterSequence) continue;
      if (query.since !== undefined && (textField(event, 'occurredAt') ?? '') < query.since) continue;
      if (types !== undefined && !types.has(textField(event, 'type') ?? '')) continue;
      if (query.requestId !== undefined && textField(event, 'requestId') !== query.requestId) continue;
      if (query.machineId !== undefined && textField(event, 'machineId') !== query.machineId) continue;
      matching.push(event);
    }
    return matching.map((event) => readRecord(AuditEventSchema, structuredClone(event), `${this.file.path} (audit.events)`));
  }

  async latestSequence(): Promise<number> {
    const events = (await this.file.snapshot()).audit?.events ?? [];
    return numberField(events.at(-1), 'sequence') ?? 0;
  }

  async deleteBefore(cutoff: string): Promise<number> {
    return this.file.update((database) => {
      const audit = auditSection(database);
      const kept = audit.events.filter((event) => (textField(event, 'occurredAt') ?? '') >= cutoff);
      const deleted = audit.events.length - kept.length;
      audit.events = kept;
      return { result: deleted, changed: deleted > 0 };
    });
  }
}
