import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent, Webhook } from '@ohf/domain-core';
import { createStorage, type Storage } from '@ohf/persistence';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureWebhookCursor, fanOutEvents, WEBHOOK_CURSOR_KEY, webhookMatches } from './webhook-fan-out.js';

let directory: string;
let storage: Storage;
beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ohf-fan-out-'));
  storage = await createStorage({ strategy: 'sqlite', sqlite: { path: join(directory, 'ohf.db') } });
  await storage.migrate();
});
afterEach(async () => {
  await storage.close();
  rmSync(directory, { recursive: true, force: true });
});

function webhook(overrides: Partial<Webhook> = {}): Webhook {
  const now = new Date(Date.now() - 60_000).toISOString();
  return { webhookId: `wh-${randomUUID()}`, organizationId: 'default', url: 'https://example.com/hook', eventTypes: ['*'], sealedSecret: 'sealed', active: true, createdAt: now, updatedAt: now, ...overrides };
}

const append = (organizationId: string, type: string, count = 1) =>
  storage.events.append(Array.from({ length: count }, () => ({ eventId: randomUUID(), organizationId, type, occurredAt: new Date().toISOString(), data: {} })));
const parts = (batchSize = 500) => ({ log: storage.events, webhooks: storage.webhooks, state: storage.state, batchSize });

describe('webhook fan-out on SQLite', () => {
  it('matches on organization, type, activity and the subscription’s creation time', () => {
    const event: AuditEvent = { sequence: 1, eventId: 'e', organizationId: 'acme', type: 'RequestCreated', occurredAt: new Date().toISOString(), actor: { kind: 'system' }, data: {} };
    expect(webhookMatches(webhook({ organizationId: 'acme' }), event)).toBe(true);
    expect(webhookMatches(webhook({ organizationId: 'acme', eventTypes: ['RequestCreated'] }), event)).toBe(true);
    expect(webhookMatches(webhook({ organizationId: 'acme', eventTypes: ['ApiCall'] }), event)).toBe(false);
    expect(webhookMatches(webhook({ organizationId: 'globex' }), event)).toBe(false);
    expect(webhookMatches(webhook({ organizationId: 'acme', active: false }), event)).toBe(false);
    expect(webhookMatches(webhook({ organizationId: 'acme', createdAt: new Date(Date.now() + 60_000).toISOString() }), event)).toBe(false);
  });

  it('reads nothing while no webhook is active', async () => {
    await append('default', 'RequestCreated', 3);
    expect(await fanOutEvents(parts(), new Date())).toEqual({ events: 0, deliveries: 0, more: false });
    expect(await storage.state.get(WEBHOOK_CURSOR_KEY)).toBeUndefined();
  });

  it('delivers to a webhook made while a step runs the events that follow it', async () => {
    await ensureWebhookCursor(parts());
    await storage.webhooks.save(webhook({ organizationId: 'globex' }));
    const late = webhook({ createdAt: new Date().toISOString() });
    let made = false;
    // The race as it happens under load: the step has read the webhooks, then a webhook is
    // made and an event of its organization is written, then the step reads the events.
    const racing = {
      ...parts(),
      webhooks: {
        list: async () => {
          const listed = await storage.webhooks.list();
          if (!made) {
            made = true;
            await storage.webhooks.save(late);
            await append('default', 'AfterTheWebhook');
          }
          return listed;
        },
        addDeliveries: (deliveries: Parameters<Storage['webhooks']['addDeliveries']>[0]) => storage.webhooks.addDeliveries(deliveries),
      },
    };
    expect(await fanOutEvents(racing, new Date())).toEqual({ events: 1, deliveries: 1, more: false });
    expect((await storage.webhooks.listDeliveries(late.webhookId)).map((delivery) => delivery.eventType)).toEqual(['AfterTheWebhook']);
  });

  it('delivers only what follows the cursor set when the first webhook was made', async () => {
    await append('default', 'Before', 2);
    await ensureWebhookCursor(parts());
    const subscription = webhook();
    await storage.webhooks.save(subscription);
    await append('default', 'After', 3);
    await append('globex', 'After', 2);
    const result = await fanOutEvents(parts(), new Date());
    expect(result).toEqual({ events: 5, deliveries: 3, more: false });
    const deliveries = await storage.webhooks.listDeliveries(subscription.webhookId);
    expect(deliveries.map((delivery) => delivery.eventType)).toEqual(['After', 'After', 'After']);
    expect(deliveries.every((delivery) => delivery.status === 'pending' && delivery.attempts === 0)).toBe(true);
    expect(await fanOutEvents(parts(), new Date())).toEqual({ events: 0, deliveries: 0, more: false });
  });

  it('works through a backlog in batches and never delivers an event twice when two replicas race', async () => {
    await ensureWebhookCursor(parts());
    const subscription = webhook();
    await storage.webhooks.save(subscription);
    await append('default', 'Burst', 25);
    for (let round = 0; round < 10; round += 1) {
      const results = await Promise.all([fanOutEvents(parts(10), new Date()), fanOutEvents(parts(10), new Date())]);
      if (results.every((result) => !result.more && result.events === 0)) break;
    }
    const deliveries = await storage.webhooks.listDeliveries(subscription.webhookId, 1_000);
    expect(deliveries).toHaveLength(25);
    expect(new Set(deliveries.map((delivery) => delivery.eventSequence)).size).toBe(25);
  });
});
