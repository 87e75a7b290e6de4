import { describe, expect, it } from 'vitest';
import { retryAfterMsFromHeaders } from './retry-after.js';

describe('retryAfterMsFromHeaders', () => {
  const now = new Date('2025-01-01T00:00:00Z');

  it('reads delta seconds', () => {
    expect(retryAfterMsFromHeaders(new Headers({ 'Retry-After': '3' }), now)).toBe(3000);
    expect(retryAfterMsFromHeaders(new Headers({ 'Retry-After': '0.5' }), now)).toBe(500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(retryAfterMsFromHeaders(new Headers({ 'Retry-After': 'Wed, 01 Jan 2025 00:00:10 GMT' }), now)).toBe(10_000);
    expect(retryAfterMsFromHeaders(new Headers({ 'Retry-After': 'Tue, 31 Dec 2024 23:59:00 GMT' }), now)).toBe(0);
  });

  it('is undefined when absent or unreadable', () => {
    expect(retryAfterMsFromHeaders(new Headers(), now)).toBeUndefined();
    expect(retryAfterMsFromHeaders(new Headers({ 'Retry-After': 'soon' }), now)).toBeUndefined();
  });
});
