import { hostname } from 'node:os';
import type { Logger } from '@ohf/application-cqrs';
import { isRequestFinal, OhfError, type MachineRequest, type WorkClaim, type WorkQueue } from '@ohf/domain-core';
import type { ApiApplication } from '../server/api-dependencies.js';

export interface ProvisioningWorkersOptions {
  readonly application: ApiApplication;
  readonly work: WorkQueue;
  readonly logger: Logger;
  /** Names this process in leases; default host name + pid. */
  readonly workerId?: string;
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
  /** An unfinished request becomes claimable again after this long. */
  readonly retryIntervalMs: number;
  /** Called after each step, so watchers of the request look again at once. */
  readonly onStepFinished?: (requestId: string) => void;
}

export interface WorkersStatus {
  readonly running: boolean;
  readonly inFlight: number;
  /** Consecutive claims that failed (storage unreachable); 0 when the last one worked. */
  readonly claimFailures: number;
}

/** How many consecutive claim failures (storage down) before waiting the longest back-off. */
const MAX_CLAIM_BACKOFF_STEPS = 6;

/**
 * In-process background workers: they lease unfinished requests from storage (several API
 * replicas share the queue; a lease keeps two from working on one request) and run one
 * provisioning step per claim through the application's ProvisionRequest command. The lease
 * is renewed while a step runs; a request that is not final yet is released with a delay and
 * picked up again later, by this replica or another. A replica that dies holds its leases only
 * until they expire.
 */
export class ProvisioningWorkers {
  readonly workerId: string;
  readonly #options: ProvisioningWorkersOptions;
  readonly #inFlight = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  #wakePending = false;
  #claimFailures = 0;

  constructor(options: ProvisioningWorkersOptions) {
    this.#options = options;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** For /readyz: whether the loop runs and whether its last claim reached storage. */
  status(): WorkersStatus {
    return { running: this.#running !== undefined && !this.#stopping, inFlight: this.#inFlight.size, claimFailures: this.#claimFailures };
  }

  start(): void {
    if (this.#running !== undefined) return;
    this.#stopping = false;
    this.#running = this.#loop();
  }

  /** New work was stored: look for it now instead of at the next poll. */
  wake(): void {
    this.#wakePending = true;
    this.#wake?.();
  }

  /**
   * Stops claiming, lets the steps in flight finish (releasing their leases) and resolves. Steps
   * still running after `graceMs` are aborted; their leases then expire on their own.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
    const steps = [...this.#inFlight.values()];
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([Promise.allSettled(steps.map((step) => step.promise)), graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.#options.logger.warn({ inFlight: this.#inFlight.size, graceMs }, 'aborting provisioning steps still running at shutdown');
      for (const step of this.#inFlight.values()) step.abort.abort();
      await Promise.allSettled([...this.#inFlight.values()].map((step) => step.promise));
    }
  }

  async #loop(): Promise<void> {
    const { concurrency, pollIntervalMs } = this.#options;
    while (!this.#stopping) {
      this.#wakePending = false;
      const free = concurrency - this.#inFlight.size;
      let claimedAll = false;
      if (free > 0) {
        const claims = await this.#claim(free);
        for (const claim of claims) this.#startStep(claim);
        claimedAll = claims.length === free;
      }
      if (this.#stopping) break;
      // More may be waiting when every free slot was filled: look again as soon as one frees up.
      const delay = this.#claimFailures > 0 ? pollIntervalMs * 2 ** Math.min(this.#claimFailures, MAX_CLAIM_BACKOFF_STEPS) : pollIntervalMs;
      if (!this.#wakePending) await this.#sleep(claimedAll && this.#claimFailures === 0 ? Number.POSITIVE_INFINITY : delay, claimedAll);
    }
  }

  async #claim(limit: number): Promise<readonly WorkClaim[]> {
    try {
      const claims = await this.#options.work.claimWork({ workerId: this.workerId, leaseMs: this.#options.leaseMs, limit });
      this.#claimFailures = 0;
      return claims;
    } catch (error) {
      this.#claimFailures += 1;
      this.#options.logger.error({ error: describe(error), failures: this.#claimFailures }, 'could not claim work from storage; backing off');
      return [];
    }
  }

  /** Waits for a wake-up, a freed slot (when `untilSlotFree`), or the timeout. */
  #sleep(timeoutMs: number, untilSlotFree: boolean): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      if (Number.isFinite(timeoutMs)) timer = setTimeout(done, timeoutMs);
      this.#wake = done;
      if (untilSlotFree && this.#inFlight.size < this.#options.concurrency) done();
    });
  }

  #startStep(claim: WorkClaim): void {
    const requestId = claim.request.requestId;
    const abort = new AbortController();
    const promise = this.#step(claim, abort).finally(() => {
      this.#inFlight.delete(requestId);
      // A slot is free: the loop may be waiting for one.
      this.#wake?.();
    });
    this.#inFlight.set(requestId, { promise, abort });
  }

  async #step(claim: WorkClaim, abort: AbortController): Promise<void> {
    const { application, work, logger, leaseMs, retryIntervalMs } = this.#options;
    const requestId = claim.request.requestId;
    const renewal = setInterval(() => {
      work.renewLease({ requestId, workerId: this.workerId, leaseMs }).catch((error: unknown) => {
        // Another worker holds it now (our lease expired): stop, it will carry on.
        logger.warn({ requestId, error: describe(error) }, 'lost the lease on a request; abandoning this step');
        abort.abort();
      });
    }, Math.max(1, Math.floor(leaseMs / 3)));
    let request: MachineRequest | undefined;
    let retryAfterMs: number | undefined = retryIntervalMs;
    try {
      const result = await application.dispatch(
        { type: 'ProvisionRequest', requestId },
        { correlationId: `worker:${requestId}`, signal: abort.signal },
      );
      request = result.request;
    } catch (error) {
      if (OhfError.isInstance(error) && error.code === 'REQUEST_NOT_FOUND') retryAfterMs = undefined;
      else if (OhfError.isInstance(error) && error.retryAfterMs !== undefined) retryAfterMs = Math.max(retryIntervalMs, error.retryAfterMs);
      logger.error({ requestId, error: describe(error) }, 'provisioning step failed; the request will be tried again');
    } finally {
      clearInterval(renewal);
    }
    const final = request !== undefined && isRequestFinal(request);
    try {
      // Harmless when another worker took the request over: only the holder's release counts.
      await work.releaseWork({ requestId, workerId: this.workerId, ...(final || retryAfterMs === undefined ? {} : { retryAfterMs }) });
    } catch (error) {
      logger.warn({ requestId, error: describe(error) }, 'could not release a lease; it will expire on its own');
    }
    this.#options.onStepFinished?.(requestId);
  }
}

function describe(error: unknown): Record<string, unknown> {
  if (OhfError.isInstance(error)) return { code: error.code, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}
