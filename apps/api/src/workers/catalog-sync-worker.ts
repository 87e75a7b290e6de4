import type { Logger } from '@ohf/application-cqrs';
import type { ApiApplication } from '../server/api-dependencies.js';
import { PeriodicCheck } from './periodic-check.js';

export interface CatalogSyncWorkerOptions {
  readonly application: ApiApplication;
  readonly logger: Logger;
  /** `catalog.sync_interval_minutes` in milliseconds; 0 keeps the worker from starting. */
  readonly intervalMs: number;
  /** How often to ask whether a sync is due; default the interval, at most a minute. */
  readonly checkEveryMs?: number;
}

/**
 * Keeps the stored catalog fresh: every so often it asks the application for a sync `ifDue`.
 * The last sync's time lives in storage and is claimed with a compare-and-set, so of several
 * replicas one calls the providers per interval. A failed sync is logged; the next check retries.
 * Stopping aborts a sync in progress at once (the instances not yet read keep their catalog).
 */
export class CatalogSyncWorker extends PeriodicCheck {
  constructor(options: CatalogSyncWorkerOptions) {
    super({
      intervalMs: options.intervalMs,
      ...(options.checkEveryMs === undefined ? {} : { checkEveryMs: options.checkEveryMs }),
      run: async (signal) => {
        const { application, logger } = options;
        try {
          const result = await application.dispatch({ type: 'SyncCatalog', ifDue: true }, { correlationId: 'worker:catalog-sync', signal });
          const failed = result.providers.filter((outcome) => !outcome.ok);
          if (failed.length > 0) {
            logger.warn({ failed: failed.map((outcome) => ({ provider: outcome.provider, code: outcome.error?.code })) }, 'catalog sync: some provider instances could not be read');
          } else if (result.ran) logger.debug({ providers: result.providers.length }, 'catalog synced');
        } catch (error) {
          logger.error({ error: error instanceof Error ? error.message : String(error) }, 'catalog sync failed; the next check tries again');
        }
      },
    });
  }
}
