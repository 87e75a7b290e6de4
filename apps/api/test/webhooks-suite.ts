import { randomUUID } from 'node:crypto';
import type { AuditEventInput } from '@ohf/domain-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/webhooks/webhook-signature.js';
import { eventually, startTestApi, WEB_TEMPLATE, type TestApi, type TestApiOptions } from './api-harness.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

function event(organizationId: string, type: string): AuditEventInput {
  return { eventId: randomUUID(), organizationId, type, occurredAt: new Date().toISOString(), data: { note: 'test' } };
}

interface DeliveryItem {
  readonly status: string;
  readonly attempts: number;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
  readonly eventType: string;
  readonly eventSequence: number;
}

/** Webhooks through the real server and worker, delivering to loopback receivers. */
export function describeWebhooks(label: string, options: () => Promise<TestApiOptions & { cleanup?: () => Promise<void> }>): void {
  describe(`webhooks (${label})`, () => {
    let harness: TestApi;
    let cleanup: (() => Promise<void>) | undefined;
    const receivers: WebhookReceiver[] = [];
    beforeAll(async () => {
      const { cleanup: drop, ...rest } = await options();
      cleanup = drop;
      harness = await startTestApi({
        ...rest,
        environment: { OHF_ENCRYPTION_KEY: ENCRYPTION_KEY, ...rest.environment },
        // Room for the requests the latency test makes.
        templates: [{ ...WEB_TEMPLATE, maxNumber: 1_000 }],
        api: { webhooks: { allow_private_addresses: true, poll_interval_ms: 50, timeout_ms: 300, retry_base_delay_ms: 50, retry_max_delay_ms: 200, max_attempts: 3, concurrency: 2 }, ...rest.api },
      });
      harness.api.webhookWorker.start();
    });
    afterEach(async () => {
      // Each test's subscriptions end with it, so later tests count only their own deliveries.
      const listed = await harness.inject({ method: 'GET', url: '/api/v1/webhooks' });
      for (const webhook of listed.json().items) await harness.inject({ method: 'DELETE', url: `/api/v1/webhooks/${webhook.webhookId}` });
    });
    afterAll(async () => {
      await harness?.close();
      await Promise.all(receivers.map((receiver) => receiver.close()));
      await cleanup?.();
    });

    const receiver = async (statuses: number[] = [200]): Promise<WebhookReceiver> => {
      const started = await startWebhookReceiver(statuses);
      receivers.push(started);
      return started;
    };
    const subscribe = async (url: string, eventTypes: string[]): Promise<{ webhookId: string; secret: string }> => {
      const created = await harness.inject({ method: 'POST', url: '/api/v1/webhooks', payload: { url, eventTypes } });
      expect(created.statusCode).toBe(201);
      return created.json();
    };
    const deliveries = async (webhookId: string): Promise<DeliveryItem[]> =>
      (await harness.inject({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries?limit=1000` })).json().items;

    it('shows the signing secret once, keeps it sealed, and lets only admins manage webhooks', async () => {
      const target = await receiver();
      const created = await subscribe(target.url, ['RequestCreated']);
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const stored = await harness.api.audit.webhooks.find(created.webhookId);
      expect(stored?.sealedSecret).toMatch(/^aes-256-gcm:/);
      expect(stored?.sealedSecret).not.toContain(created.secret);
      const read = await harness.inject({ method: 'GET', url: `/api/v1/webhooks/${created.webhookId}` });
      expect(read.json()).toMatchObject({ webhookId: created.webhookId, url: target.url, eventTypes: ['RequestCreated'], active: true });
      expect(read.body).not.toContain(created.secret);
      expect((await harness.inject({ method: 'GET', url: '/api/v1/webhooks' })).body).not.toContain(created.secret);

      for (const key of ['read', 'write'] as const) {
        expect((await harness.inject({ method: 'GET', url: '/api/v1/webhooks', key })).statusCode).toBe(403);
        expect((await harness.inject({ method: 'POST', url: '/api/v1/webhooks', key, payload: { url: target.url } })).statusCode).toBe(403);
      }
      const patched = await harness.inject({ method: 'PATCH', url: `/api/v1/webhooks/${created.webhookId}`, payload: { active: false, eventTypes: ['*'] } });
      expect(patched.json()).toMatchObject({ active: false, eventTypes: ['*'] });
    });

    it('refuses URLs that are not http(s) or carry credentials', async () => {
      for (const url of ['ftp://example.com/hook', 'https://user:secret@example.com/hook', 'not a url']) {
        const refused = await harness.inject({ method: 'POST', url: '/api/v1/webhooks', payload: { url } });
        expect(refused.statusCode).toBe(400);
        expect(refused.body).not.toContain('secret@');
      }
    });

    it('answers another organization’s webhook as a missing one and never delivers its events', async () => {
      const target = await receiver();
      const now = new Date().toISOString();
      await harness.api.audit.webhooks.save({
        webhookId: 'wh-globex-1',
        organizationId: 'globex',
        url: target.url,
        eventTypes: ['*'],
        sealedSecret: 'aes-256-gcm:v1:x:y:z',
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      const missing = await harness.inject({ method: 'GET', url: '/api/v1/webhooks/wh-missing' });
      for (const [method, url] of [
        ['GET', '/api/v1/webhooks/wh-globex-1'],
        ['PATCH', '/api/v1/webhooks/wh-globex-1'],
        ['DELETE', '/api/v1/webhooks/wh-globex-1'],
        ['GET', '/api/v1/webhooks/wh-globex-1/deliveries'],
      ] as const) {
        const answer = await harness.inject({ method, url, ...(method === 'PATCH' ? { payload: { active: false } } : {}) });
        expect(answer.statusCode).toBe(404);
        expect(answer.json().error.message).toBe(missing.json().error.message.replace('wh-missing', 'wh-globex-1'));
      }
      expect((await harness.inject({ method: 'GET', url: '/api/v1/webhooks' })).body).not.toContain('wh-globex-1');

      const own = await receiver();
      const type = `Isolation${randomUUID().slice(0, 6)}`;
      await subscribe(own.url, [type]);
      await harness.api.audit.log.append([event('globex', type), event('default', type)]);
      harness.api.webhookWorker.wake();
      await eventually(async () => own.received.length, (count) => count === 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(own.received).toHaveLength(1);
      expect(JSON.parse(own.received[0]!.body)).toMatchObject({ organizationId: 'default', type });
      await harness.api.audit.webhooks.delete('wh-globex-1');
    });

    it('delivers new events signed with the secret, with the event id, and records the delivery', async () => {
      const target = await receiver([200]);
      const type = `Signed${randomUUID().slice(0, 6)}`;
      const { webhookId, secret } = await subscribe(target.url, [type]);
      await harness.api.audit.log.append([event('default', type)]);
      await eventually(() => deliveries(webhookId), (items) => items.some((item) => item.status === 'delivered'));
      expect(target.received).toHaveLength(1);
      const [delivery] = target.received;
      const body = JSON.parse(delivery!.body);
      expect(body).toMatchObject({ type, organizationId: 'default', data: { note: 'test' } });
      expect(delivery!.headers['x-ohf-event-id']).toBe(body.eventId);
      const signature = String(delivery!.headers['x-ohf-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(secret, delivery!.body, signature, { nowSeconds: Math.floor(Date.now() / 1000) })).toBe(true);
      expect(verifyWebhookSignature(secret, delivery!.body.replace(type, 'Forged'), signature, { nowSeconds: Math.floor(Date.now() / 1000) })).toBe(false);
      expect(await deliveries(webhookId)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1, lastStatusCode: 200, eventType: type, eventSequence: body.sequence })]);
    });

    it('retries a 500 with backoff and records the delivery once a 200 comes', async () => {
      const target = await receiver([500, 200]);
      const type = `Retried${randomUUID().slice(0, 6)}`;
      const { webhookId } = await subscribe(target.url, [type]);
      await harness.api.audit.log.append([event('default', type)]);
      const [delivery] = await eventually(() => deliveries(webhookId), (items) => items[0]?.status === 'delivered');
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200 });
      expect(delivery!.lastError).toBeUndefined();
      expect(target.received).toHaveLength(2);
      expect(target.received[0]!.headers['x-ohf-event-id']).toBe(target.received[1]!.headers['x-ohf-event-id']);
    });

    it('marks a delivery failed after the last attempt, with the last status and error', async () => {
      const target = await receiver([503]);
      const type = `Failing${randomUUID().slice(0, 6)}`;
      const { webhookId } = await subscribe(target.url, [type]);
      await harness.api.audit.log.append([event('default', type)]);
      const [delivery] = await eventually(() => deliveries(webhookId), (items) => items[0]?.status === 'failed');
      expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503, lastError: 'the endpoint answered HTTP 503' });
      expect(target.received).toHaveLength(3);
    });

    it('gives up on a hanging endpoint within the timeout, and POST /requests does not slow down', async () => {
      const measure = async (): Promise<number> => {
        const durations: number[] = [];
        // The first calls warm the route up; the median of the rest is compared.
        for (let index = 0; index < 23; index += 1) {
          const started = performance.now();
          const created = await harness.inject({ method: 'POST', url: '/api/v1/requests', key: 'write', payload: { templateId: 'web-server', maxNumber: 1 } });
          expect(created.statusCode).toBe(202);
          if (index >= 3) durations.push(performance.now() - started);
        }
        return durations.sort((left, right) => left - right)[Math.floor(durations.length / 2)]!;
      };
      const before = await measure();
      const hanging = await receiver([0]);
      const { webhookId } = await subscribe(hanging.url, ['*']);
      const during = await measure();
      const items = await eventually(
        () => deliveries(webhookId),
        (found) => found.some((item) => item.lastError === 'no answer within 300 ms'),
      );
      expect(items.find((item) => item.lastError !== undefined)?.lastStatusCode).toBeUndefined();
      // Deliveries wait on the endpoint in their own worker: the request path does not (the
      // bound leaves room for a machine shared with other work, far below the 300 ms hang).
      expect(during).toBeLessThan(before + 60);
    });
  });
}
