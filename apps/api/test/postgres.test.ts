import { createPostgresTestSchema, type PostgresTestSchema } from '@ohf/persistence/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';

// The machine's PostgreSQL (DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test); an
// unreachable server fails this suite instead of skipping it.
describe('the API on PostgreSQL', () => {
  let schema: PostgresTestSchema;
  let harness: TestApi;
  beforeAll(async () => {
    schema = await createPostgresTestSchema();
    harness = await startTestApi({ storage: { strategy: 'postgres', postgres: { url: schema.url, schema: schema.schema, pool_size: 4 } } });
  });
  afterAll(async () => {
    await harness?.close();
    await schema?.drop();
  });

  it('reports PostgreSQL storage as ready', async () => {
    const ready = await harness.inject({ method: 'GET', url: '/readyz', key: 'read' });
    expect(ready.json()).toMatchObject({ ready: true, storage: { ok: true, strategy: 'postgres' } });
  });

  it('provisions requests through the workers and keeps one request per idempotency key', async () => {
    const headers = { 'idempotency-key': 'pg-order-1' };
    const [first, second] = await Promise.all([
      harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 2 }, headers }),
      harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 2 }, headers }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 202]);
    const id = first.json().request.requestId;
    expect(second.json().request.requestId).toBe(id);
    const done = await eventually(
      () => harness.inject({ method: 'GET', url: `/api/v1/requests/${id}` }),
      (response) => response.json().progress.final === true,
    );
    expect(done.json()).toMatchObject({ request: { status: 'complete' }, progress: { machines: 2, byState: { running: 2 } } });
    const listed = await harness.inject({ method: 'GET', url: '/api/v1/requests?status=complete' });
    expect(listed.json().total).toBe(1);
    const machines = await harness.inject({ method: 'GET', url: `/api/v1/machines?request_id=${id}` });
    expect(machines.json().total).toBe(2);
  });
});
