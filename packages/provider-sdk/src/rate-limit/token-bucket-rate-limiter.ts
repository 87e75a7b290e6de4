import { sleep as defaultSleep } from '../retry/sleep.js';

export interface TokenBucketRateLimiterOptions {
  /** Most tokens the bucket holds (the burst size); it starts full. */
  readonly capacity: number;
  /** Tokens added every `refillIntervalMs` (e.g. Linode instance create: 10 per 30 000 ms). */
  readonly refillTokens: number;
  readonly refillIntervalMs: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * A token bucket per provider instance: calls take tokens, tokens come back in steps of
 * `refillTokens` every `refillIntervalMs`. Waiters are served first come, first served.
 */
export class TokenBucketRateLimiter {
  readonly #capacity: number;
  readonly #refillTokens: number;
  readonly #refillIntervalMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  #tokens: number;
  #lastRefillAt: number;
  #pausedUntil = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketRateLimiterOptions) {
    for (const [name, value] of Object.entries({
      capacity: options.capacity,
      refillTokens: options.refillTokens,
      refillIntervalMs: options.refillIntervalMs,
    })) {
      if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`TokenBucketRateLimiter: ${name} must be a positive number, got ${value}`);
    }
    this.#capacity = options.capacity;
    this.#refillTokens = options.refillTokens;
    this.#refillIntervalMs = options.refillIntervalMs;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => defaultSleep(ms));
    this.#tokens = options.capacity;
    this.#lastRefillAt = this.#now();
  }

  /** Tokens available right now. */
  get availableTokens(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Waits until `cost` tokens are available and takes them. */
  acquire(cost = 1, signal?: AbortSignal): Promise<void> {
    this.#checkCost(cost);
    const turn = this.#queue.then(() => this.#acquireInTurn(cost, signal));
    // A failed (aborted) waiter must not block the ones behind it.
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** Takes `cost` tokens if they are available now (and nobody is paused); never waits. */
  tryAcquire(cost = 1): boolean {
    this.#checkCost(cost);
    this.#refill();
    if (this.#now() < this.#pausedUntil || this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** Holds every caller until `epochMs` (a `Retry-After` or rate-limit reset header). */
  pauseUntil(epochMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, epochMs);
  }

  async #acquireInTurn(cost: number, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.#refill();
      const now = this.#now();
      let waitMs: number;
      if (now < this.#pausedUntil) {
        waitMs = this.#pausedUntil - now;
      } else if (this.#tokens >= cost) {
        this.#tokens -= cost;
        return;
      } else {
        waitMs = Math.max(1, this.#lastRefillAt + this.#refillIntervalMs - now);
      }
      await this.#wait(waitMs, signal);
    }
  }

  #refill(): void {
    const elapsed = this.#now() - this.#lastRefillAt;
    if (elapsed < this.#refillIntervalMs) return;
    const intervals = Math.floor(elapsed / this.#refillIntervalMs);
    this.#tokens = Math.min(this.#capacity, this.#tokens + intervals * this.#refillTokens);
    this.#lastRefillAt += intervals * this.#refillIntervalMs;
  }

  #wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return this.#sleep(ms);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.#sleep(ms).then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  #checkCost(cost: number): void {
    if (!(cost > 0 && cost <= this.#capacity)) {
      throw new RangeError(`TokenBucketRateLimiter: cost must be between 1 and the capacity ${this.#capacity}, got ${cost}`);
    }
  }
}
