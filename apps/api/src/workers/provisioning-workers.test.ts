import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DispatchOptions } from '@ohf/application-cqrs';
import { MemoryLogger } from '@ohf/application-cqrs/testing';
import { transitionRequest, type MachineRequest } from '@ohf/domain-core';
import { createStorage, type Storage } from '@ohf/persistence';
import { ManualClock, sampleRequest } from '@ohf/persistence/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiApplication } from '../server/api-dependencies.js';
import { ProvisioningWorkers, type ProvisioningWorkersOptions } from './provisioning-workers.js';

interface Step {
  readonly requestId: string;
  readonly signal: AbortSignal | undefined;
  finish(status?: 'complete' | 'in_progress'): void;
  fail(error: Error): void;
}

/**
 * The application seen by the workers: every ProvisionRequest becomes a step the test finishes
 * by hand (marking the request complete in storage, or leaving it unfinished).
 */
function scriptedApplication(storage: Storage, clock: ManualClock) {
  const steps: Step[] = [];
  const application: ApiApplication = {
    events: { subscribe: () => () => undefined },
    // A stand-in answers only ProvisionRequest, so it is typed as the one dispatch it replaces.
    dispatch: ((message: unknown, options?: DispatchOptions) =>
      new Promise((resolve, reject) => {
        const { requestId } = message as { type: string; requestId: string };
        expect((message as { type: string }).type).toBe('ProvisionRequest');
        steps.push({
          requestId,
          signal: options?.signal,
          finish: (status = 'complete') =>
            void (async () => {
              const request = (await storage.requests.findById(requestId))!;
              const saved = status === 'complete' ? await storage.requests.save(transitionRequest(request, 'complete', clock)) : request;
              resolve({ request: saved, machines: [] });
            })(),
          fail: reject,
        });
      })) as ApiApplication['dispatch'],
  };
  return { application, steps };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ProvisioningWorkers', () => {
  let directory: string;
  let storage: Storage;
  let clock: ManualClock;
  const workers: ProvisioningWorkers[] = [];

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ohf-workers-'));
    clock = new ManualClock();
    storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } }, { clock });
    await storage.migrate();
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop(100)));
    await storage.close();
    rmSync(directory, { recursive: true, force: true });
  });

  function startWorkers(application: ApiApplication, options: Partial<ProvisioningWorkersOptions> = {}): ProvisioningWorkers {
    const worker = new ProvisioningWorkers({
      application,
      work: storage.work,
      logger: new MemoryLogger(),
      concurrency: 2,
      pollIntervalMs: 10,
      leaseMs: 60_000,
      retryIntervalMs: 0,
      ...options,
    });
    worker.start();
    workers.push(worker);
    return worker;
  }

  const store = async (count: number): Promise<MachineRequest[]> => {
    const saved: MachineRequest[] = [];
    for (let sequence = 1; sequence <= count; sequence += 1) saved.push(await storage.requests.save(sampleRequest(sequence, clock)));
    return saved;
  };

  it('provisions stored requests, never more at once than its concurrency, and releases them when final', async () => {
    const requests = await store(3);
    const { application, steps } = scriptedApplication(storage, clock);
    const worker = startWorkers(application);
    await until(() => steps.length === 2);
    expect(steps.map((step) => step.requestId)).toEqual([requests[0]!.requestId, requests[1]!.requestId]);
    expect(worker.inFlight).toBe(2);
    steps[0]!.finish();
    await until(() => steps.length === 3);
    expect(steps[2]!.requestId).toBe(requests[2]!.requestId);
    steps[1]!.finish();
    steps[2]!.finish();
    await until(() => worker.inFlight === 0);
    const remaining = await storage.work.claimWork({ workerId: 'probe', leaseMs: 1_000, limit: 10 });
    expect(remaining).toEqual([]);
  });

  it('takes an unfinished request up again after releasing it', async () => {
    const [request] = await store(1);
    const { application, steps } = scriptedApplication(storage, clock);
    startWorkers(application);
    await until(() => steps.length === 1);
    steps[0]!.finish('in_progress');
    await until(() => steps.length === 2);
    expect(steps[1]!.requestId).toBe(request!.requestId);
    steps[1]!.finish();
  });

  it('keeps going when a step fails, and tries that request again', async () => {
    await store(1);
    const { application, steps } = scriptedApplication(storage, clock);
    const logger = new MemoryLogger();
    startWorkers(application, { logger });
    await until(() => steps.length === 1);
    steps[0]!.fail(new Error('provider exploded'));
    await until(() => steps.length === 2);
    expect(logger.entries.some((entry) => entry.level === 'error' && /provisioning step failed/.test(entry.message ?? ''))).toBe(true);
    steps[1]!.finish();
  });

  it('looks for new work at once when woken, without waiting for the poll', async () => {
    const { application, steps } = scriptedApplication(storage, clock);
    const worker = startWorkers(application, { pollIntervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store(1);
    worker.wake();
    await until(() => steps.length === 1, 1_000);
    steps[0]!.finish();
  });

  it('on stop, claims nothing more and lets the steps in flight finish within the grace period', async () => {
    await store(3);
    const { application, steps } = scriptedApplication(storage, clock);
    const worker = startWorkers(application);
    await until(() => steps.length === 2);
    const stopped = worker.stop(5_000);
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false);
    steps[0]!.finish();
    steps[1]!.finish('in_progress');
    await stopped;
    expect(steps).toHaveLength(2);
    expect(steps.every((step) => step.signal?.aborted === false)).toBe(true);
    // The unfinished one was released, so another replica can take it at once.
    const claimable = await storage.work.claimWork({ workerId: 'other-replica', leaseMs: 1_000, limit: 10 });
    expect(claimable).toHaveLength(2);
  });

  it('aborts steps still running when the grace period ends', async () => {
    await store(1);
    const { application, steps } = scriptedApplication(storage, clock);
    const worker = startWorkers(application);
    await until(() => steps.length === 1);
    steps[0]!.signal!.addEventListener('abort', () => steps[0]!.fail(new Error('aborted')));
    await worker.stop(20);
    expect(steps[0]!.signal!.aborted).toBe(true);
  });

  it('leaves a dead worker\'s request alone until its lease expires, then another worker finishes it', async () => {
    const [request] = await store(1);
    // A replica that claimed the request and died: its lease is still held.
    const [claim] = await storage.work.claimWork({ workerId: 'dead-replica', leaseMs: 30_000, limit: 1 });
    expect(claim!.request.requestId).toBe(request!.requestId);
    const { application, steps } = scriptedApplication(storage, clock);
    startWorkers(application, { workerId: 'survivor' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(steps).toHaveLength(0);
    clock.advance(30_001);
    await until(() => steps.length === 1);
    steps[0]!.finish();
    await until(async () => (await storage.requests.findById(request!.requestId))!.status === 'complete');
  });
});
