export interface RateLimiterOptions {
  readonly requestsPerSecond: number;
  readonly burst: number;
  /** Milliseconds; injectable so tests control time. */
  readonly now?: () => number;
  /** Buckets kept at most (oldest dropped first): bounds memory under many client addresses. */
  readonly maxClients?: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** Token buckets per client: `burst` tokens, refilled at `requestsPerSecond`. */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; updatedAt: number }>();
  readonly #options: Required<RateLimiterOptions>;

  constructor(options: RateLimiterOptions) {
    this.#options = { now: () => performance.now(), maxClients: 10_000, ...options };
  }

  take(client: string): RateDecision {
    const { requestsPerSecond, burst, now, maxClients } = this.#options;
    const time = now();
    let bucket = this.#buckets.get(client);
    if (bucket === undefined) {
      if (this.#buckets.size >= maxClients) this.#buckets.delete(this.#buckets.keys().next().value!);
      bucket = { tokens: burst, updatedAt: time };
      this.#buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.updatedAt) / 1000) * requestsPerSecond);
      bucket.updatedAt = time;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / requestsPerSecond) * 1000) };
  }
}
