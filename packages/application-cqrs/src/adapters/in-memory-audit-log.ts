import {
  AuditEventInputSchema,
  type AuditEvent,
  type AuditEventFilter,
  type AuditEventInput,
  type AuditLog,
} from '@ohf/domain-core';

const DEFAULT_LIMIT = 100;
const MAXIMUM_LIMIT = 1000;

/**
 * Test and in-process adapter of the AuditLog port: events in an array with a sequence counter,
 * the same filter and page rules as the storage adapters. The in-memory request and machine
 * repositories append the events of their saves here.
 */
export class InMemoryAuditLog implements AuditLog {
  private readonly events: AuditEvent[] = [];
  private sequence = 0;

  async append(events: readonly AuditEventInput[]): Promise<void> {
    this.appendNow(events);
  }

  /**
   * The same, synchronously: the in-memory repositories write a save's events without yielding
   * between their version check and the change, as one transaction would.
   */
  appendNow(events: readonly AuditEventInput[]): void {
    // Parse all before storing any, as a transaction would.
    const parsed = events.map((event) => AuditEventInputSchema.parse(event));
    this.events.push(...parsed.map((event) => ({ ...structuredClone(event), sequence: ++this.sequence })));
  }

  async list(filter: AuditEventFilter = {}): Promise<readonly AuditEvent[]> {
    const limit = Math.min(filter.limit ?? DEFAULT_LIMIT, MAXIMUM_LIMIT);
    const since = filter.since === undefined ? undefined : Date.parse(filter.since);
    return this.events
      .filter(
        (event) =>
          (filter.organizationId === undefined || event.organizationId === filter.organizationId) &&
          (filter.afterSequence === undefined || event.sequence > filter.afterSequence) &&
          (since === undefined || Date.parse(event.occurredAt) >= since) &&
          (filter.types === undefined || filter.types.includes(event.type)) &&
          (filter.requestId === undefined || event.requestId === filter.requestId) &&
          (filter.machineId === undefined || event.machineId === filter.machineId),
      )
      .slice(0, limit)
      .map((event) => structuredClone(event));
  }

  async latestSequence(): Promise<number> {
    return this.sequence;
  }

  async deleteBefore(cutoff: string): Promise<number> {
    const limit = Date.parse(cutoff);
    const kept = this.events.filter((event) => Date.parse(event.occurredAt) >= limit);
    const deleted = this.events.length - kept.length;
    this.events.splice(0, this.events.length, ...kept);
    return deleted;
  }

  /** Every event kept, oldest first (tests). */
  all(): readonly AuditEvent[] {
    return this.events.map((event) => structuredClone(event));
  }
}
