import type { WebhookDelivery } from '@ohf/domain-core';

/** `listDeliveries` without a limit returns this many. */
export const DEFAULT_DELIVERY_PAGE = 100;

export interface DeliveryRow {
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly organizationId: string;
  readonly eventSequence: number;
  readonly status: string;
  /** Only pending deliveries are due; one without a time is due from its creation. */
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
  readonly document: string;
}

export function deliveryRow(delivery: WebhookDelivery): DeliveryRow {
  return {
    deliveryId: delivery.deliveryId,
    webhookId: delivery.webhookId,
    organizationId: delivery.organizationId,
    eventSequence: delivery.eventSequence,
    status: delivery.status,
    nextAttemptAt: delivery.status === 'pending' ? (delivery.nextAttemptAt ?? delivery.createdAt) : null,
    createdAt: delivery.createdAt,
    document: JSON.stringify(delivery),
  };
}
