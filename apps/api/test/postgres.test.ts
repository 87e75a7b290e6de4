import { createPostgresTestSchema, type PostgresTestSchema } from '@ohf/persistence/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

  // Runs last: it stops the background workers so that only the GET talks to PostgreSQL.
  it('answers GET /requests/{id} with its machines in one PostgreSQL round trip', async () => {
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 2 } });
    const id = created.json().request.requestId;
    const read = () => harness.inject({ method: 'GET', url: `/api/v1/requests/${id}` });
    await eventually(read, (response) => response.json().progress.final === true);
    const { api } = harness;
    await Promise.all([api.workers.stop(0), api.healthChecks.stop(), api.reconcileWorker.stop(0)]);
    const pg = (await import('pg')).default;
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const response = await read();
      expect(response.json()).toMatchObject({ request: { requestId: id, status: 'complete' }, progress: { machines: 2 } });
      expect(sent).toHaveBeenCalledTimes(1);
    } finally {
      sent.mockRestore();
    }
  });
});
