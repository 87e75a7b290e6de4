import type { Logger } from '@ohf/application-cqrs';
import { OhfError, type StateStore } from '@ohf/domain-core';
import { PeriodicCheck } from './periodic-check.js';

/** The state key of the last prune: of several replicas, one prunes per day. */
export const RETENTION_STATE_KEY = 'api.audit.retention';

const DAY_MS = 24 * 60 * 60_000;

export interface RetentionWorkerOptions {
  /** Events older than this many days are deleted; 0 keeps them forever (the worker does not start). */
  readonly retentionDays: number;
  /** Deletes events that occurred before the cutoff; returns how many. */
  readonly prune: (before: string) => Promise<number>;
  readonly state: StateStore;
  readonly logger: Logger;
  /** How often to ask whether a prune is due; default every hour. */
  readonly checkEveryMs?: number;
  /** Time between prunes; default a day. */
  readonly intervalMs?: number;
  readonly now?: () => Date;
}

/**
 * Keeps the audit trail within `audit.retention_days`: once a day, whichever replica claims the
 * day first (a compare-and-set on the time of the last prune in storage) deletes the events that
 * occurred before the cutoff. A failed prune is logged and tried again at the next check.
 */
export class RetentionWorker extends PeriodicCheck {
  constructor(options: RetentionWorkerOptions) {
    const intervalMs = options.intervalMs ?? DAY_MS;
    const now = options.now ?? (() => new Date());
    super({
      intervalMs: options.retentionDays > 0 ? intervalMs : 0,
      checkEveryMs: options.checkEveryMs ?? Math.min(intervalMs, 60 * 60_000),
      run: async () => {
        const { logger, state } = options;
        try {
          const started = now();
          if (!(await claimPrune(state, started, intervalMs))) return;
          const before = new Date(started.getTime() - options.retentionDays * DAY_MS).toISOString();
          const deleted = await options.prune(before);
          logger.info({ deleted, before }, 'audit trail pruned');
        } catch (error) {
          logger.error({ error: error instanceof Error ? error.message : String(error) }, 'pruning the audit trail failed; the next check tries again');
        }
      },
    });
  }
}

async function claimPrune(state: StateStore, now: Date, intervalMs: number): Promise<boolean> {
  const stored = await state.get(RETENTION_STATE_KEY);
  const last = (stored?.value as { lastStartedAt?: unknown } | undefined)?.lastStartedAt;
  if (typeof last === 'string' && now.getTime() - Date.parse(last) < intervalMs) return false;
  try {
    await state.put(RETENTION_STATE_KEY, { lastStartedAt: now.toISOString() }, { expectedVersion: stored?.version ?? 0 });
    return true;
  } catch (error) {
    // Another replica claimed this day's prune first.
    if (OhfError.isInstance(error) && error.code === 'CONFLICT') return false;
    throw error;
  }
}
