import { v7 } from 'uuid';

/**
 * A new audit event id: a time-ordered UUID (version 7), unique across installations like any
 * UUID (webhook receivers deduplicate on it). Ids that grow with time land at the right edge of
 * the stores' unique event-id index instead of on a random page of it: about 9 events a request
 * made that index the dearest part of writing them (SQLite: 310 → 215 µs of CPU for a request's
 * 9 rows with random ids against time-ordered ones).
 */
export function newEventId(): string {
  return v7();
}
