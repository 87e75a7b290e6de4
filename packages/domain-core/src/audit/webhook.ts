import { z } from 'zod';
import { OrganizationIdSchema } from '../tenancy/organization.js';

/** An organization's subscription: these event types, POSTed to this URL, signed with its secret. */
export const WebhookSchema = z.object({
  webhookId: z.string().min(1).max(100),
  organizationId: OrganizationIdSchema,
  url: z.string().url(),
  /** Event types delivered; `['*']` for all. */
  eventTypes: z.array(z.string().min(1)).min(1),
  /** The HMAC-SHA256 signing secret, sealed like provider credentials. */
  sealedSecret: z.string(),
  active: z.boolean().default(true),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event sent (or being sent) to one webhook. */
export const WebhookDeliverySchema = z.object({
  deliveryId: z.string().min(1),
  webhookId: z.string().min(1),
  organizationId: OrganizationIdSchema,
  eventSequence: z.number().int().positive(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int().nonnegative(),
  /** HTTP status of the last attempt; absent when it got no answer. */
  lastStatusCode: z.number().int().optional(),
  lastError: z.string().optional(),
  /** When the next attempt is due (pending only). */
  nextAttemptAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export interface WebhookRepository {
  save(webhook: Webhook): Promise<void>;
  find(webhookId: string): Promise<Webhook | undefined>;
  /** Every webhook, or one organization's. */
  list(organizationId?: string): Promise<readonly Webhook[]>;
  delete(webhookId: string): Promise<boolean>;

  /** Inserts new deliveries; one (webhook, event) pair is delivered once (duplicates are ignored). */
  addDeliveries(deliveries: readonly WebhookDelivery[]): Promise<void>;
  updateDelivery(delivery: WebhookDelivery): Promise<void>;
  /** Pending deliveries due at `now`, oldest first. */
  dueDeliveries(now: string, limit: number): Promise<readonly WebhookDelivery[]>;
  /** One webhook's deliveries, newest first. */
  listDeliveries(webhookId: string, limit?: number): Promise<readonly WebhookDelivery[]>;
}
export const WebhookRepository = Symbol.for('ohf.WebhookRepository');
