import { randomUUID } from 'node:crypto';
import type { Webhook } from '@ohf/domain-core';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { organizationOf } from '../events/organization-of.js';
import { apiError } from '../http/api-error.js';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { ensureWebhookCursor } from '../webhooks/webhook-fan-out.js';
import {
  CreatedWebhookSchema,
  CreateWebhookBodySchema,
  DeliveryListQuerySchema,
  UpdateWebhookBodySchema,
  WebhookDeliveryListSchema,
  WebhookListSchema,
  WebhookParamsSchema,
  WebhookViewSchema,
} from '../webhooks/webhook-schemas.js';
import { generateWebhookSecret } from '../webhooks/webhook-secret.js';
import { deliveryView, webhookView } from '../webhooks/webhook-view.js';

/**
 * An organization's webhooks (its admins only): the audit trail POSTed, signed, to URLs it
 * chooses. Another organization's webhook answers 404 exactly like a missing one.
 */
export function registerWebhookRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const { audit } = dependencies;
  const tags = ['webhooks'];
  const access = 'administer' as const;

  /** The caller's organization's webhook, or the same 404 whether it is missing or another's. */
  const ownWebhook = async (request: FastifyRequest, webhookId: string): Promise<Webhook> => {
    const webhook = await audit.webhooks.find(webhookId);
    if (webhook === undefined || webhook.organizationId !== organizationOf(request)) {
      throw apiError('NOT_FOUND', `No webhook "${webhookId}".`, { webhook_id: webhookId });
    }
    return webhook;
  };

  server.post(
    '/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Subscribe a URL to audit events',
        description:
          'Stores the webhook and answers its signing secret, this once (it is kept encrypted). Every event of the organization with a subscribed type that occurs from now on is POSTed as an AuditEvent with `X-OHF-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` and `X-OHF-Event-Id`, retried with backoff until a 2xx or the last attempt.',
        body: CreateWebhookBodySchema,
        response: { 201: CreatedWebhookSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const secrets = audit.secrets;
      if (secrets === undefined) {
        throw apiError(
          'FORBIDDEN',
          'Webhook signing secrets are stored encrypted; set OHF_ENCRYPTION_KEY (32 bytes, hex or base64, e.g. `openssl rand -base64 32`) to enable webhooks.',
          { variable: 'OHF_ENCRYPTION_KEY' },
        );
      }
      const secret = generateWebhookSecret();
      const now = new Date().toISOString();
      const webhook: Webhook = {
        webhookId: `wh-${randomUUID()}`,
        organizationId: organizationOf(request),
        url: request.body.url,
        eventTypes: [...new Set(request.body.eventTypes)],
        sealedSecret: secrets.seal(secret),
        active: request.body.active,
        createdAt: now,
        updatedAt: now,
      };
      // Before the webhook exists: deliveries start from the newest event, not from the oldest stored.
      await ensureWebhookCursor({ log: audit.log, state: audit.state });
      await audit.webhooks.save(webhook);
      dependencies.onEventsWritten?.();
      return reply.code(201).send({ ...webhookView(webhook), secret });
    },
  );

  server.get(
    '/webhooks',
    {
      config: { access },
      schema: { tags, summary: "The organization's webhooks", response: { 200: WebhookListSchema, ...COMMON_ERROR_RESPONSES } },
    },
    async (request) => ({ items: (await audit.webhooks.list(organizationOf(request))).map(webhookView) }),
  );

  server.get(
    '/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One webhook (never its secret)',
        params: WebhookParamsSchema,
        response: { 200: WebhookViewSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => webhookView(await ownWebhook(request, request.params.id)),
  );

  server.patch(
    '/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a webhook’s URL, event types or whether it is active',
        description: 'Deliveries already made keep their record; a disabled webhook gets no new deliveries and its pending ones fail.',
        params: WebhookParamsSchema,
        body: UpdateWebhookBodySchema,
        response: { 200: WebhookViewSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const webhook = await ownWebhook(request, request.params.id);
      const body = request.body;
      const updated: Webhook = {
        ...webhook,
        ...(body.url === undefined ? {} : { url: body.url }),
        ...(body.eventTypes === undefined ? {} : { eventTypes: [...new Set(body.eventTypes)] }),
        ...(body.active === undefined ? {} : { active: body.active }),
        updatedAt: new Date().toISOString(),
      };
      await audit.webhooks.save(updated);
      return webhookView(updated);
    },
  );

  server.delete(
    '/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Remove a webhook and its delivery records',
        params: WebhookParamsSchema,
        response: { 200: z.object({ webhookId: z.string(), deleted: z.literal(true) }), ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const webhook = await ownWebhook(request, request.params.id);
      await audit.webhooks.delete(webhook.webhookId);
      return { webhookId: webhook.webhookId, deleted: true as const };
    },
  );

  server.get(
    '/webhooks/:id/deliveries',
    {
      config: { access },
      schema: {
        tags,
        summary: 'A webhook’s deliveries, newest first',
        description: 'Status (pending, delivered, failed), attempts, the last HTTP status and error, and when a pending one is tried next.',
        params: WebhookParamsSchema,
        querystring: DeliveryListQuerySchema,
        response: { 200: WebhookDeliveryListSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const webhook = await ownWebhook(request, request.params.id);
      return { items: (await audit.webhooks.listDeliveries(webhook.webhookId, request.query.limit)).map(deliveryView) };
    },
  );
}
