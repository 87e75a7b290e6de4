import type { Logger } from '@ohf/application-cqrs';
import type { ApiApplication } from '../server/api-dependencies.js';

export interface ReconcileWorkerOptions {
  readonly application: ApiApplication;
  readonly logger: Logger;
  /** `reconcile.interval_seconds` in milliseconds; 0 keeps the worker from starting. */
  readonly intervalMs: number;
  /** How often to ask whether a run is due; default the interval, at most a minute. */
  readonly checkEveryMs?: number;
}

const LONGEST_CHECK_MS = 60_000;

/**
 * The API's reconciliation: every so often it asks the application for a run `ifDue`. The
 * interval lives in storage, so of several replicas (and CLI processes on the same storage) one
 * runs it per interval. A run that fails is logged; the next check tries again.
 */
export class ReconcileWorker {
  readonly #options: ReconcileWorkerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #abort: AbortController | undefined;

  constructor(options: ReconcileWorkerOptions) {
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

  /** One check: runs reconciliation when it is due. Resolves when that run is over. */
  check(): Promise<void> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops checking; a run in progress gets `graceMs` to finish, then is aborted. */
  async stop(graceMs: number): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    const running = this.#running;
    if (running === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    if ((await Promise.race([running.then(() => 'done' as const), graceOver])) === 'timeout') this.#abort?.abort();
    clearTimeout(timer);
    await running;
  }

  async #run(): Promise<void> {
    this.#abort = new AbortController();
    try {
      const result = await this.#options.application.dispatch(
        { type: 'ReconcileMachines', ifDue: true },
        { correlationId: 'worker:reconcile', signal: this.#abort.signal },
      );
      if (result.ran) this.#options.logger.debug({}, 'reconciliation ran');
    } catch (error) {
      this.#options.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'reconciliation failed; the next check tries again');
    } finally {
      this.#abort = undefined;
    }
  }
}
