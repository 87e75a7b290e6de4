import type { AuditEvent, AuditEventFilter } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { AuditEventFeed } from './audit-event-feed.js';

/** A stored trail the feed reads as storage would answer it: filtered, after the cursor, oldest first. */
function trail() {
  const events: AuditEvent[] = [];
  const reads: AuditEventFilter[] = [];
  return {
    reads,
    add(organizationId: string, type = 'RequestCreated'): AuditEvent {
      const event: AuditEvent = {
        sequence: events.length + 1,
        eventId: `event-${events.length + 1}`,
        organizationId,
        type,
        occurredAt: new Date().toISOString(),
        actor: { kind: 'system' },
        data: {},
      };
      events.push(event);
      return event;
    },
    async read(filter: AuditEventFilter): Promise<readonly AuditEvent[]> {
      reads.push(filter);
      return events
        .filter((event) => filter.organizationId === undefined || event.organizationId === filter.organizationId)
        .filter((event) => event.sequence > (filter.afterSequence ?? 0))
        .filter((event) => filter.types === undefined || filter.types.includes(event.type))
        .slice(0, filter.limit ?? 100);
    },
  };
}

async function take(iterator: AsyncGenerator<AuditEvent>, count: number): Promise<AuditEvent[]> {
  const taken: AuditEvent[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
}

describe('AuditEventFeed', () => {
  it('yields only the organization’s events after the cursor, in sequence order', async () => {
    const stored = trail();
    stored.add('acme');
    stored.add('globex');
    stored.add('acme');
    stored.add('acme', 'ApiCall');
    const feed = new AuditEventFeed((filter) => stored.read(filter), { pollIntervalMs: 10_000 });
    const leave = new AbortController();
    const events = await take(feed.follow({ organizationId: 'acme', afterSequence: 1, signal: leave.signal }), 2);
    expect(events.map((event) => event.sequence)).toEqual([3, 4]);
    expect(stored.reads.every((filter) => filter.organizationId === 'acme')).toBe(true);
    leave.abort();
  });

  it('wakes a waiting follower at once on notify, long before the poll interval', async () => {
    const stored = trail();
    const feed = new AuditEventFeed((filter) => stored.read(filter), { pollIntervalMs: 60_000 });
    const leave = new AbortController();
    const following = feed.follow({ organizationId: 'acme', afterSequence: 0, signal: leave.signal });
    const next = following.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    stored.add('acme');
    const started = Date.now();
    feed.notify();
    expect((await next).value?.sequence).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    leave.abort();
  });

  it('picks up events written elsewhere by polling', async () => {
    const stored = trail();
    const feed = new AuditEventFeed((filter) => stored.read(filter), { pollIntervalMs: 20 });
    const leave = new AbortController();
    const following = feed.follow({ organizationId: 'acme', afterSequence: 0, signal: leave.signal });
    const next = following.next();
    setTimeout(() => stored.add('acme'), 50);
    expect((await next).value?.sequence).toBe(1);
    leave.abort();
  });

  it('reads a long backlog in batches without waiting between them', async () => {
    const stored = trail();
    for (let index = 0; index < 25; index += 1) stored.add('acme');
    const feed = new AuditEventFeed((filter) => stored.read(filter), { pollIntervalMs: 60_000, batchSize: 10 });
    const leave = new AbortController();
    const events = await take(feed.follow({ organizationId: 'acme', afterSequence: 0, signal: leave.signal }), 25);
    expect(events.map((event) => event.sequence)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    leave.abort();
  });

  it('ends followers when it closes and when their deadline passes', async () => {
    const stored = trail();
    const feed = new AuditEventFeed((filter) => stored.read(filter), { pollIntervalMs: 60_000 });
    const waiting = feed.follow({ organizationId: 'acme', afterSequence: 0, signal: new AbortController().signal }).next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await feed.close();
    expect((await waiting).done).toBe(true);

    const timed = new AuditEventFeed((filter) => stored.read(filter), { pollIntervalMs: 60_000 });
    const started = Date.now();
    const result = await timed.follow({ organizationId: 'acme', afterSequence: 0, signal: new AbortController().signal, deadline: Date.now() + 50 }).next();
    expect(result.done).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
