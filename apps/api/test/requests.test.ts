import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';

describe('requests with background workers', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi();
  });
  afterAll(async () => harness?.close());

  const create = (payload: unknown, headers: Record<string, string> = {}) =>
    harness.inject({ method: 'POST', url: '/api/v1/requests', payload: payload as Record<string, unknown>, headers, key: 'write' });
  const waitForFinal = (id: string) =>
    eventually(
      () => harness.inject({ method: 'GET', url: `/api/v1/requests/${id}`, key: 'read' }),
      (response) => response.json().progress?.final === true,
    );

  it('answers 202 at once with the pending request, then the workers provision it', async () => {
    const created = await create({ templateId: 'web-server', maxNumber: 3, providerPreference: { type: 'memory', instance: 'memory-a' } });
    expect(created.statusCode).toBe(202);
    const body = created.json();
    expect(body.request).toMatchObject({ kind: 'acquire', templateId: 'web-server', requestedCount: 3, providerInstance: 'memory-a' });
    expect(['pending', 'in_progress', 'complete']).toContain(body.request.status);
    expect(created.headers.location).toBe(`/api/v1/requests/${body.request.requestId}`);
    expect(created.headers['x-request-id']).toBeTruthy();

    // The selection explanation comes with the answer to the POST, and on request afterwards.
    expect(JSON.stringify(body.request.selectionExplanation)).toMatch(/memory-a/);
    const done = await waitForFinal(body.request.requestId);
    expect(done.json().request.status).toBe('complete');
    expect(done.json().request.selectionExplanation).toBeUndefined();
    const explained = await harness.inject({ method: 'GET', url: `/api/v1/requests/${body.request.requestId}?explain=true` });
    expect(JSON.stringify(explained.json().request.selectionExplanation)).toMatch(/memory-a/);
    expect(done.json().progress).toEqual({ requested: 3, machines: 3, byState: { running: 3 }, final: true });
    expect(done.json().machines.every((machine: { providerInstance: string }) => machine.providerInstance === 'memory-a')).toBe(true);
  });

  it('returns the original request for a repeated Idempotency-Key, and 409 when the body differs', async () => {
    const headers = { 'idempotency-key': 'order-42' };
    const first = await create({ templateId: 'web-server', maxNumber: 2 }, headers);
    const again = await create({ templateId: 'web-server', maxNumber: 2 }, headers);
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(200);
    expect(again.json().request.requestId).toBe(first.json().request.requestId);
    const different = await create({ templateId: 'web-server', maxNumber: 5 }, headers);
    expect(different.statusCode).toBe(409);
    expect(different.json().error.code).toBe('CONFLICT');
    await waitForFinal(first.json().request.requestId);
    const machines = await harness.inject({ method: 'GET', url: `/api/v1/machines?request_id=${first.json().request.requestId}` });
    expect(machines.json().total).toBe(2);
  });

  it('rejects bad bodies with 400 and the field paths', async () => {
    const bad = await create({ templateId: 'web server!', maxNumber: 0, colour: 'red' });
    expect(bad.statusCode).toBe(400);
    const error = bad.json().error;
    expect(error.code).toBe('VALIDATION_ERROR');
    const paths = error.details.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['body.templateId', 'body.maxNumber']));
    expect(JSON.stringify(error)).toMatch(/colour/);

    const missing = await create({});
    expect(missing.json().error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(
      expect.arrayContaining(['body.templateId', 'body.maxNumber']),
    );

    const malformed = await harness.inject({
      method: 'POST',
      url: '/api/v1/requests',
      payload: '{"templateId": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('VALIDATION_ERROR');

    const wrongType = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: '<templateId/>', headers: { 'content-type': 'application/xml' } });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error).toBeDefined();

    const badKey = await create({ templateId: 'web-server', maxNumber: 1 }, { 'idempotency-key': '' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.details.issues[0].path).toBe('headers.idempotency-key');
  });

  it('answers an unknown template with 404 and a count over maxNumber with 422', async () => {
    const unknown = await create({ templateId: 'no-such-template', maxNumber: 1 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('TEMPLATE_NOT_FOUND');
    const tooMany = await create({ templateId: 'web-server', maxNumber: 11 });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error).toMatchObject({ code: 'INSTANCE_LIMIT_EXCEEDED', details: { maxNumber: 10, requested: 11 } });
    const unknownProvider = await create({ templateId: 'web-server', maxNumber: 1, providerPreference: { instance: 'aws-invalid' } });
    expect(unknownProvider.statusCode).toBe(404);
    expect(unknownProvider.json().error.code).toBe('PROVIDER_NOT_FOUND');
    expect(unknownProvider.json().error.details.available_providers).toEqual(['memory-a']);
  });

  it('plans without recording on dryRun', async () => {
    const before = (await harness.inject({ method: 'GET', url: '/api/v1/requests' })).json().total;
    const plan = await create({ templateId: 'web-server', maxNumber: 2, dryRun: true });
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ dryRun: true, templateId: 'web-server', providerInstance: 'memory-a', providerType: 'memory' });
    expect(plan.json().plannedCalls.length).toBeGreaterThan(0);
    expect((await harness.inject({ method: 'GET', url: '/api/v1/requests' })).json().total).toBe(before);
  });

  it('lists requests in creation order, paged and filtered by status', async () => {
    const all = await harness.inject({ method: 'GET', url: '/api/v1/requests?limit=2&offset=0', key: 'read' });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ limit: 2, offset: 0 });
    expect(all.json().items).toHaveLength(2);
    expect(all.json().total).toBeGreaterThanOrEqual(2);
    const next = await harness.inject({ method: 'GET', url: '/api/v1/requests?limit=2&offset=1' });
    expect(next.json().items[0].requestId).toBe(all.json().items[1].requestId);
    const [first, second] = all.json().items;
    expect(first.createdAt <= second.createdAt).toBe(true);

    const complete = await harness.inject({ method: 'GET', url: '/api/v1/requests?status=complete,partial' });
    expect(complete.json().items.every((item: { status: string }) => ['complete', 'partial'].includes(item.status))).toBe(true);
    const none = await harness.inject({ method: 'GET', url: '/api/v1/requests?status=cancelled' });
    expect(none.json()).toMatchObject({ items: [], total: 0 });
    const invalid = await harness.inject({ method: 'GET', url: '/api/v1/requests?status=done&limit=5000' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(
      expect.arrayContaining(['query.status.0', 'query.limit']),
    );
  });

  it('answers an unknown request id with 404', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/requests/req-00000000-0000-0000-0000-000000000000' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('REQUEST_NOT_FOUND');
  });

  it('streams progress as Server-Sent Events until the request is final', async () => {
    const created = await create({ templateId: 'web-server', maxNumber: 2 });
    const id = created.json().request.requestId;
    const stream = await harness.inject({ method: 'GET', url: `/api/v1/requests/${id}/events`, key: 'read' });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = stream.body
      .split('\n\n')
      .filter((block) => block.startsWith('event:'))
      .map((block) => ({
        event: /^event: (\w+)/.exec(block)![1],
        data: JSON.parse(/\ndata: (.*)/.exec(block)![1]!),
      }));
    expect(events.at(-1)).toMatchObject({ event: 'final', data: { request: { requestId: id, status: 'complete' }, progress: { final: true } } });
    expect(events.slice(0, -1).every((entry) => entry.event === 'progress')).toBe(true);
    // Each event is a change: the request versions only grow.
    const versions = events.map((entry) => entry.data.request.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);

    const missing = await harness.inject({ method: 'GET', url: '/api/v1/requests/req-00000000-0000-0000-0000-000000000001/events' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('requests without workers', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false });
  });
  afterAll(async () => harness?.close());

  it('keeps a request pending until a worker runs, and cancels it', async () => {
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 1 } });
    const id = created.json().request.requestId;
    expect(created.json().request.status).toBe('pending');
    const shown = await harness.inject({ method: 'GET', url: `/api/v1/requests/${id}` });
    expect(shown.json()).toMatchObject({ request: { status: 'pending' }, progress: { machines: 0, final: false } });

    const readOnly = await harness.inject({ method: 'POST', url: `/api/v1/requests/${id}/cancel`, key: 'read' });
    expect(readOnly.statusCode).toBe(403);
    const cancelled = await harness.inject({ method: 'POST', url: `/api/v1/requests/${id}/cancel`, key: 'write' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ request: { requestId: id, status: 'cancelled' }, progress: { final: true } });
    const again = await harness.inject({ method: 'POST', url: `/api/v1/requests/${id}/cancel`, payload: { terminateMachines: true } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    const badBody = await harness.inject({ method: 'POST', url: `/api/v1/requests/${id}/cancel`, payload: { terminate: 'yes' } });
    expect(badBody.statusCode).toBe(400);

    const stream = await harness.inject({ method: 'GET', url: `/api/v1/requests/${id}/events` });
    expect(stream.body).toMatch(/^event: final\n/);
  });
});

describe('requests when no provider instance can take them', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false, providers: [{ name: 'memory-off', type: 'memory', enabled: false, config: {} }] });
  });
  afterAll(async () => harness?.close());

  it('answers 503 NO_ENABLED_PROVIDERS with the selection explanation', async () => {
    const response = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 1 } });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toMatchObject({
      code: 'NO_ENABLED_PROVIDERS',
      message: expect.stringMatching(/memory-off is disabled/),
      details: { skipped: { 'memory-off': ['disabled'] } },
    });
    expect((await harness.inject({ method: 'GET', url: '/api/v1/requests' })).json().total).toBe(0);
  });
});
