import { describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from './token-bucket-rate-limiter.js';

/** A clock that only moves when the limiter sleeps, so waits are measured, not endured. */
function fakeClock(start = 1_000_000): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

describe('TokenBucketRateLimiter', () => {
  it('lets a burst of `capacity` calls through, then waits for the next refill', async () => {
    const clock = fakeClock();
    const limiter = new TokenBucketRateLimiter({ capacity: 10, refillTokens: 10, refillIntervalMs: 30_000, ...clock });
    const start = clock.now();
    for (let call = 0; call < 10; call += 1) await limiter.acquire();
    expect(clock.now()).toBe(start);
    await limiter.acquire();
    expect(clock.now() - start).toBe(30_000);
  });

  it('refills in steps and never above capacity', () => {
    const clock = fakeClock();
    const limiter = new TokenBucketRateLimiter({ capacity: 5, refillTokens: 2, refillIntervalMs: 1000, ...clock });
    expect(limiter.tryAcquire(5)).toBe(true);
    expect(limiter.tryAcquire()).toBe(false);
    void clock.sleep(999);
    expect(limiter.tryAcquire()).toBe(false);
    void clock.sleep(1);
    expect(limiter.availableTokens).toBe(2);
    void clock.sleep(10_000);
    expect(limiter.availableTokens).toBe(5);
  });

  it('serves concurrent waiters in order at the refill rate', async () => {
    const clock = fakeClock();
    const limiter = new TokenBucketRateLimiter({ capacity: 1, refillTokens: 1, refillIntervalMs: 100, ...clock });
    const start = clock.now();
    const finished: Array<[number, number]> = [];
    await Promise.all([0, 1, 2, 3].map(async (index) => {
      await limiter.acquire();
      finished.push([index, clock.now() - start]);
    }));
    expect(finished).toEqual([[0, 0], [1, 100], [2, 200], [3, 300]]);
  });

  it('holds every caller until a pause ends', async () => {
    const clock = fakeClock();
    const limiter = new TokenBucketRateLimiter({ capacity: 10, refillTokens: 1, refillIntervalMs: 1000, ...clock });
    limiter.pauseUntil(clock.now() + 5000);
    expect(limiter.tryAcquire()).toBe(false);
    const start = clock.now();
    await limiter.acquire();
    expect(clock.now() - start).toBe(5000);
  });

  it('rejects a waiter whose signal aborts without blocking the next one', async () => {
    let release: () => void = () => undefined;
    let time = 0;
    const limiter = new TokenBucketRateLimiter({
      capacity: 1,
      refillTokens: 1,
      refillIntervalMs: 1000,
      now: () => time,
      sleep: (ms) => new Promise<void>((resolve) => { release = () => { time += ms; resolve(); }; }),
    });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(1, controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error('cancelled'));
    await expect(aborted).rejects.toThrow('cancelled');
    release();
    await expect(next).resolves.toBeUndefined();
  });

  it('rejects costs it could never satisfy and invalid settings', () => {
    const limiter = new TokenBucketRateLimiter({ capacity: 2, refillTokens: 1, refillIntervalMs: 10 });
    expect(() => limiter.tryAcquire(3)).toThrow(RangeError);
    expect(() => new TokenBucketRateLimiter({ capacity: 0, refillTokens: 1, refillIntervalMs: 10 })).toThrow(/capacity/);
  });
});
