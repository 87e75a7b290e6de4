import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApi, type TestApi } from './api-harness.js';

describe('POST /api/v1/machines/{id}/actions', () => {
  let harness: TestApi;
  let machineIds: string[];
  beforeAll(async () => {
    harness = await startTestApi();
    const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 2 } });
    const requestId = created.json().request.requestId;
    const done = await eventually(
      () => harness.inject({ method: 'GET', url: `/api/v1/requests/${requestId}` }),
      (response) => response.json().progress.final === true,
    );
    machineIds = done.json().machines.map((machine: { machineId: string }) => machine.machineId);
  });
  afterAll(async () => harness?.close());

  const act = (id: string, payload: unknown, key: 'read' | 'write' = 'write') =>
    harness.inject({ method: 'POST', url: `/api/v1/machines/${id}/actions`, payload: payload as Record<string, unknown>, key });

  it('shuts a machine down and boots it again by its cloud id, recording the state read back', async () => {
    const shutdown = await act(machineIds[0]!, { action: 'shutdown' });
    expect(shutdown.statusCode).toBe(200);
    expect(shutdown.json()).toMatchObject({ action: 'shutdown', dryRun: false, machine: { machineId: machineIds[0], state: 'stopped' } });
    const stored = await harness.inject({ method: 'GET', url: `/api/v1/machines/${machineIds[0]}` });
    expect(stored.json().state).toBe('stopped');

    const cloudId = stored.json().providerInstanceId as string;
    const boot = await harness.inject({ method: 'POST', url: `/api/v1/machines/${cloudId}/actions?provider_instance=memory-a`, payload: { action: 'boot' }, key: 'write' });
    expect(boot.json()).toMatchObject({ action: 'boot', machine: { machineId: machineIds[0], state: 'running' } });
  });

  it('plans the call on a dry run', async () => {
    const plan = await act(machineIds[1]!, { action: 'reboot', dryRun: true });
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ action: 'reboot', dryRun: true, plannedCalls: [{ service: 'memory', operation: 'reboot' }] });
  });

  it('answers 400 for an unknown action, 404 for an unknown machine, 403 for a read key and 409 for a returned machine', async () => {
    const bad = await act(machineIds[1]!, { action: 'hibernate' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('body.action');
    expect((await act('m-00000000-0000-0000-0000-000000000000', { action: 'boot' })).json().error.code).toBe('MACHINE_NOT_FOUND');
    expect((await act(machineIds[1]!, { action: 'boot' }, 'read')).statusCode).toBe(403);

    const returned = await harness.inject({ method: 'POST', url: '/api/v1/returns', payload: { machineIds: [machineIds[1]] }, key: 'write' });
    expect(returned.statusCode).toBe(202);
    const conflict = await act(machineIds[1]!, { action: 'boot' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('returned') });
  });

  it('is in the OpenAPI document with its body, result and error answers', async () => {
    const document = (await harness.inject({ method: 'GET', url: '/api/v1/openapi.json', key: null })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    const operation = document.paths['/api/v1/machines/{id}/actions']?.['post'];
    expect(operation?.requestBody).toBeDefined();
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '403', '404', '409', '422']));
  });
});
