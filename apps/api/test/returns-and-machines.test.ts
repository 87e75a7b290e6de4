import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';

describe('machines and returns', () => {
  let harness: TestApi;
  let machineIds: string[];
  let requestId: string;
  beforeAll(async () => {
    harness = await startTestApi();
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 3 } });
    requestId = created.json().request.requestId;
    const done = await eventually(
      () => harness.inject({ method: 'GET', url: `/api/v1/requests/${requestId}` }),
      (response) => response.json().progress.final === true,
    );
    machineIds = done.json().machines.map((machine: { machineId: string }) => machine.machineId);
  });
  afterAll(async () => harness?.close());

  it('lists machines, filtered and paged', async () => {
    const all = await harness.inject({ method: 'GET', url: '/api/v1/machines', key: 'read' });
    expect(all.json()).toMatchObject({ total: 3, limit: 100, offset: 0 });
    const page = await harness.inject({ method: 'GET', url: `/api/v1/machines?request_id=${requestId}&limit=2&offset=2` });
    expect(page.json()).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.json().items).toHaveLength(1);
    const running = await harness.inject({ method: 'GET', url: '/api/v1/machines?state=running&provider_instance=memory-a' });
    expect(running.json().total).toBe(3);
    const none = await harness.inject({ method: 'GET', url: '/api/v1/machines?state=terminated' });
    expect(none.json().total).toBe(0);
    const invalid = await harness.inject({ method: 'GET', url: '/api/v1/machines?state=melted' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details.issues[0].path).toBe('query.state.0');
  });

  it('shows one machine by our id or by its cloud id, 404 otherwise', async () => {
    const ours = await harness.inject({ method: 'GET', url: `/api/v1/machines/${machineIds[0]}` });
    expect(ours.statusCode).toBe(200);
    expect(ours.json()).toMatchObject({ machineId: machineIds[0], requestId, state: 'running', providerInstance: 'memory-a' });
    const cloud = await harness.inject({ method: 'GET', url: `/api/v1/machines/${ours.json().providerInstanceId}?provider_instance=memory-a` });
    expect(cloud.json().machineId).toBe(machineIds[0]);
    const missing = await harness.inject({ method: 'GET', url: '/api/v1/machines/m-00000000-0000-0000-0000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('MACHINE_NOT_FOUND');
  });

  it('returns machines: 202 with the return request, machines terminated in the background', async () => {
    const bad = await harness.inject({ method: 'POST', url: '/api/v1/returns', payload: { machineIds: [] }, key: 'write' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toMatchObject({ path: 'body.machineIds', message: 'give at least one machine id' });

    const plan = await harness.inject({ method: 'POST', url: '/api/v1/returns', payload: { machineIds: machineIds.slice(0, 1), dryRun: true } });
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ dryRun: true, notFound: [] });

    const headers = { 'idempotency-key': 'return-1' };
    const payload = { machineIds: [...machineIds.slice(0, 2), 'm-00000000-0000-0000-0000-00000000dead'] };
    const returned = await harness.inject({ method: 'POST', url: '/api/v1/returns', payload, headers, key: 'write' });
    expect(returned.statusCode).toBe(202);
    // The id no one knows is looked up at the providers: none has it, so it counts as returned.
    expect(returned.json()).toMatchObject({
      request: { kind: 'return', requestedCount: 3, lookups: [{ machineId: 'm-00000000-0000-0000-0000-00000000dead', outcome: 'gone' }] },
      notFound: ['m-00000000-0000-0000-0000-00000000dead'],
    });
    const again = await harness.inject({ method: 'POST', url: '/api/v1/returns', payload, headers, key: 'write' });
    expect(again.statusCode).toBe(200);
    expect(again.json().request.requestId).toBe(returned.json().request.requestId);

    const returnId = returned.json().request.requestId;
    const done = await eventually(
      () => harness.inject({ method: 'GET', url: `/api/v1/requests/${returnId}` }),
      (response) => response.json().progress.final === true,
    );
    expect(done.json().request.status).toBe('complete');
    const terminated = await harness.inject({ method: 'GET', url: '/api/v1/machines?state=terminated' });
    expect(terminated.json().items.map((machine: { machineId: string }) => machine.machineId).sort()).toEqual(machineIds.slice(0, 2).sort());
    const returns = await harness.inject({ method: 'GET', url: '/api/v1/requests?kind=return' });
    expect(returns.json().items.map((request: { requestId: string }) => request.requestId)).toEqual([returnId]);
  });
});
