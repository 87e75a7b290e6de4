import { join } from 'node:path';
import { MachineSchema } from '@ohf/domain-core';
import { createStorage } from '@ohf/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './api-harness.js';

function machine(index: number, fields: Record<string, unknown>) {
  return MachineSchema.parse({
    machineId: `m-00000000-0000-4000-8000-00000000000${index}`,
    providerInstanceId: `cloud-${index}`,
    requestId: 'req-00000000-0000-4000-8000-000000000001',
    templateId: 'web-server',
    providerType: 'memory',
    providerInstance: 'memory-a',
    state: 'running',
    rawState: 'running',
    createdAt: '2026-12-05T00:00:00.000Z',
    updatedAt: '2026-12-05T00:00:00.000Z',
    ...fields,
  });
}

describe('machine prices through the API', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false });
    // Machines as provisioning records them at launch, written to the API's own database.
    const storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(harness.directory, 'ohf.db') } });
    try {
      await storage.machines.saveMany([
        machine(1, { planId: 'memory.small', priceHourly: 0.033, currency: 'USD' }),
        machine(2, { planId: 'memory.small', priceHourly: 0.033, currency: 'USD' }),
        machine(3, { planId: 'memory.large', priceHourly: 0.5, currency: 'USD', state: 'terminated', rawState: 'terminated' }),
        machine(4, {}),
      ]);
    } finally {
      await storage.close();
    }
  });
  afterAll(async () => harness?.close());

  it('shows each machine with the plan and hourly price it was launched with', async () => {
    const response = await harness.inject({ method: 'GET', url: '/api/v1/machines', key: 'read' });
    expect(response.statusCode).toBe(200);
    const machines = response.json().items as { machineId: string; planId?: string; priceHourly?: number; currency?: string }[];
    expect(machines.map((entry) => [entry.planId, entry.priceHourly, entry.currency])).toEqual([
      ['memory.small', 0.033, 'USD'],
      ['memory.small', 0.033, 'USD'],
      ['memory.large', 0.5, 'USD'],
      [undefined, undefined, undefined],
    ]);
  });

  it('exports the hourly cost of the machines still running per provider instance on /metrics', async () => {
    const metrics = (await harness.inject({ method: 'GET', url: '/metrics', key: 'admin' })).body;
    expect(metrics).toContain('ohf_running_cost_per_hour{provider_instance="memory-a",currency="USD"} 0.066');
  });
});
