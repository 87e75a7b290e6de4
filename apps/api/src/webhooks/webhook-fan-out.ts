import { randomUUID } from 'node:crypto';
import { OhfError, type AuditEvent, type AuditLog, type StateStore, type Webhook, type WebhookDelivery, type WebhookRepository } from '@ohf/domain-core';

/** The state key of the fan-out cursor: the last event sequence turned into deliveries. */
export const WEBHOOK_CURSOR_KEY = 'api.webhooks.cursor';

export interface FanOutParts {
  readonly log: Pick<AuditLog, 'list' | 'latestSequence'>;
  readonly webhooks: Pick<WebhookRepository, 'list' | 'addDeliveries'>;
  readonly state: StateStore;
  /** Events read per step. */
  readonly batchSize: number;
}

/** How a step went: how many events it looked at, and whether more are waiting. */
export interface FanOutResult {
  readonly events: number;
  readonly deliveries: number;
  readonly more: boolean;
}

/** Does the webhook take this event: same organization, a subscribed type, and not older than the subscription. */
export function webhookMatches(webhook: Webhook, event: AuditEvent): boolean {
  return (
    webhook.active &&
    webhook.organizationId === event.organizationId &&
    (webhook.eventTypes.includes('*') || webhook.eventTypes.includes(event.type)) &&
    event.occurredAt >= webhook.createdAt
  );
}

function cursorOf(value: unknown): number | undefined {
  const after = (value as { afterSequence?: unknown } | null | undefined)?.afterSequence;
  return typeof after === 'number' && Number.isInteger(after) && after >= 0 ? after : undefined;
}

/**
 * Starts the cursor at the newest event if there is none yet: called before a webhook is
 * stored, so the webhook gets every event from its creation on, and none from before.
 */
export async function ensureWebhookCursor(parts: Pick<FanOutParts, 'log' | 'state'>): Promise<void> {
  const stored = await parts.state.get(WEBHOOK_CURSOR_KEY);
  if (cursorOf(stored?.value) !== undefined) return;
  await moveCursor(parts.state, await parts.log.latestSequence(), stored?.version ?? 0);
}

/**
 * One fan-out step: the events after the stored cursor become pending deliveries for every
 * matching webhook, then the cursor moves past them with a compare-and-set. Deliveries are
 * unique per (webhook, event), so a step repeated after a crash, or run by two replicas at once,
 * adds nothing twice; the loser of the compare-and-set simply stops. Without any active webhook
 * a step reads nothing else (the cursor waits; the events it passes later match no older
 * subscription). The webhooks matched are read after the events, so none stored before an
 * event is left out.
 */
export async function fanOutEvents(parts: FanOutParts, now: Date): Promise<FanOutResult> {
  if (!(await parts.webhooks.list()).some((webhook) => webhook.active)) return { events: 0, deliveries: 0, more: false };
  const stored = await parts.state.get(WEBHOOK_CURSOR_KEY);
  const cursor = cursorOf(stored?.value);
  if (cursor === undefined) {
    await ensureWebhookCursor(parts);
    return { events: 0, deliveries: 0, more: true };
  }
  const events = await parts.log.list({ afterSequence: cursor, limit: parts.batchSize });
  if (events.length === 0) return { events: 0, deliveries: 0, more: false };
  // The webhooks again, read after the events: one stored before any of these events was
  // written is among them. From the list read first, a webhook made while this step ran would
  // miss the events that followed it, as the cursor moves past them.
  const webhooks = (await parts.webhooks.list()).filter((webhook) => webhook.active);
  const createdAt = now.toISOString();
  const deliveries: WebhookDelivery[] = [];
  for (const event of events) {
    for (const webhook of webhooks) {
      if (!webhookMatches(webhook, event)) continue;
      deliveries.push({
        deliveryId: `whd-${randomUUID()}`,
        webhookId: webhook.webhookId,
        organizationId: event.organizationId,
        eventSequence: event.sequence,
        eventType: event.type,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: createdAt,
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  if (deliveries.length > 0) await parts.webhooks.addDeliveries(deliveries);
  const moved = await moveCursor(parts.state, events.at(-1)!.sequence, stored!.version);
  return { events: events.length, deliveries: deliveries.length, more: moved && events.length >= parts.batchSize };
}

async function moveCursor(state: StateStore, afterSequence: number, expectedVersion: number): Promise<boolean> {
  try {
    await state.put(WEBHOOK_CURSOR_KEY, { afterSequence }, { expectedVersion });
    return true;
  } catch (error) {
    // Another process moved it first; its step covered these events.
    if (OhfError.isInstance(error) && error.code === 'CONFLICT') return false;
    throw error;
  }
}
