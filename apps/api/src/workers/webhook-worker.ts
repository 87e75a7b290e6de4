import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '@ohf/application-cqrs';
import type { AuditLog, StateStore, WebhookDelivery, WebhookRepository } from '@ohf/domain-core';
import type { DeliveryBackoffOptions } from '../webhooks/delivery-backoff.js';
import { attemptDelivery } from '../webhooks/webhook-delivery-attempt.js';
import { fanOutEvents } from '../webhooks/webhook-fan-out.js';
import type { SendOutcome, WebhookPost } from '../webhooks/webhook-sender.js';
import { StateLease } from '../webhooks/state-lease.js';

/** The state key of the lease: one replica fans out and delivers at a time. */
export const WEBHOOK_LEASE_KEY = 'api.webhooks.lease';

export interface WebhookWorkerOptions {
  readonly log: Pick<AuditLog, 'list' | 'latestSequence'>;
  readonly webhooks: WebhookRepository;
  readonly state: StateStore;
  readonly openSecret: (sealed: string) => string;
  readonly send: (post: WebhookPost) => Promise<SendOutcome>;
  readonly logger: Logger;
  /** Deliveries in flight at once: a slow endpoint holds one slot, never the others. */
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
  readonly maxAttempts: number;
  readonly backoff: DeliveryBackoffOptions;
  /** Events turned into deliveries per step. */
  readonly batchSize?: number;
  readonly holder?: string;
}

const DEFAULT_BATCH_SIZE = 500;
/** How long a woken loop waits for more events before its pass. */
const WAKE_COALESCING_MS = 25;

/**
 * Sends the audit trail to webhooks, apart from provisioning: its own loop, its own bounded set
 * of deliveries in flight, each with its own timeout, so a dead or slow endpoint costs a slot
 * here and nothing on the request path. Of several replicas the holder of a lease in storage
 * does the work; if it dies another takes over when the lease expires. Each pass fans new events
 * out into deliveries (a cursor in storage), then starts the due deliveries in free slots.
 * Delivery is at least once: receivers deduplicate on X-OHF-Event-Id.
 */
export class WebhookWorker {
  readonly #options: WebhookWorkerOptions;
  readonly #lease: StateLease;
  readonly #inFlight = new Map<string, Promise<void>>();
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  #wakePending = false;

  constructor(options: WebhookWorkerOptions) {
    this.#options = options;
    this.#lease = new StateLease(options.state, WEBHOOK_LEASE_KEY, options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, options.leaseMs);
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  start(): void {
    if (this.#running !== undefined) return;
    this.#stopping = false;
    this.#running = this.#loop();
  }

  /** Events were written: look now instead of at the next poll. */
  wake(): void {
    if (this.#wakePending) return;
    this.#wakePending = true;
    // Through a timer, never synchronously: wakes that come from work finishing within the pass
    // (storage answers without I/O) must not chain passes without ever yielding to timers.
    const wake = this.#wake;
    if (wake !== undefined) setTimeout(wake, WAKE_COALESCING_MS).unref();
  }

  /** One pass, for tests and for the loop: fan out, then start due deliveries. Resolves when they are started. */
  async pass(now = new Date()): Promise<boolean> {
    if (!(await this.#lease.hold(now.getTime()))) return false;
    const { webhooks, log, state } = this.#options;
    let more = true;
    while (more && !this.#stopping) {
      more = (await fanOutEvents({ log, webhooks, state, batchSize: this.#options.batchSize ?? DEFAULT_BATCH_SIZE }, now)).more;
    }
    const free = this.#options.concurrency - this.#inFlight.size;
    if (free <= 0 || this.#stopping) return true;
    const due = await webhooks.dueDeliveries(now.toISOString(), free + this.#inFlight.size);
    for (const delivery of due.filter((candidate) => !this.#inFlight.has(candidate.deliveryId)).slice(0, free)) this.#start(delivery, now);
    return true;
  }

  /** Resolves when every delivery started so far is settled. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  /** Stops the loop, lets deliveries in flight end (each is bounded by its timeout) and gives the lease up. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
    await this.settled();
    await this.#lease.release().catch(() => undefined);
  }

  #start(delivery: WebhookDelivery, now: Date): void {
    const { webhooks, logger } = this.#options;
    const running = attemptDelivery(
      delivery,
      {
        log: this.#options.log,
        findWebhook: (webhookId) => webhooks.find(webhookId),
        openSecret: this.#options.openSecret,
        send: this.#options.send,
        maxAttempts: this.#options.maxAttempts,
        backoff: this.#options.backoff,
      },
      now,
    )
      .then(async (updated) => {
        await webhooks.updateDelivery(updated);
        if (updated.status === 'failed') {
          logger.warn({ webhookId: updated.webhookId, deliveryId: updated.deliveryId, attempts: updated.attempts, error: updated.lastError }, 'webhook delivery failed');
        }
        return true;
      })
      .catch((error: unknown) => {
        logger.error({ deliveryId: delivery.deliveryId, error: error instanceof Error ? error.message : String(error) }, 'webhook delivery could not be recorded; it stays due');
        return false;
      })
      .then((recorded) => {
        this.#inFlight.delete(delivery.deliveryId);
        // A slot is free: take the next due delivery without waiting for the poll (not after a
        // storage failure: the same delivery would be due again at once).
        if (recorded) this.wake();
      });
    this.#inFlight.set(delivery.deliveryId, running);
  }

  async #loop(): Promise<void> {
    while (!this.#stopping) {
      this.#wakePending = false;
      try {
        await this.pass();
      } catch (error) {
        this.#options.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'webhook pass failed; the next one retries');
      }
      if (this.#stopping) break;
      // Woken during the pass: look again shortly, so a burst of events costs a few passes, not one each.
      const waitMs = this.#wakePending ? WAKE_COALESCING_MS : this.#options.pollIntervalMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitMs);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.#wake = done;
      });
      this.#wake = undefined;
    }
  }
}
