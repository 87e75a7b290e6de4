import { createAcquireRequest, MachineSchema, type Machine, type MachineRepository, type RequestRepository } from '@ohf/domain-core';
import { describe, expect, it, vi } from 'vitest';
import { InMemoryMachineRepository } from '../adapters/in-memory-machine-repository.js';
import { InMemoryRequestRepository } from '../adapters/in-memory-request-repository.js';
import { ManualClock } from '../adapters/manual-clock.js';
import { templateUsage } from './template-usage.js';

const clock = new ManualClock();
const requestId = (sequence: number) => `req-00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;

function machine(sequence: number, overrides: Partial<Machine>): Machine {
  return MachineSchema.parse({
    machineId: `m-00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    providerInstanceId: `i-${sequence}`,
    requestId: requestId(1),
    templateId: 'web',
    providerType: 'aws',
    providerInstance: 'aws-us-east-1',
    state: 'running',
    rawState: 'running',
    instanceType: 't3.small',
    priceType: 'ondemand',
    tags: {},
    createdAt: '2025-11-22T08:26:00.000Z',
    updatedAt: '2025-11-22T08:26:00.000Z',
    ...overrides,
  });
}

/** Machines of a finished request on two templates, one on its way out and one being returned; and an open request owing 3. */
async function repositories() {
  const machines = new InMemoryMachineRepository();
  await machines.saveMany([
    machine(1, { templateId: 'web' }),
    machine(2, { templateId: 'web', state: 'pending' }),
    machine(3, { templateId: 'web', state: 'shutting_down' }),
    machine(4, { templateId: 'web', returnRequestId: requestId(9) }),
    machine(5, { templateId: 'batch', state: 'stopped' }),
  ]);
  const requests = new InMemoryRequestRepository();
  await requests.save(createAcquireRequest({ requestId: requestId(2), templateId: 'batch', requestedCount: 3 }, clock));
  return { machines, requests };
}

/**
 * Unfinished requests on storage that sums what they owe: web owes 2 (one of three recorded,
 * failed), batch owes 1 (another batch request has more than it asked for, which offsets nothing);
 * finished requests owe nothing.
 */
async function owingRepositories() {
  const machines = new InMemoryMachineRepository();
  const requests = new InMemoryRequestRepository(undefined, machines);
  const acquire = (sequence: number, templateId: string, requestedCount: number) =>
    createAcquireRequest({ requestId: requestId(sequence), templateId, requestedCount }, clock);
  await requests.save(acquire(2, 'web', 3));
  await requests.save(acquire(3, 'batch', 1));
  await requests.save(acquire(4, 'batch', 1));
  await requests.save({ ...acquire(5, 'web', 4), status: 'complete' });
  await machines.saveMany([
    machine(1, { requestId: requestId(2), templateId: 'web', state: 'failed' }),
    machine(2, { requestId: requestId(4), templateId: 'batch', state: 'terminated' }),
    machine(3, { requestId: requestId(4), templateId: 'batch', state: 'terminated' }),
  ]);
  return { machines, requests };
}

describe('templateUsage', () => {
  it('counts the machines holding a place in storage, without reading every machine', async () => {
    const { machines, requests } = await repositories();
    const list = vi.spyOn(machines, 'list');

    expect(Object.fromEntries(await templateUsage({ machines, requests }))).toEqual({ web: 2, batch: 4 });
    expect(Object.fromEntries(await templateUsage({ machines, requests }, 'web'))).toEqual({ web: 2 });
    expect(list).not.toHaveBeenCalled();
  });

  it('takes what unfinished requests owe from storage, without reading each request’s machines', async () => {
    const { machines, requests } = await owingRepositories();
    const perRequest = vi.spyOn(machines, 'findByRequestId');

    expect(Object.fromEntries(await templateUsage({ machines, requests }))).toEqual({ web: 2, batch: 1 });
    expect(Object.fromEntries(await templateUsage({ machines, requests }, 'batch'))).toEqual({ batch: 1 });
    expect(perRequest).not.toHaveBeenCalled();
  });

  it('reads each request’s machines alike when storage cannot sum what requests owe', async () => {
    const { machines, requests } = await owingRepositories();
    const listingOnly: RequestRepository = {
      save: (request, options) => requests.save(request, options),
      findById: (id) => requests.findById(id),
      findByIdempotencyKey: (key) => requests.findByIdempotencyKey(key),
      list: (filter) => requests.list(filter),
    };

    expect(Object.fromEntries(await templateUsage({ machines, requests: listingOnly }))).toEqual({ web: 2, batch: 1 });
    expect(Object.fromEntries(await templateUsage({ machines, requests: listingOnly }, 'web'))).toEqual({ web: 2 });
  });

  it('counts a listing alike when storage cannot count by template', async () => {
    const { machines, requests } = await repositories();
    const listingOnly: MachineRepository = {
      saveMany: (batch) => machines.saveMany(batch),
      findById: (machineId) => machines.findById(machineId),
      findByProviderInstanceId: (providerInstanceId, providerInstance) => machines.findByProviderInstanceId(providerInstanceId, providerInstance),
      findByRequestId: (id) => machines.findByRequestId(id),
      list: (filter) => machines.list(filter),
    };

    expect(Object.fromEntries(await templateUsage({ machines: listingOnly, requests }))).toEqual({ web: 2, batch: 4 });
    expect(Object.fromEntries(await templateUsage({ machines: listingOnly, requests }, 'batch'))).toEqual({ batch: 4 });
  });
});
