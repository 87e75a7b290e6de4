import { describe, expect, it } from 'vitest';
import { eventually, startTestApi } from './api-harness.js';

describe('POST /requests while every provider instance is blocked for capacity', () => {
  it('accepts the request (202) and keeps it waiting, naming the block, instead of refusing it', async () => {
    const test = await startTestApi({
      providers: [{ name: 'memory-a', type: 'memory', config: { faults: { capacity: 0 } } }],
    });
    try {
      const first = await test.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 1 } });
      expect(first.statusCode).toBe(202);
      const firstId = first.json<{ request: { requestId: string } }>().request.requestId;
      const blocked = await eventually(
        () => test.inject({ method: 'GET', url: `/api/v1/requests/${firstId}` }),
        (response) => /INSUFFICIENT_CAPACITY/.test(response.json<{ request: { message: string } }>().request.message),
      );
      expect(blocked.json<{ request: { status: string } }>().request.status).toBe('in_progress');

      const second = await test.inject({ method: 'POST', url: '/api/v1/requests', payload: { templateId: 'web-server', maxNumber: 1 } });
      expect(second.statusCode, second.body).toBe(202);
      const waiting = second.json<{ request: { status: string; message: string; providerInstance?: string } }>().request;
      expect(waiting.providerInstance).toBeUndefined();
      expect(waiting.message).toMatch(/^Waiting: No provider instance can serve template web-server: memory-a \(insufficient capacity/);
    } finally {
      await test.close();
    }
  });
});
