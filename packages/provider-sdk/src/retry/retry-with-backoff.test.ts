import { describe, expect, it, vi } from 'vitest';
import { ProviderApiError, ProviderAuthError, ProviderRateLimitError } from '../errors/provider-errors.js';
import { retryWithBackoff } from './retry-with-backoff.js';

function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

const unavailable = (): ProviderApiError => new ProviderApiError('PROVIDER_UNAVAILABLE', 'down', { retryable: true });

describe('retryWithBackoff', () => {
  it('retries retryable errors with exponential backoff and full jitter, then succeeds', async () => {
    const { sleep, waits } = recordingSleep();
    const operation = vi.fn(async (attempt: number) => {
      if (attempt < 4) throw unavailable();
      return 'done';
    });
    const result = await retryWithBackoff(operation, { sleep, random: () => 0.5, baseDelayMs: 100 });
    expect(result).toBe('done');
    expect(operation).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([50, 100, 200]);
  });

  it('starts no try after the deadline: a wait that would end there is not taken', async () => {
    let clock = 0;
    const operation = vi.fn(async () => {
      clock += 400; // each try takes 400 ms before it fails
      throw unavailable();
    });
    const sleep = async (ms: number): Promise<void> => void (clock += ms);
    await expect(retryWithBackoff(operation, { sleep, random: () => 0.5, baseDelayMs: 200, maxAttempts: 10, now: () => clock, deadline: 1_000 })).rejects.toThrow('down');
    // Tries start at 0 and 500 (after a 100 ms wait); the third would start at 1,100.
    expect(operation).toHaveBeenCalledTimes(2);
    expect(clock).toBeLessThanOrEqual(1_000);
  });

  it('caps the backoff at maxDelayMs', async () => {
    const { sleep, waits } = recordingSleep();
    await expect(
      retryWithBackoff(async () => Promise.reject(unavailable()), { sleep, random: () => 0.999, baseDelayMs: 1000, maxDelayMs: 1500, maxAttempts: 4 }),
    ).rejects.toThrow('down');
    expect(waits).toEqual([999, 1498, 1498]);
  });

  it('never waits less than the retryAfterMs the server asked for', async () => {
    const { sleep, waits } = recordingSleep();
    let calls = 0;
    await retryWithBackoff(
      async () => {
        calls += 1;
        if (calls === 1) throw new ProviderRateLimitError('slow down', { retryAfterMs: 7000 });
        return calls;
      },
      { sleep, random: () => 0.1 },
    );
    expect(waits).toEqual([7000]);
  });

  it('does not retry errors that are not retryable', async () => {
    const { sleep, waits } = recordingSleep();
    const operation = vi.fn(async () => Promise.reject(new ProviderAuthError('INVALID_CREDENTIALS', 'bad token')));
    await expect(retryWithBackoff(operation, { sleep })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(operation).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it('gives up with the last error when the next wait would exceed the budget', async () => {
    const { sleep, waits } = recordingSleep();
    const operation = vi.fn(async () => Promise.reject(new ProviderRateLimitError('slow down', { retryAfterMs: 4000 })));
    await expect(retryWithBackoff(operation, { sleep, random: () => 0.5, budgetMs: 10_000, maxAttempts: 10 })).rejects.toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
    });
    expect(waits).toEqual([4000, 4000]);
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it('stops after maxAttempts and reports each retry', async () => {
    const { sleep } = recordingSleep();
    const onRetry = vi.fn();
    const operation = vi.fn(async () => Promise.reject(unavailable()));
    await expect(retryWithBackoff(operation, { sleep, maxAttempts: 3, random: () => 0, onRetry })).rejects.toThrow('down');
    expect(operation).toHaveBeenCalledTimes(3);
    expect(onRetry.mock.calls.map(([info]) => info.attempt)).toEqual([1, 2]);
  });

  it('uses a custom shouldRetry', async () => {
    const { sleep } = recordingSleep();
    const operation = vi.fn(async (attempt: number) => {
      if (attempt === 1) throw new Error('plain');
      return attempt;
    });
    await expect(retryWithBackoff(operation, { sleep, shouldRetry: (error) => error instanceof Error })).resolves.toBe(2);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const promise = retryWithBackoff(
      async () => {
        controller.abort(new Error('cancelled'));
        throw unavailable();
      },
      { signal: controller.signal, random: () => 1, baseDelayMs: 10_000 },
    );
    await expect(promise).rejects.toThrow('down');
  });
});
