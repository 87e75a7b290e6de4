import { v7 } from 'uuid';

/**
 * A new audit event id: a time-ordered UUID (version 7), unique across installations like any
 * UUID (webhook receivers deduplicate on it). Ids that grow with time land at the right edge of
 * the stores' unique event-id index instead of on a random page of it. On SQLite that index was
 * the dearest part of writing a request's events: 9 rows took about 320 µs of CPU with random
 * ids and 210–245 µs with time-ordered ones (3 interleaved runs of 20,000 such writes).
 */
export function newEventId(): string {
  return v7();
}
