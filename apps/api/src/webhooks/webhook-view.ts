import type { Webhook, WebhookDelivery } from '@ohf/domain-core';
import type { z } from 'zod';
import type { WebhookDeliveryViewSchema, WebhookViewSchema } from './webhook-schemas.js';

/** A webhook as the API shows it: never its sealed secret. */
export function webhookView(webhook: Webhook): z.infer<typeof WebhookViewSchema> {
  return {
    webhookId: webhook.webhookId,
    organizationId: webhook.organizationId,
    url: webhook.url,
    eventTypes: [...webhook.eventTypes],
    active: webhook.active,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  };
}

export function deliveryView(delivery: WebhookDelivery): z.infer<typeof WebhookDeliveryViewSchema> {
  return {
    deliveryId: delivery.deliveryId,
    webhookId: delivery.webhookId,
    eventSequence: delivery.eventSequence,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    ...(delivery.lastStatusCode === undefined ? {} : { lastStatusCode: delivery.lastStatusCode }),
    ...(delivery.lastError === undefined ? {} : { lastError: delivery.lastError }),
    ...(delivery.nextAttemptAt === undefined ? {} : { nextAttemptAt: delivery.nextAttemptAt }),
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
  };
}
