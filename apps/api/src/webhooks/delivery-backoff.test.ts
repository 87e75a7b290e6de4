import { describe, expect, it } from 'vitest';
import { deliveryBackoffMs } from './delivery-backoff.js';

const OPTIONS = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

describe('delivery backoff', () => {
  it('doubles with each failed attempt', () => {
    const noJitter = () => 1;
    expect([1, 2, 3, 4].map((attempts) => deliveryBackoffMs(attempts, OPTIONS, noJitter))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('is capped at the longest delay, even after very many attempts', () => {
    expect(deliveryBackoffMs(10, OPTIONS, () => 1)).toBe(60_000);
    expect(deliveryBackoffMs(5_000, OPTIONS, () => 1)).toBe(60_000);
  });

  it('jitters within the upper half of the delay', () => {
    expect(deliveryBackoffMs(3, OPTIONS, () => 0)).toBe(2_000);
    expect(deliveryBackoffMs(3, OPTIONS, () => 0.5)).toBe(3_000);
    const spread = new Set(Array.from({ length: 50 }, () => deliveryBackoffMs(3, OPTIONS)));
    expect(spread.size).toBeGreaterThan(1);
    for (const delay of spread) expect(delay).toBeGreaterThanOrEqual(2_000);
  });
});
