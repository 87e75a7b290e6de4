import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMemory, formatMoney, priceFor } from './format';

describe('format', () => {
  it('prices a count of machines per hour and per month, preferring the plan monthly price', () => {
    expect(priceFor(3, 0.03, 20)).toEqual({ hourly: 0.09, monthly: 60 });
    expect(priceFor(2, 0.01, null)).toEqual({ hourly: 0.02, monthly: 14.6 });
    expect(priceFor(2, null, null)).toEqual({ hourly: null, monthly: null });
  });

  it('writes money, memory and times readably', () => {
    expect(formatMoney(0.0075)).toBe('0.0075 USD');
    expect(formatMoney(null)).toBe('—');
    expect(formatMemory(0.5)).toBe('512 MB');
    expect(formatMemory(4)).toBe('4 GB');
    expect(formatDateTime('2026-12-05T10:00:00.000Z')).toBe('2026-12-05 10:00:00 UTC');
  });
});
