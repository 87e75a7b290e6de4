import { ProviderSdkError } from '../errors/provider-errors.js';
import { sleep as defaultSleep } from './sleep.js';

export interface RetryPolicy {
  /** Tries in total, the first included. Default 4. */
  maxAttempts: number;
  /** Backoff before the second try; doubles on each further try. Default 200. */
  baseDelayMs: number;
  /** Largest backoff (before jitter). Default 20 000. */
  maxDelayMs: number;
  /** Total time allowed for waiting; retrying stops when the next wait would exceed it. Default 60 000. */
  budgetMs: number;
  /** Default: the error is an OHF error with `retryable === true`. */
  shouldRetry: (error: unknown, attempt: number) => boolean;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  random: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Stops waiting (and retrying) when it aborts. */
  signal?: AbortSignal;
  /**
   * When, on the `now` clock, the whole operation must be over: a wait that would end at or
   * after it is not taken, so no try starts once the deadline has passed.
   */
  deadline?: number;
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  budgetMs: 60_000,
  shouldRetry: (error: unknown) => ProviderSdkError.isInstance(error) && error.retryable,
  sleep: defaultSleep,
  random: Math.random,
  now: Date.now,
});

/**
 * Runs `operation` until it succeeds, the error is not retryable, the attempts are used up
 * the waiting budget would be exceeded or the next try would start after the deadline; then the
 * last error is thrown as it is.
 * Each wait is exponential backoff with full jitter, but never shorter than the error's
 * `retryAfterMs` (the server said when to come back).
 */
export async function retryWithBackoff<T>(
  operation: (attempt: number) => Promise<T>,
  policy: Partial<RetryPolicy> = {},
): Promise<T> {
  const settings: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...withoutUndefined(policy) };
  let waitedMs = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= settings.maxAttempts || !settings.shouldRetry(error, attempt)) throw error;
      if (settings.signal?.aborted) throw error;
      const delayMs = nextDelayMs(settings, attempt, error);
      if (waitedMs + delayMs > settings.budgetMs) throw error;
      if (settings.deadline !== undefined && settings.now() + delayMs >= settings.deadline) throw error;
      settings.onRetry?.({ attempt, delayMs, error });
      await settings.sleep(delayMs, settings.signal);
      waitedMs += delayMs;
    }
  }
}

function nextDelayMs(policy: RetryPolicy, attempt: number, error: unknown): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const backoff = Math.floor(policy.random() * ceiling);
  const retryAfterMs = retryAfterOf(error);
  return Math.max(backoff, retryAfterMs ?? 0);
}

function retryAfterOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
