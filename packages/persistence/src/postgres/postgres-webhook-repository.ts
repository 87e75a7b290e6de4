import { WebhookDeliverySchema, WebhookSchema, type Webhook, type WebhookDelivery, type WebhookRepository } from '@ohf/domain-core';
import { checkRecord, readRecord } from '../internal/records.js';
import { DEFAULT_DELIVERY_PAGE, deliveryRow, type DeliveryRow } from '../internal/webhook-rows.js';
import type { PostgresDatabase } from './postgres-database.js';

interface DocumentRow {
  readonly document: unknown;
}

function deliveryArrays(rows: readonly DeliveryRow[]): unknown[][] {
  return [
    rows.map((row) => row.deliveryId),
    rows.map((row) => row.webhookId),
    rows.map((row) => row.organizationId),
    rows.map((row) => row.eventSequence),
    rows.map((row) => row.status),
    rows.map((row) => row.nextAttemptAt),
    rows.map((row) => row.createdAt),
    rows.map((row) => row.document),
  ];
}

export class PostgresWebhookRepository implements WebhookRepository {
  readonly #webhooks: string;
  readonly #deliveries: string;

  constructor(private readonly database: PostgresDatabase) {
    this.#webhooks = database.table('webhooks');
    this.#deliveries = database.table('webhook_deliveries');
  }

  async save(webhook: Webhook): Promise<void> {
    const checked = checkRecord(WebhookSchema, webhook, `Webhook ${String(webhook.webhookId)}`);
    await this.database.query(
      `Saving webhook ${checked.webhookId}`,
      `INSERT INTO ${this.#webhooks} (webhook_id, organization_id, active, created_at, updated_at, document) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (webhook_id) DO UPDATE SET organization_id = excluded.organization_id, active = excluded.active,
         created_at = excluded.created_at, updated_at = excluded.updated_at, document = excluded.document`,
      [checked.webhookId, checked.organizationId, checked.active, checked.createdAt, checked.updatedAt, JSON.stringify(checked)],
    );
  }

  async find(webhookId: string): Promise<Webhook | undefined> {
    const [row] = await this.database.query<DocumentRow>(`Reading webhook ${webhookId}`, `SELECT document FROM ${this.#webhooks} WHERE webhook_id = $1`, [
      webhookId,
    ]);
    return row && this.#webhook(row);
  }

  async list(organizationId?: string): Promise<readonly Webhook[]> {
    const rows = await this.database.query<DocumentRow>(
      'Listing webhooks',
      `SELECT document FROM ${this.#webhooks} WHERE ($1::text IS NULL OR organization_id = $1) ORDER BY webhook_id`,
      [organizationId ?? null],
    );
    return rows.map((row) => this.#webhook(row));
  }

  async delete(webhookId: string): Promise<boolean> {
    return this.database.transaction(`Deleting webhook ${webhookId}`, async (client) => {
      await client.query(`DELETE FROM ${this.#deliveries} WHERE webhook_id = $1`, [webhookId]);
      return ((await client.query(`DELETE FROM ${this.#webhooks} WHERE webhook_id = $1`, [webhookId])).rowCount ?? 0) > 0;
    });
  }

  async addDeliveries(deliveries: readonly WebhookDelivery[]): Promise<void> {
    const rows = deliveries.map((delivery) => deliveryRow(checkRecord(WebhookDeliverySchema, delivery, `Delivery ${String(delivery.deliveryId)}`)));
    if (rows.length === 0) return;
    await this.database.query(
      `Adding ${rows.length} webhook deliveries`,
      `INSERT INTO ${this.#deliveries} (delivery_id, webhook_id, organization_id, event_sequence, status, next_attempt_at, created_at, document)
       SELECT delivery_id, webhook_id, organization_id, event_sequence, status, next_attempt_at, created_at, document::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS input (delivery_id, webhook_id, organization_id, event_sequence, status, next_attempt_at, created_at, document)
       ON CONFLICT DO NOTHING`,
      deliveryArrays(rows),
    );
  }

  async updateDelivery(delivery: WebhookDelivery): Promise<void> {
    const row = deliveryRow(checkRecord(WebhookDeliverySchema, delivery, `Delivery ${String(delivery.deliveryId)}`));
    await this.database.query(
      `Updating webhook delivery ${row.deliveryId}`,
      `UPDATE ${this.#deliveries} SET status = $2, next_attempt_at = $3, document = $4::jsonb WHERE delivery_id = $1`,
      [row.deliveryId, row.status, row.nextAttemptAt, row.document],
    );
  }

  async dueDeliveries(now: string, limit: number): Promise<readonly WebhookDelivery[]> {
    const rows = await this.database.query<DocumentRow>(
      'Reading the due webhook deliveries',
      `SELECT document FROM ${this.#deliveries} WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, event_sequence, delivery_id LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => this.#delivery(row));
  }

  async listDeliveries(webhookId: string, limit = DEFAULT_DELIVERY_PAGE): Promise<readonly WebhookDelivery[]> {
    const rows = await this.database.query<DocumentRow>(
      `Listing the deliveries of webhook ${webhookId}`,
      `SELECT document FROM ${this.#deliveries} WHERE webhook_id = $1 ORDER BY event_sequence DESC LIMIT $2`,
      [webhookId, limit],
    );
    return rows.map((row) => this.#delivery(row));
  }

  #webhook(row: DocumentRow): Webhook {
    return readRecord(WebhookSchema, row.document, `${this.database.where} webhooks`);
  }

  #delivery(row: DocumentRow): WebhookDelivery {
    return readRecord(WebhookDeliverySchema, row.document, `${this.database.where} webhook_deliveries`);
  }
}
