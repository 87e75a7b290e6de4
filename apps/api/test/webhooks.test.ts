import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, startTestApi } from './api-harness.js';
import { startWebhookReceiver } from './webhook-receiver.js';
import { describeWebhooks } from './webhooks-suite.js';

describeWebhooks('SQLite', async () => ({}));

describe('webhooks into the server’s own network', () => {
  it('are refused by default: the delivery fails at once and nothing is sent', async () => {
    const harness = await startTestApi({ environment: { OHF_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') }, api: { webhooks: { poll_interval_ms: 50 } } });
    const receiver = await startWebhookReceiver([200]);
    try {
      harness.api.webhookWorker.start();
      const type = `Inside${randomUUID().slice(0, 6)}`;
      const created = await harness.inject({ method: 'POST', url: '/api/v1/webhooks', payload: { url: receiver.url, eventTypes: [type] } });
      expect(created.statusCode).toBe(201);
      await harness.api.audit.log.append([{ eventId: randomUUID(), organizationId: 'default', type, occurredAt: new Date().toISOString(), data: {} }]);
      const deliveries = await eventually(
        async () => (await harness.inject({ method: 'GET', url: `/api/v1/webhooks/${created.json().webhookId}/deliveries` })).json().items,
        (items: { status: string }[]) => items[0]?.status === 'failed',
      );
      expect(deliveries[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('private or loopback address (127.0.0.1)') });
      expect(receiver.received).toHaveLength(0);
    } finally {
      await harness.close();
      await receiver.close();
    }
  });
});
