import type { AuditLog, Webhook, WebhookDelivery } from '@ohf/domain-core';
import { eventView } from '../events/event-view.js';
import { deliveryBackoffMs, type DeliveryBackoffOptions } from './delivery-backoff.js';
import type { SendOutcome, WebhookPost } from './webhook-sender.js';

export interface DeliveryAttemptParts {
  readonly log: Pick<AuditLog, 'list'>;
  readonly findWebhook: (webhookId: string) => Promise<Webhook | undefined>;
  readonly openSecret: (sealed: string) => string;
  readonly send: (post: WebhookPost) => Promise<SendOutcome>;
  /** After this many attempts without a 2xx the delivery is `failed`. */
  readonly maxAttempts: number;
  readonly backoff: DeliveryBackoffOptions;
  readonly random?: () => number;
}

/**
 * One attempt of one delivery; returns the delivery as it should be stored. A 2xx answer makes
 * it `delivered`; anything else counts an attempt and schedules the next with backoff, until the
 * last allowed attempt makes it `failed`. A delivery whose webhook was disabled or removed, or
 * whose event retention already pruned, fails at once: nothing left to send.
 */
export async function attemptDelivery(delivery: WebhookDelivery, parts: DeliveryAttemptParts, now: Date): Promise<WebhookDelivery> {
  const finished = (changes: Partial<WebhookDelivery>): WebhookDelivery => {
    const { nextAttemptAt: _dropped, ...rest } = delivery;
    return { ...rest, ...changes, updatedAt: new Date().toISOString() };
  };
  const webhook = await parts.findWebhook(delivery.webhookId);
  if (webhook === undefined || !webhook.active) {
    return finished({ status: 'failed', lastError: webhook === undefined ? 'the webhook no longer exists' : 'the webhook is disabled' });
  }
  const [event] = await parts.log.list({ organizationId: delivery.organizationId, afterSequence: delivery.eventSequence - 1, limit: 1 });
  if (event === undefined || event.sequence !== delivery.eventSequence) {
    return finished({ status: 'failed', lastError: 'the event is no longer stored (retention)' });
  }
  let secret: string;
  try {
    secret = parts.openSecret(webhook.sealedSecret);
  } catch {
    return finished({ status: 'failed', lastError: 'the signing secret cannot be opened: OHF_ENCRYPTION_KEY is not the key it was sealed with' });
  }
  const outcome = await parts.send({
    url: webhook.url,
    secret,
    eventId: event.eventId,
    body: JSON.stringify(eventView(event)),
    nowMs: now.getTime(),
  });
  const attempts = delivery.attempts + 1;
  const answered = outcome.statusCode === undefined ? {} : { lastStatusCode: outcome.statusCode };
  const { lastStatusCode: _previousStatus, lastError: _previousError, ...withoutLast } = delivery;
  if (outcome.delivered) {
    const { nextAttemptAt: _dropped, ...rest } = withoutLast;
    return { ...rest, status: 'delivered', attempts, ...answered, updatedAt: new Date().toISOString() };
  }
  const lastError = outcome.error ?? 'not delivered';
  if (attempts >= parts.maxAttempts || outcome.permanent === true) {
    const { nextAttemptAt: _dropped, ...rest } = withoutLast;
    return { ...rest, status: 'failed', attempts, ...answered, lastError, updatedAt: new Date().toISOString() };
  }
  const nextAttemptAt = new Date(now.getTime() + deliveryBackoffMs(attempts, parts.backoff, parts.random)).toISOString();
  return { ...withoutLast, status: 'pending', attempts, ...answered, lastError, nextAttemptAt, updatedAt: new Date().toISOString() };
}
