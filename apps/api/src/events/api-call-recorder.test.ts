import type { AuditEventInput } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { ApiCallRecorder } from './api-call-recorder.js';

function call(index: number): AuditEventInput {
  return { eventId: `call-${index}`, organizationId: 'default', type: 'ApiCall', occurredAt: new Date().toISOString(), data: { method: 'POST' } };
}

describe('ApiCallRecorder', () => {
  it('writes the calls of one window in one append, then says so', async () => {
    const batches: (readonly AuditEventInput[])[] = [];
    let written = 0;
    const recorder = new ApiCallRecorder({
      audit: { append: async (events) => void batches.push(events) },
      flushDelayMs: 20,
      onWritten: () => (written += 1),
      onError: () => {},
    });
    for (let index = 0; index < 5; index += 1) recorder.record(call(index));
    expect(batches).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(batches.map((batch) => batch.length)).toEqual([5]);
    expect(written).toBe(1);
  });

  it('writes a full batch at once and the rest on flush', async () => {
    const batches: (readonly AuditEventInput[])[] = [];
    const recorder = new ApiCallRecorder({ audit: { append: async (events) => void batches.push(events) }, flushDelayMs: 60_000, maxBatch: 3, onError: () => {} });
    for (let index = 0; index < 4; index += 1) recorder.record(call(index));
    await recorder.flush();
    expect(batches.map((batch) => batch.length)).toEqual([3, 1]);
  });

  it('reports a batch storage refused instead of throwing into the request path', async () => {
    const failures: number[] = [];
    const recorder = new ApiCallRecorder({
      audit: { append: async () => Promise.reject(new Error('disk full')) },
      onError: (_error, count) => failures.push(count),
    });
    recorder.record(call(1));
    recorder.record(call(2));
    await recorder.flush();
    expect(failures).toEqual([2]);
  });
});
