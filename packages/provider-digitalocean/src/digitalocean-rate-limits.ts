import { TokenBucketRateLimiter } from '@ohf/provider-sdk';

export interface DigitalOceanRateLimiters {
  /** Paces every attempt (retries included) to the per-minute limit. */
  readonly perMinute: TokenBucketRateLimiter;
  /** Counts logical calls against the hourly limit and holds them when the API says the hour is used up. */
  readonly perHour: TokenBucketRateLimiter;
  /** Reads `ratelimit-remaining` / `ratelimit-reset` from every answer. */
  observe(headers: Headers): void;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * The two DigitalOcean budgets as token buckets that refill one token at a time (250/min →
 * one every 240 ms; 5,000/h → one every 720 ms), starting full so short bursts go straight
 * through. The API's own counters win: when `ratelimit-remaining` reaches 0 every caller
 * waits until `ratelimit-reset` (epoch seconds); a 429's wait is applied by the HTTP client.
 */
export function createDigitalOceanRateLimiters(options: {
  readonly requestsPerMinute: number;
  readonly requestsPerHour: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}): DigitalOceanRateLimiters {
  const now = options.now ?? Date.now;
  const shared = { now, ...(options.sleep ? { sleep: options.sleep } : {}) };
  const perMinute = new TokenBucketRateLimiter({
    capacity: options.requestsPerMinute,
    refillTokens: 1,
    refillIntervalMs: MINUTE_MS / options.requestsPerMinute,
    ...shared,
  });
  const perHour = new TokenBucketRateLimiter({
    capacity: options.requestsPerHour,
    refillTokens: 1,
    refillIntervalMs: HOUR_MS / options.requestsPerHour,
    ...shared,
  });
  return {
    perMinute,
    perHour,
    observe(headers) {
      const remaining = headers.get('ratelimit-remaining');
      if (remaining === null || Number(remaining) > 0) return;
      const resetAtMs = Number(headers.get('ratelimit-reset')) * 1000;
      // A reset in the past or beyond the hourly window is not a wait anyone should honour.
      if (Number.isFinite(resetAtMs) && resetAtMs > now() && resetAtMs - now() <= HOUR_MS) perHour.pauseUntil(resetAtMs);
    },
  };
}
