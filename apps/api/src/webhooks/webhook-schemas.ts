import { WEBHOOK_DELIVERY_STATUSES } from '@ohf/domain-core';
import { z } from 'zod';
import { plainText } from '../schemas/common-schemas.js';

/**
 * Where deliveries go: an http(s) URL without credentials in it (a receiver authenticates
 * deliveries by their signature, and a password in a URL would be shown back in every listing).
 */
export const WebhookUrlSchema = z
  .string()
  .max(2_048)
  .superRefine((value, context) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: 'custom', message: 'not a URL' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') context.addIssue({ code: 'custom', message: 'the URL must be http or https' });
    if (url.username !== '' || url.password !== '') context.addIssue({ code: 'custom', message: 'the URL must not carry a user name or password' });
  })
  .describe('An http(s) URL; deliveries are POSTed to it.');

const EventTypesSchema = z
  .array(plainText(100))
  .min(1)
  .max(100)
  .describe('Event types delivered (RequestCreated, MachineStateChanged, ApiCall…); ["*"] for every type.');

export const CreateWebhookBodySchema = z
  .object({
    url: WebhookUrlSchema,
    eventTypes: EventTypesSchema.default(['*']),
    active: z.boolean().default(true),
  })
  .strict();

export const UpdateWebhookBodySchema = z
  .object({
    url: WebhookUrlSchema.optional(),
    eventTypes: EventTypesSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const WebhookParamsSchema = z.object({ id: plainText().describe('A webhook id (wh-…).') });

export const WebhookViewSchema = z
  .object({
    webhookId: z.string(),
    organizationId: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Webhook', description: 'A subscription; its signing secret is shown only when it is created.' });

export const CreatedWebhookSchema = WebhookViewSchema.extend({
  secret: z
    .string()
    .describe(
      'The signing secret, shown this once: verify X-OHF-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` with it.',
    ),
}).meta({ id: 'CreatedWebhook' });

export const WebhookListSchema = z.object({ items: z.array(WebhookViewSchema) }).meta({ id: 'WebhookList' });

export const WebhookDeliveryViewSchema = z
  .object({
    deliveryId: z.string(),
    webhookId: z.string(),
    eventSequence: z.number().int(),
    eventType: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().optional().describe('HTTP status of the last attempt; absent when it got no answer.'),
    lastError: z.string().optional(),
    nextAttemptAt: z.string().optional().describe('When the next attempt is due (pending only).'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookDeliveryListSchema = z
  .object({ items: z.array(WebhookDeliveryViewSchema) })
  .meta({ id: 'WebhookDeliveryList', description: 'Newest first.' });

export const DeliveryListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('At most this many, newest first.'),
});
