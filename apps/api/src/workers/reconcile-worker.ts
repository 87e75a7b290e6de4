import type { Logger } from '@ohf/application-cqrs';
import type { ApiApplication } from '../server/api-dependencies.js';
import { PeriodicCheck } from './periodic-check.js';

export interface ReconcileWorkerOptions {
  readonly application: ApiApplication;
  readonly logger: Logger;
  /** `reconcile.interval_seconds` in milliseconds; 0 keeps the worker from starting. */
  readonly intervalMs: number;
  /** How often to ask whether a run is due; default the interval, at most a minute. */
  readonly checkEveryMs?: number;
}

/**
 * The API's reconciliation: every so often it asks the application for a run `ifDue`. The
 * interval lives in storage, so of several replicas (and CLI processes on the same storage) one
 * runs it per interval. A run that fails is logged; the next check tries again.
 */
export class ReconcileWorker extends PeriodicCheck {
  constructor(options: ReconcileWorkerOptions) {
    super({
      intervalMs: options.intervalMs,
      ...(options.checkEveryMs === undefined ? {} : { checkEveryMs: options.checkEveryMs }),
      run: async (signal) => {
        try {
          const result = await options.application.dispatch({ type: 'ReconcileMachines', ifDue: true }, { correlationId: 'worker:reconcile', signal });
          if (result.ran) options.logger.debug({}, 'reconciliation ran');
        } catch (error) {
          options.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'reconciliation failed; the next check tries again');
        }
      },
    });
  }
}
