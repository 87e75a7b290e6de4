const LONGEST_CHECK_MS = 60_000;

export interface PeriodicCheckOptions {
  /** The configured interval in milliseconds; 0 keeps the check from starting. */
  readonly intervalMs: number;
  /** How often to ask whether a run is due; default the interval, at most a minute. */
  readonly checkEveryMs?: number;
  /** One run; it decides itself whether work is due (the interval lives in storage, shared by replicas). */
  readonly run: (signal: AbortSignal) => Promise<void>;
}

/**
 * The timer behind the API's interval workers: one run at a time, a check right at start, and a
 * stop that lets a run in progress finish within a grace period before aborting it. Whether work
 * is due is stored, so of several replicas one does it per interval.
 */
export class PeriodicCheck {
  readonly #options: PeriodicCheckOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #abort: AbortController | undefined;

  constructor(options: PeriodicCheckOptions) {
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

  /** One check; resolves when its run is over. A check during a run joins that run. */
  check(): Promise<void> {
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops checking; a run in progress gets `graceMs` to finish, then is aborted. */
  async stop(graceMs = 0): Promise<void> {
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
      await this.#options.run(this.#abort.signal);
    } finally {
      this.#abort = undefined;
    }
  }
}
