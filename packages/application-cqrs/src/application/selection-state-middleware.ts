import type { Middleware } from '../bus/middleware.js';
import type { PeriodicHealthCheck } from '../providers/periodic-health-check.js';
import type { SelectionStatePersistence } from '../selection/selection-state-persistence.js';

export interface SelectionStateMiddlewareOptions {
  readonly persistence: SelectionStatePersistence;
  /** Message types that read selection state (loaded before their handler). */
  readonly reads: ReadonlySet<string>;
  /** Message types that change it (saved after their handler, also when it failed; not for dry runs). */
  readonly writes: ReadonlySet<string>;
  /**
   * `every-message` (default, for the CLI: each call is a new process, and several may run one
   * after the other) or `first-message` (a long-lived server: state stays in memory and is
   * saved after changes).
   */
  readonly reload?: 'every-message' | 'first-message';
  /**
   * Runs the periodic health checks, when due, before each message that uses selection (the
   * CLI: no process lives long enough for a timer). Absent: a worker dispatches them.
   */
  readonly periodicHealthCheck?: PeriodicHealthCheck;
}

/**
 * Loads selection state before the messages that use it and saves it after those that change it.
 * Loading replaces the engine's state with the stored one, so it happens only while no other
 * message of this process uses selection: one that is running may have recorded an outcome (an
 * instance throttled for ten minutes) that it has not saved yet, and a load in between would
 * erase it from memory and then from storage with that message's save. A message that starts
 * meanwhile works on the state in memory, which is at least as new as what this process stored.
 */
export function selectionStateMiddleware(options: SelectionStateMiddlewareOptions): Middleware {
  let loaded = false;
  let running = 0;
  return async (envelope, next) => {
    const reads = options.reads.has(envelope.type);
    const writes = options.writes.has(envelope.type);
    if (!reads && !writes) return next(envelope);
    const load = !loaded || (options.reload !== 'first-message' && running === 0);
    running += 1;
    try {
      if (load) {
        await options.persistence.load();
        loaded = true;
      }
      const dryRun = (envelope.message as { dryRun?: unknown } | null)?.dryRun === true;
      const checked = options.periodicHealthCheck !== undefined && !dryRun && (await options.periodicHealthCheck.runIfDue(envelope.options.signal)).ran;
      try {
        return await next(envelope);
      } finally {
        if ((writes || checked) && !dryRun) await options.persistence.save();
      }
    } finally {
      running -= 1;
    }
  };
}
