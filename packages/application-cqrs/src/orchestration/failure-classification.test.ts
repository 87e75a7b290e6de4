import { describe, expect, it } from 'vitest';
import { classifyFailure } from './failure-classification.js';

describe('classifyFailure', () => {
  it('fails over while capacity and quota are blocked, for good on vanished instances, for now on throttling and outages, never on request errors', () => {
    expect(classifyFailure('INSUFFICIENT_CAPACITY', false)).toBe('failover-blocked');
    expect(classifyFailure('QUOTA_EXCEEDED', false)).toBe('failover-blocked');
    expect(classifyFailure('PROVIDER_NOT_FOUND', false)).toBe('failover-permanent');
    expect(classifyFailure('NO_MATCHING_PLAN', false)).toBe('failover-permanent');
    expect(classifyFailure('RATE_LIMIT_EXCEEDED', true)).toBe('failover-transient');
    expect(classifyFailure('PROVIDER_UNAVAILABLE', true)).toBe('failover-transient');
    expect(classifyFailure('API_ERROR', true)).toBe('failover-transient');
    expect(classifyFailure('API_ERROR', false)).toBe('fatal');
    expect(classifyFailure('INVALID_CREDENTIALS', false)).toBe('fatal');
    expect(classifyFailure('VALIDATION_ERROR', false)).toBe('fatal');
  });
});
