import type { DispatchOptions } from '@ohf/application-cqrs';
import { MemoryLogger } from '@ohf/application-cqrs/testing';
import { describe, expect, it } from 'vitest';
import type { ApiApplication } from '../server/api-dependencies.js';
import { ReconcileWorker } from './reconcile-worker.js';

function recordingApplication(answer: (signal: AbortSignal | undefined) => Promise<unknown>) {
  const messages: unknown[] = [];
  const application: ApiApplication = {
    events: { subscribe: () => () => undefined },
    dispatch: ((message: unknown, options?: DispatchOptions) => {
      messages.push(message);
      return answer(options?.signal);
    }) as ApiApplication['dispatch'],
  };
  return { application, messages };
}

describe('ReconcileWorker', () => {
  it('asks for a run when due at start and on every check, one at a time', async () => {
    const { application, messages } = recordingApplication(async () => ({ ran: true }));
    const worker = new ReconcileWorker({ application, logger: new MemoryLogger(), intervalMs: 60_000, checkEveryMs: 60_000 });
    worker.start();
    await worker.check();
    expect(messages).toEqual([{ type: 'ReconcileMachines', ifDue: true }]);
    await Promise.all([worker.check(), worker.check()]);
    expect(messages).toHaveLength(2);
    await worker.stop(100);
  });

  it('does not start when the interval is 0', async () => {
    const { application, messages } = recordingApplication(async () => ({ ran: true }));
    const worker = new ReconcileWorker({ application, logger: new MemoryLogger(), intervalMs: 0 });
    worker.start();
    expect(worker.enabled).toBe(false);
    expect(messages).toEqual([]);
    await worker.stop(100);
  });

  it('logs a failed run and keeps going; on stop, aborts a run that outlasts the grace period', async () => {
    const logger = new MemoryLogger();
    let calls = 0;
    const { application } = recordingApplication(
      (signal) =>
        new Promise((resolve, reject) => {
          calls += 1;
          if (calls === 1) reject(new Error('provider exploded'));
          else signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const worker = new ReconcileWorker({ application, logger, intervalMs: 60_000, checkEveryMs: 60_000 });
    await worker.check();
    expect(logger.entries.some((entry) => entry.level === 'error' && /reconciliation failed/.test(entry.message ?? ''))).toBe(true);
    const running = worker.check();
    await worker.stop(10);
    await running;
    expect(calls).toBe(2);
  });
});
