import { OhfError, type StateStore } from '@ohf/domain-core';
import type { Clock } from '../ports/clock.js';

/** Where the last sync's start is kept, so API replicas and CLI processes honour one interval. */
export const CATALOG_SYNC_STATE_KEY = 'catalog-sync';

interface CatalogSyncState {
  readonly lastStartedAt: string;
}

function lastStartedAt(value: unknown): number | undefined {
  const started = value !== null && typeof value === 'object' ? (value as Partial<CatalogSyncState>).lastStartedAt : undefined;
  const time = typeof started === 'string' ? Date.parse(started) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Decides when the periodic catalog sync runs: at most once per interval, whichever process asks
 * first. A claim is a compare-and-set on the state store, so of two replicas asking at once only
 * one calls the providers. Without a state store the interval holds within this process only.
 */
export class CatalogSyncSchedule {
  #lastStartedInProcess: number | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly stateStore?: StateStore,
  ) {}

  /** True for exactly one caller once the interval since the last sync has passed; never when the interval is 0. */
  async claim(): Promise<boolean> {
    if (this.intervalMs <= 0) return false;
    const now = this.clock.now();
    if (this.stateStore === undefined) {
      if (this.#lastStartedInProcess !== undefined && now.getTime() - this.#lastStartedInProcess < this.intervalMs) return false;
      this.#lastStartedInProcess = now.getTime();
      return true;
    }
    const stored = await this.stateStore.get(CATALOG_SYNC_STATE_KEY);
    const last = lastStartedAt(stored?.value);
    if (last !== undefined && now.getTime() - last < this.intervalMs) return false;
    try {
      await this.stateStore.put(CATALOG_SYNC_STATE_KEY, { lastStartedAt: now.toISOString() } satisfies CatalogSyncState, { expectedVersion: stored?.version ?? 0 });
      return true;
    } catch (error) {
      // Another process claimed this sync first.
      if (OhfError.isInstance(error) && error.code === 'CONFLICT') return false;
      throw error;
    }
  }

  /** A sync asked for explicitly restarts the interval, so the worker does not repeat it at once. */
  async record(startedAt: Date): Promise<void> {
    this.#lastStartedInProcess = startedAt.getTime();
    await this.stateStore?.put(CATALOG_SYNC_STATE_KEY, { lastStartedAt: startedAt.toISOString() } satisfies CatalogSyncState);
  }
}
