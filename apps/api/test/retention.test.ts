import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETENTION_STATE_KEY, RetentionWorker } from '../src/workers/retention-worker.js';
import { startTestApi, type TestApi } from './api-harness.js';

const DAY_MS = 24 * 60 * 60_000;

describe('audit retention', () => {
  let harness: TestApi;
  beforeAll(async () => {
    harness = await startTestApi({ workers: false, api: { audit: { retention_days: 30 } } });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const append = (type: string, daysAgo: number) =>
    harness.api.audit.log.append([
      { eventId: randomUUID(), organizationId: 'default', type, occurredAt: new Date(Date.now() - daysAgo * DAY_MS).toISOString(), data: {} },
    ]);
  const typesListed = async (type: string): Promise<number> =>
    (await harness.inject({ method: 'GET', url: `/api/v1/events?type=${type}`, key: 'read' })).json().items.length;

  it('deletes events older than api.audit.retention_days once a day, whichever replica claims the day', async () => {
    const type = `Retention${randomUUID().slice(0, 6)}`;
    await append(type, 45);
    await append(type, 31);
    await append(type, 29);
    await append(type, 0);
    expect(await typesListed(type)).toBe(4);

    await harness.api.retentionWorker.check();
    expect(await typesListed(type)).toBe(2);
    expect((await harness.api.audit.state.get(RETENTION_STATE_KEY))?.value).toMatchObject({ lastStartedAt: expect.any(String) });

    // The day is claimed: another replica's worker (same storage) does not prune again.
    await append(type, 60);
    const otherReplica = new RetentionWorker({
      retentionDays: 30,
      prune: (before) => harness.api.audit.log.deleteBefore(before),
      state: harness.api.audit.state,
      logger: harness.api.logger,
    });
    await otherReplica.check();
    expect(await typesListed(type)).toBe(3);

    // A day later one of them prunes again, with the day's cutoff: the 29-day-old event is now past it.
    const tomorrow = new RetentionWorker({
      retentionDays: 30,
      prune: (before) => harness.api.audit.log.deleteBefore(before),
      state: harness.api.audit.state,
      logger: harness.api.logger,
      now: () => new Date(Date.now() + DAY_MS + 60_000),
    });
    await tomorrow.check();
    expect(await typesListed(type)).toBe(1);
  });

  it('keeps everything with retention 0 (the worker does not start)', () => {
    const keepForever = new RetentionWorker({
      retentionDays: 0,
      prune: async () => {
        throw new Error('must not prune');
      },
      state: harness.api.audit.state,
      logger: harness.api.logger,
    });
    expect(keepForever.enabled).toBe(false);
  });
});
