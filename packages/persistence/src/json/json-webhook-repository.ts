import { WebhookDeliverySchema, WebhookSchema, type Webhook, type WebhookDelivery, type WebhookRepository } from '@ohf/domain-core';
import { checkRecord, readRecord } from '../internal/records.js';
import { DEFAULT_DELIVERY_PAGE, deliveryRow } from '../internal/webhook-rows.js';
import { webhookSection, type JsonDatabaseFile } from './json-database-file.js';
import { textField } from './json-documents.js';

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `webhooks` section of the database file: `webhooks` and `deliveries`, each keyed by id. */
export class JsonWebhookRepository implements WebhookRepository {
  constructor(private readonly file: JsonDatabaseFile) {}

  async save(webhook: Webhook): Promise<void> {
    const checked = checkRecord(WebhookSchema, webhook, `Webhook ${String(webhook.webhookId)}`);
    await this.file.update((database) => {
      webhookSection(database).webhooks[checked.webhookId] = checked;
      return { result: undefined, changed: true };
    });
  }

  async find(webhookId: string): Promise<Webhook | undefined> {
    const value = (await this.file.snapshot()).webhooks?.webhooks[webhookId];
    return value === undefined ? undefined : this.#webhook(webhookId, value);
  }

  async list(organizationId?: string): Promise<readonly Webhook[]> {
    return Object.entries((await this.file.snapshot()).webhooks?.webhooks ?? {})
      .filter(([, value]) => organizationId === undefined || textField(value, 'organizationId') === organizationId)
      .sort(([a], [b]) => compare(a, b))
      .map(([id, value]) => this.#webhook(id, value));
  }

  async delete(webhookId: string): Promise<boolean> {
    return this.file.update((database) => {
      const section = webhookSection(database);
      if (section.webhooks[webhookId] === undefined) return { result: false, changed: false };
      delete section.webhooks[webhookId];
      for (const [deliveryId, delivery] of Object.entries(section.deliveries)) {
        if (textField(delivery, 'webhookId') === webhookId) delete section.deliveries[deliveryId];
      }
      return { result: true, changed: true };
    });
  }

  async addDeliveries(deliveries: readonly WebhookDelivery[]): Promise<void> {
    const checked = deliveries.map((delivery) => checkRecord(WebhookDeliverySchema, delivery, `Delivery ${String(delivery.deliveryId)}`));
    if (checked.length === 0) return;
    await this.file.update((database) => {
      const section = webhookSection(database);
      const pairs = new Set(Object.values(section.deliveries).map((each) => pairOf(each)));
      let changed = false;
      for (const delivery of checked) {
        const pair = `${delivery.webhookId}\u0000${delivery.eventSequence}`;
        if (pairs.has(pair) || section.deliveries[delivery.deliveryId] !== undefined) continue;
        pairs.add(pair);
        section.deliveries[delivery.deliveryId] = delivery;
        changed = true;
      }
      return { result: undefined, changed };
    });
  }

  async updateDelivery(delivery: WebhookDelivery): Promise<void> {
    const checked = checkRecord(WebhookDeliverySchema, delivery, `Delivery ${String(delivery.deliveryId)}`);
    await this.file.update((database) => {
      const section = webhookSection(database);
      if (section.deliveries[checked.deliveryId] === undefined) return { result: undefined, changed: false };
      section.deliveries[checked.deliveryId] = checked;
      return { result: undefined, changed: true };
    });
  }

  async dueDeliveries(now: string, limit: number): Promise<readonly WebhookDelivery[]> {
    const due = Object.entries((await this.file.snapshot()).webhooks?.deliveries ?? {})
      .map(([id, value]) => this.#delivery(id, value))
      .map((delivery) => ({ delivery, row: deliveryRow(delivery) }))
      .filter(({ row }) => row.status === 'pending' && row.nextAttemptAt !== null && row.nextAttemptAt <= now)
      .sort(
        (a, b) =>
          compare(a.row.nextAttemptAt!, b.row.nextAttemptAt!) ||
          compare(a.row.eventSequence, b.row.eventSequence) ||
          compare(a.row.deliveryId, b.row.deliveryId),
      );
    return due.slice(0, limit).map(({ delivery }) => delivery);
  }

  async listDeliveries(webhookId: string, limit = DEFAULT_DELIVERY_PAGE): Promise<readonly WebhookDelivery[]> {
    return Object.entries((await this.file.snapshot()).webhooks?.deliveries ?? {})
      .filter(([, value]) => textField(value, 'webhookId') === webhookId)
      .map(([id, value]) => this.#delivery(id, value))
      .sort((a, b) => compare(b.eventSequence, a.eventSequence))
      .slice(0, limit);
  }

  #webhook(id: string, value: unknown): Webhook {
    return readRecord(WebhookSchema, structuredClone(value), `${this.file.path} (webhooks.webhooks.${id})`);
  }

  #delivery(id: string, value: unknown): WebhookDelivery {
    return readRecord(WebhookDeliverySchema, structuredClone(value), `${this.file.path} (webhooks.deliveries.${id})`);
  }
}

function pairOf(delivery: unknown): string {
  const sequence = (delivery as { eventSequence?: unknown } | null)?.eventSequence;
  return `${textField(delivery, 'webhookId')}\u0000${String(sequence)}`;
}
