import type { DispatchOptions } from '@ohf/application-cqrs';
import { MemoryLogger } from '@ohf/application-cqrs/testing';
import { describe, expect, it } from 'vitest';
import type { ApiApplication } from '../server/api-dependencies.js';
import { CatalogSyncWorker } from './catalog-sync-worker.js';

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

describe('CatalogSyncWorker', () => {
  it('asks for a sync when due at start and on each check, one at a time, and logs instances that failed', async () => {
    const logger = new MemoryLogger();
    const { application, messages } = recordingApplication(async () => ({
      ran: true,
      syncedAt: '2026-12-05T00:00:00.000Z',
      providers: [{ provider: 'aws-1', ok: false, error: { code: 'INVALID_CREDENTIALS' } }],
    }));
    const worker = new CatalogSyncWorker({ application, logger, intervalMs: 3_600_000, checkEveryMs: 60_000 });
    worker.start();
    await worker.check();
    expect(messages).toEqual([{ type: 'SyncCatalog', ifDue: true }]);
    await Promise.all([worker.check(), worker.check()]);
    expect(messages).toHaveLength(2);
    expect(logger.entries.find((entry) => entry.level === 'warn')?.data).toEqual({ failed: [{ provider: 'aws-1', code: 'INVALID_CREDENTIALS' }] });
    await worker.stop();
  });

  it('does not start when the interval is 0, and aborts a sync in progress on stop', async () => {
    const idle = recordingApplication(async () => ({ ran: false, providers: [] }));
    const off = new CatalogSyncWorker({ application: idle.application, logger: new MemoryLogger(), intervalMs: 0 });
    off.start();
    expect(idle.messages).toEqual([]);

    const logger = new MemoryLogger();
    const slow = recordingApplication((signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')))));
    const worker = new CatalogSyncWorker({ application: slow.application, logger, intervalMs: 60_000 });
    const running = worker.check();
    await worker.stop();
    await running;
    expect(logger.entries.some((entry) => entry.level === 'error' && /catalog sync failed/.test(entry.message ?? ''))).toBe(true);
  });
});
