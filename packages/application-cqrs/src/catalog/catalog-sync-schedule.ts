import type { StateStore } from '@ohf/domain-core';
import type { Clock } from '../ports/clock.js';
import { IntervalClaim, type IntervalState } from '../shared/interval-claim.js';

/** Where the last sync's start is kept, so API replicas and CLI processes honour one interval. */
export const CATALOG_SYNC_STATE_KEY = 'catalog-sync';

/**
 * Decides when the periodic catalog sync runs: at most once per interval, whichever process asks
 * first, so of two replicas asking at once only one calls the providers.
 */
export class CatalogSyncSchedule {
  readonly #interval: IntervalClaim;

  constructor(
    intervalMs: number,
    clock: Clock,
    private readonly stateStore?: StateStore,
  ) {
    this.#interval = new IntervalClaim(CATALOG_SYNC_STATE_KEY, intervalMs, clock, stateStore);
  }

  /** True for exactly one caller once the interval since the last sync has passed; never when the interval is 0. */
  claim(): Promise<boolean> {
    return this.#interval.claim();
  }

  /** A sync asked for explicitly restarts the interval, so the worker does not repeat it at once. */
  async record(startedAt: Date): Promise<void> {
    this.#interval.startedInProcess(startedAt);
    await this.stateStore?.put(CATALOG_SYNC_STATE_KEY, { lastStartedAt: startedAt.toISOString() } satisfies IntervalState);
  }
}
