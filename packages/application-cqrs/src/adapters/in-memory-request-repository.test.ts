import { createAcquireRequest, OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryRequestRepository } from './in-memory-request-repository.js';
import { ManualClock } from './manual-clock.js';

const clock = new ManualClock();
const requestId = (n: number) => `req-00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('InMemoryRequestRepository', () => {
  it('versions every save and rejects a stale one with CONFLICT', async () => {
    const repository = new InMemoryRequestRepository();
    const first = await repository.save(createAcquireRequest({ requestId: requestId(1), templateId: 't', requestedCount: 1 }, clock));
    expect(first.version).toBe(1);
    const second = await repository.save({ ...first, message: 'changed' });
    expect(second.version).toBe(2);
    const stale = await repository.save({ ...first, message: 'stale' }).catch((error: unknown) => error);
    expect(OhfError.isInstance(stale) && stale.code).toBe('CONFLICT');
    expect((await repository.findById(requestId(1)))?.message).toBe('changed');
  });

  it('keeps idempotency keys unique and finds requests by them', async () => {
    const repository = new InMemoryRequestRepository();
    await repository.save(createAcquireRequest({ requestId: requestId(1), templateId: 't', requestedCount: 1, idempotencyKey: 'k' }, clock));
    const duplicate = await repository
      .save(createAcquireRequest({ requestId: requestId(2), templateId: 't', requestedCount: 1, idempotencyKey: 'k' }, clock))
      .catch((error: unknown) => error);
    expect(OhfError.isInstance(duplicate) && duplicate.code).toBe('CONFLICT');
    expect((await repository.findByIdempotencyKey('k'))?.requestId).toBe(requestId(1));
  });
});
