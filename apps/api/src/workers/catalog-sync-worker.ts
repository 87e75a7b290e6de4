import type { Logger } from '@ohf/application-cqrs';
import type { ApiApplication } from '../server/api-dependencies.js';

export interface CatalogSyncWorkerOptions {
  readonly application: ApiApplication;
  readonly logger: Logger;
  /** `catalog.sync_interval_minutes` in milliseconds; 0 keeps the worker from starting. */
  readonly intervalMs: number;
  /** How often to ask whether a sync is due; default the interval, at most a minute. */
  readonly checkEveryMs?: number;
}

const LONGEST_CHECK_MS = 60_000;

/**
 * Keeps the stored catalog fresh: every so often it asks the application for a sync `ifDue`.
 * The last sync's time lives in storage and is claimed with a compare-and-set, so of several
 * replicas one calls the providers per interval. A failed sync is logged; the next check retries.
 */
export class CatalogSyncWorker {
  readonly #options: CatalogSyncWorkerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #abort: AbortController | undefined;

  constructor(options: CatalogSyncWorkerOptions) {
    this.#options = options;
  }

  get enabled(): boolean {
    return this.#options.intervalMs > 0;
  }

  start(): void {
    if (!this.enabled || this.#timer !== undefined) return;
    const every = this.#options.checkEveryMs ?? Math.min(this.#options.intervalMs, LONGEST_CHECK_MS);
    this.#timer = setInterval(() => void this.check(), every);
    this.#timer.unref();
    void this.check();
  }

  /** One check: syncs when due. Resolves when that sync is over. */
  check(): Promise<void> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops checking and aborts a sync in progress (the instances not yet read keep their catalog). */
  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    await this.#running;
  }

  async #run(): Promise<void> {
    this.#abort = new AbortController();
    const { application, logger } = this.#options;
    try {
      const result = await application.dispatch({ type: 'SyncCatalog', ifDue: true }, { correlationId: 'worker:catalog-sync', signal: this.#abort.signal });
      const failed = result.providers.filter((outcome) => !outcome.ok);
      if (failed.length > 0) {
        logger.warn({ failed: failed.map((outcome) => ({ provider: outcome.provider, code: outcome.error?.code })) }, 'catalog sync: some provider instances could not be read');
      } else if (result.ran) logger.debug({ providers: result.providers.length }, 'catalog synced');
    } catch (error) {
      logger.error({ error: error instanceof Error ? error.message : String(error) }, 'catalog sync failed; the next check tries again');
    } finally {
      this.#abort = undefined;
    }
  }
}
