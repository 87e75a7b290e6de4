import { WebhookDeliverySchema, WebhookSchema, type Webhook, type WebhookDelivery, type WebhookRepository } from '@ohf/domain-core';
import { checkRecord, readRecord } from '../internal/records.js';
import { deliveryRow, DEFAULT_DELIVERY_PAGE } from '../internal/webhook-rows.js';
import type { SqliteDatabase } from './sqlite-database.js';

interface DocumentRow {
  readonly document: string;
}

const UPSERT_WEBHOOK = `INSERT INTO webhooks (webhook_id, organization_id, active, created_at, updated_at, document)
  VALUES (@webhookId, @organizationId, @active, @createdAt, @updatedAt, @document)
  ON CONFLICT (webhook_id) DO UPDATE SET organization_id = excluded.organization_id, active = excluded.active,
    created_at = excluded.created_at, updated_at = excluded.updated_at, document = excluded.document`;

const INSERT_DELIVERY = `INSERT INTO webhook_deliveries
  (delivery_id, webhook_id, organization_id, event_sequence, status, next_attempt_at, created_at, document)
  VALUES (@deliveryId, @webhookId, @organizationId, @eventSequence, @status, @nextAttemptAt, @createdAt, @document)
  ON CONFLICT DO NOTHING`;

const UPDATE_DELIVERY = `UPDATE webhook_deliveries SET status = @status, next_attempt_at = @nextAttemptAt, document = @document
  WHERE delivery_id = @deliveryId`;

export class SqliteWebhookRepository implements WebhookRepository {
  constructor(private readonly database: SqliteDatabase) {}

  async save(webhook: Webhook): Promise<void> {
    const checked = checkRecord(WebhookSchema, webhook, `Webhook ${String(webhook.webhookId)}`);
    this.database.run(`Saving webhook ${checked.webhookId}`, () =>
      this.database.statement(UPSERT_WEBHOOK).run({
        webhookId: checked.webhookId,
        organizationId: checked.organizationId,
        active: checked.active ? 1 : 0,
        createdAt: checked.createdAt,
        updatedAt: checked.updatedAt,
        document: JSON.stringify(checked),
      }),
    );
  }

  async find(webhookId: string): Promise<Webhook | undefined> {
    const row = this.database.run(`Reading webhook ${webhookId}`, () =>
      this.database.statement('SELECT document FROM webhooks WHERE webhook_id = ?').get(webhookId),
    ) as DocumentRow | undefined;
    return row && this.#webhook(row);
  }

  async list(organizationId?: string): Promise<readonly Webhook[]> {
    const rows = this.database.run('Listing webhooks', () =>
      organizationId === undefined
        ? this.database.statement('SELECT document FROM webhooks ORDER BY webhook_id').all()
        : this.database.statement('SELECT document FROM webhooks WHERE organization_id = ? ORDER BY webhook_id').all(organizationId),
    ) as DocumentRow[];
    return rows.map((row) => this.#webhook(row));
  }

  async delete(webhookId: string): Promise<boolean> {
    return this.database.run(`Deleting webhook ${webhookId}`, () =>
      this.database.writeTransaction(() => {
        this.database.statement('DELETE FROM webhook_deliveries WHERE webhook_id = ?').run(webhookId);
        return this.database.statement('DELETE FROM webhooks WHERE webhook_id = ?').run(webhookId).changes > 0;
      }),
    );
  }

  async addDeliveries(deliveries: readonly WebhookDelivery[]): Promise<void> {
    const rows = deliveries.map((delivery) => deliveryRow(checkRecord(WebhookDeliverySchema, delivery, `Delivery ${String(delivery.deliveryId)}`)));
    if (rows.length === 0) return;
    this.database.run(`Adding ${rows.length} webhook deliveries`, () =>
      this.database.writeTransaction(() => {
        const insert = this.database.statement(INSERT_DELIVERY);
        for (const row of rows) insert.run(row);
      }),
    );
  }

  async updateDelivery(delivery: WebhookDelivery): Promise<void> {
    const row = deliveryRow(checkRecord(WebhookDeliverySchema, delivery, `Delivery ${String(delivery.deliveryId)}`));
    this.database.run(`Updating webhook delivery ${row.deliveryId}`, () => this.database.statement(UPDATE_DELIVERY).run(row));
  }

  async dueDeliveries(now: string, limit: number): Promise<readonly WebhookDelivery[]> {
    const rows = this.database.run('Reading the due webhook deliveries', () =>
      this.database
        .statement(
          `SELECT document FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
           ORDER BY next_attempt_at, event_sequence, delivery_id LIMIT ?`,
        )
        .all(now, limit),
    ) as DocumentRow[];
    return rows.map((row) => this.#delivery(row));
  }

  async listDeliveries(webhookId: string, limit = DEFAULT_DELIVERY_PAGE): Promise<readonly WebhookDelivery[]> {
    const rows = this.database.run(`Listing the deliveries of webhook ${webhookId}`, () =>
      this.database
        .statement('SELECT document FROM webhook_deliveries WHERE webhook_id = ? ORDER BY event_sequence DESC LIMIT ?')
        .all(webhookId, limit),
    ) as DocumentRow[];
    return rows.map((row) => this.#delivery(row));
  }

  #webhook(row: DocumentRow): Webhook {
    return readRecord(WebhookSchema, JSON.parse(row.document), `${this.database.path} (webhooks)`);
  }

  #delivery(row: DocumentRow): WebhookDelivery {
    return readRecord(WebhookDeliverySchema, JSON.parse(row.document), `${this.database.path} (webhook_deliveries)`);
  }
}
