import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AuditEventInput } from '@ohf/domain-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, KEYS, startTestApi, type TestApi, type TestApiOptions } from './api-harness.js';
import { openEventStream } from './event-stream-client.js';

interface EventItem {
  readonly sequence: number;
  readonly eventId: string;
  readonly organizationId: string;
  readonly type: string;
  readonly actor: Record<string, unknown>;
  readonly source?: Record<string, unknown>;
  readonly requestId?: string;
  readonly machineId?: string;
  readonly data: Record<string, unknown>;
}

function event(organizationId: string, type: string, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return { eventId: randomUUID(), organizationId, type, occurredAt: new Date().toISOString(), data: { note: 'written by another process' }, ...extra };
}

/**
 * The audit trail over HTTP on one storage: ApiCall recording, paging and filters, isolation of
 * organizations, and the live stream with its resume. Events "written by another process" are
 * appended straight to storage, as the CLI or another replica would write them.
 */
export function describeAuditTrail(label: string, options: () => Promise<TestApiOptions & { cleanup?: () => Promise<void> }>): void {
  describe(`the audit trail over HTTP (${label})`, () => {
    let harness: TestApi;
    let cleanup: (() => Promise<void>) | undefined;
    let base: string;
    beforeAll(async () => {
      const { cleanup: drop, ...rest } = await options();
      cleanup = drop;
      harness = await startTestApi({ ...rest, api: { events: { poll_interval_ms: 50, heartbeat_ms: 100 }, ...rest.api } });
      const address = (await harness.api.server.listen({ host: '127.0.0.1', port: 0 }), harness.api.server.server.address()) as AddressInfo;
      base = `http://127.0.0.1:${address.port}`;
    });
    afterAll(async () => {
      await harness?.close();
      await cleanup?.();
    });

    const listEvents = async (query: string, key: keyof typeof KEYS = 'read'): Promise<{ items: EventItem[]; next?: number }> => {
      const response = await harness.inject({ method: 'GET', url: `/api/v1/events?${query}`, key });
      expect(response.statusCode).toBe(200);
      return response.json();
    };

    it('records a mutating call as ApiCall: who, route, status, address, request id, never the body', async () => {
      const created = await harness.inject({
        method: 'POST',
        url: '/api/v1/requests',
        key: 'write',
        headers: { 'x-request-id': 'audited-call-1' },
        payload: { templateId: 'web-server', maxNumber: 1 },
      });
      expect(created.statusCode).toBe(202);
      const page = await eventually(
        () => listEvents('type=ApiCall&limit=1000'),
        (found) => found.items.some((item) => item.source?.httpRequestId === 'audited-call-1'),
      );
      const call = page.items.find((item) => item.source?.httpRequestId === 'audited-call-1')!;
      expect(call).toMatchObject({
        organizationId: 'default',
        type: 'ApiCall',
        actor: { kind: 'user', name: 'write-client' },
        source: { ip: '127.0.0.1', httpRequestId: 'audited-call-1' },
        data: { method: 'POST', route: '/api/v1/requests', statusCode: 202 },
      });
      expect(JSON.stringify(call)).not.toContain('web-server');
      expect(JSON.stringify(call)).not.toContain(KEYS.write);

      // The change the call made is recorded as the caller's, from the same address and request id.
      const requestId: string = created.json().request.requestId;
      const trail = await eventually(() => listEvents(`request_id=${requestId}`), (found) => found.items.length > 0);
      const accepted = trail.items[0]!;
      expect(accepted.requestId).toBe(requestId);
      expect(accepted.actor).toMatchObject({ kind: 'user', name: 'write-client' });
      expect(accepted.source).toMatchObject({ ip: '127.0.0.1', httpRequestId: 'audited-call-1' });
    });

    it('records neither reads nor calls refused before their handler (403, invalid body)', async () => {
      const before = (await listEvents('type=ApiCall&limit=1000')).items.length;
      expect((await harness.inject({ method: 'POST', url: '/api/v1/requests', key: 'read', payload: { templateId: 'web-server', maxNumber: 1 } })).statusCode).toBe(403);
      expect((await harness.inject({ method: 'POST', url: '/api/v1/requests', key: 'write', payload: { templateId: 'web-server', maxNumber: 'many' } })).statusCode).toBe(400);
      expect((await harness.inject({ method: 'GET', url: '/api/v1/requests' })).statusCode).toBe(200);
      // A call that is recorded, after the others: once it is there, the others would be too.
      await harness.inject({ method: 'POST', url: '/api/v1/templates/refresh', key: 'admin', headers: { 'x-request-id': 'audited-marker' } });
      const after = await eventually(
        () => listEvents('type=ApiCall&limit=1000'),
        (found) => found.items.some((item) => item.source?.httpRequestId === 'audited-marker'),
      );
      expect(after.items.length).toBe(before + 1);
    });

    it('pages the trail by sequence and shows only the caller’s organization', async () => {
      const type = `Paging${randomUUID().slice(0, 8)}`;
      await harness.api.audit.log.append([
        event('default', type, { requestId: 'req-paging-1' }),
        event('globex', type, { requestId: 'req-paging-1' }),
        event('default', type, { requestId: 'req-paging-1', machineId: 'm-paging-1' }),
        event('default', type, { requestId: 'req-paging-2' }),
        event('globex', type),
        event('default', type, { machineId: 'm-paging-1' }),
        event('default', type),
      ]);
      const sequences: number[] = [];
      let query = `type=${type}&limit=2`;
      for (let page = 0; page < 10; page += 1) {
        const found = await listEvents(query);
        expect(found.items.every((item) => item.organizationId === 'default')).toBe(true);
        sequences.push(...found.items.map((item) => item.sequence));
        if (found.next === undefined) break;
        expect(found.items).toHaveLength(2);
        query = `type=${type}&limit=2&after=${found.next}`;
      }
      expect(sequences).toHaveLength(5);
      expect([...sequences].sort((left, right) => left - right)).toEqual(sequences);
      expect(new Set(sequences).size).toBe(5);

      expect((await listEvents(`type=${type}&request_id=req-paging-1`)).items).toHaveLength(2);
      expect((await listEvents(`type=${type}&machine_id=m-paging-1`)).items).toHaveLength(2);
      expect((await listEvents(`type=${type}&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toHaveLength(0);
      expect((await listEvents(`type=${type}&since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`)).items).toHaveLength(5);
    });

    it('refuses malformed cursors and filters with 400 and needs a key', async () => {
      expect((await harness.inject({ method: 'GET', url: '/api/v1/events?after=-1' })).statusCode).toBe(400);
      expect((await harness.inject({ method: 'GET', url: '/api/v1/events?limit=5000' })).statusCode).toBe(400);
      expect((await harness.inject({ method: 'GET', url: '/api/v1/events?since=yesterday' })).statusCode).toBe(400);
      expect((await harness.inject({ method: 'GET', url: '/api/v1/events', key: null })).statusCode).toBe(401);
    });

    it('streams new events live, resumes exactly after Last-Event-ID, and never sends another organization’s', async () => {
      const type = `Stream${randomUUID().slice(0, 8)}`;
      const headers = { authorization: `Bearer ${KEYS.read}` };
      const stream = await openEventStream(`${base}/api/v1/events/stream?type=${type}`, headers);
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toContain('text/event-stream');
      // Events written before the stream opened are not replayed without a cursor.
      await eventually(async () => stream.received.length, (count) => count > 0);
      await harness.api.audit.log.append([event('default', type, { data: { n: 1 } }), event('globex', type), event('default', type, { data: { n: 2 } })]);
      await harness.api.audit.log.append([event('default', type, { data: { n: 3 } }), event('globex', type), event('default', type, { data: { n: 4 } })]);
      const first = [await stream.nextEvent(), await stream.nextEvent()];
      stream.close();
      const firstItems = first.map((message) => JSON.parse(message!.data!) as EventItem);
      expect(firstItems.map((item) => item.data.n)).toEqual([1, 2]);
      expect(first.map((message) => Number(message!.id))).toEqual(firstItems.map((item) => item.sequence));

      await harness.api.audit.log.append([event('default', type, { data: { n: 5 } })]);
      const resumed = await openEventStream(`${base}/api/v1/events/stream?type=${type}`, { ...headers, 'last-event-id': first[1]!.id! });
      const rest = [await resumed.nextEvent(), await resumed.nextEvent(), await resumed.nextEvent()].map((message) => JSON.parse(message!.data!) as EventItem);
      expect(rest.map((item) => item.data.n)).toEqual([3, 4, 5]);
      expect(rest.every((item) => item.organizationId === 'default')).toBe(true);
      await expect(resumed.nextEvent(400)).rejects.toThrow(/no event/);
      // Quiet streams get keep-alive comments.
      expect(resumed.received.some((message) => message.comments.includes('keep-alive'))).toBe(true);
      resumed.close();

      const replay = await openEventStream(`${base}/api/v1/events/stream?type=${type}&after=0`, headers);
      const all = [];
      for (let index = 0; index < 5; index += 1) all.push(JSON.parse((await replay.nextEvent())!.data!) as EventItem);
      expect(all.map((item) => item.data.n)).toEqual([1, 2, 3, 4, 5]);
      replay.close();
    });

    it('wakes streams at once for events written by this process', async () => {
      const stream = await openEventStream(`${base}/api/v1/events/stream?type=ApiCall`, { authorization: `Bearer ${KEYS.read}` });
      await eventually(async () => stream.received.length, (count) => count > 0);
      await harness.inject({ method: 'POST', url: '/api/v1/templates/refresh', key: 'admin', headers: { 'x-request-id': 'streamed-call' } });
      const message = await stream.nextEvent();
      expect(JSON.parse(message!.data!)).toMatchObject({ type: 'ApiCall', source: { httpRequestId: 'streamed-call' } });
      stream.close();
    });

    it('refuses a malformed Last-Event-ID', async () => {
      const response = await harness.inject({ method: 'GET', url: '/api/v1/events/stream', headers: { 'last-event-id': 'yesterday' } });
      expect(response.statusCode).toBe(400);
    });

    // Last: it shuts the server down.
    it('ends open streams cleanly when the server shuts down', async () => {
      const stream = await openEventStream(`${base}/api/v1/events/stream`, { authorization: `Bearer ${KEYS.read}` });
      await eventually(async () => stream.received.length, (count) => count > 0);
      const started = Date.now();
      await harness.api.shutdown();
      await stream.ended;
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });
}
