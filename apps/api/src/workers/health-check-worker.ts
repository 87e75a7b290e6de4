import type { Logger } from '@ohf/application-cqrs';
import { OhfError } from '@ohf/domain-core';
import type { ApiApplication } from '../server/api-dependencies.js';

export interface HealthCheckWorkerOptions {
  readonly application: ApiApplication;
  readonly logger: Logger;
  /**
   * The longest wait between two looks at the schedule: a health_check_interval set by
   * configureProviderStrategy (here or on another replica) takes effect within it.
   */
  readonly pollIntervalMs: number;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
}

const MIN_DELAY_MS = 10;

/**
 * Runs configureProviderStrategy's periodic health checks in the API: it dispatches
 * RunPeriodicHealthChecks, which checks every enabled instance once the interval has passed
 * (results to selection health and the provider metrics), then sleeps until the next check is
 * due, or at most `pollIntervalMs`.
 */
export class HealthCheckWorker {
  readonly #options: HealthCheckWorkerOptions;
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;

  constructor(options: HealthCheckWorkerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#running !== undefined) return;
    this.#stopping = false;
    this.#running = this.#loop();
  }

  /** Stops after the checks in flight, if any. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
  }

  async #loop(): Promise<void> {
    const { application, logger, pollIntervalMs } = this.#options;
    const now = this.#options.now ?? Date.now;
    while (!this.#stopping) {
      let delay = pollIntervalMs;
      try {
        const answer = await application.dispatch({ type: 'RunPeriodicHealthChecks' }, { correlationId: 'health-check-worker' });
        if (answer.ran) {
          const unhealthy = answer.checked.filter((instance) => !instance.healthy).map((instance) => instance.name);
          if (unhealthy.length > 0) logger.warn({ unhealthy }, 'periodic health check: provider instances unhealthy');
        }
        // Never a busy loop, even when a replica's clock runs behind the stored schedule.
        if (answer.nextCheckAt !== null) delay = Math.min(pollIntervalMs, Math.max(MIN_DELAY_MS, Date.parse(answer.nextCheckAt) - now()));
      } catch (error) {
        logger.error({ error: OhfError.isInstance(error) ? { code: error.code, message: error.message } : { message: String(error) } }, 'periodic health checks failed');
      }
      if (!this.#stopping) await this.#sleep(delay);
    }
  }

  #sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, milliseconds);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
