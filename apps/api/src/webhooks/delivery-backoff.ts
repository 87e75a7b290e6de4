export interface DeliveryBackoffOptions {
  /** The wait after the first failed attempt, before jitter. */
  readonly baseDelayMs: number;
  /** No wait is longer than this. */
  readonly maxDelayMs: number;
}

/**
 * How long to wait before attempt `failedAttempts + 1`: exponential (base × 2^(n-1), capped) with
 * "equal jitter" — half the delay fixed, half random — so retries of many deliveries that failed
 * together (one endpoint down) spread out instead of arriving at once, yet never come back
 * sooner than half the intended delay.
 */
export function deliveryBackoffMs(failedAttempts: number, options: DeliveryBackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const delay = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(delay / 2 + random() * (delay / 2));
}
