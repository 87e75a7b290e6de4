import type { DomainEvent } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { CONTRACT_INSTANCES } from '../__fixtures__/contract-instances.js';
import { manualClock } from '../__fixtures__/manual-clock.js';
import { createSelectionEngine } from './selection-engine.js';

function setup(retentionHours = 24) {
  const clock = manualClock('2026-03-01T12:00:30.000Z');
  const events: DomainEvent[] = [];
  const engine = createSelectionEngine({
    instances: CONTRACT_INSTANCES,
    policy: 'PRIORITY',
    circuitBreaker: { failureThreshold: 3, recoveryTimeoutSeconds: 60 },
    metricsRetentionHours: retentionHours,
    clock,
    onEvent: (event) => events.push(event),
  });
  return { engine, clock, events };
}

describe('metrics', () => {
  it('reports success rate, latency percentiles, operations and errors over a window', () => {
    const { engine, clock } = setup();
    for (let index = 1; index <= 100; index += 1) {
      engine.recordOutcome('aws-us-east-1', { operation: 'CREATE_INSTANCES', success: true, latencyMs: index * 10 });
    }
    engine.recordOutcome('aws-us-east-1', {
      operation: 'CREATE_INSTANCES',
      success: false,
      latencyMs: 2_000,
      errorCode: 'INSUFFICIENT_CAPACITY',
      errorMessage: 'no m5.large in us-east-1a',
      api: 'EC2Fleet',
      instanceType: 'm5.large',
    });
    clock.advanceSeconds(120);
    engine.recordOutcome('aws-us-east-1', { operation: 'HEALTH_CHECK', success: false, latencyMs: 30, errorCode: 'API_ERROR' });

    const metrics = engine.metrics('aws-us-east-1', { windowHours: 1, includeOperationBreakdown: true, includeErrors: true });
    expect(metrics).toMatchObject({ instance: 'aws-us-east-1', total: 102, successes: 100, failures: 2 });
    expect(metrics.successRatePercent).toBeCloseTo((100 / 102) * 100, 6);
    // Sixty one-minute buckets, the current partial one included.
    expect(metrics.window).toEqual({ seconds: 3_570, bucketSeconds: 60, from: '2026-03-01T11:03:00.000Z', to: '2026-03-01T12:02:30.000Z' });
    const latency = metrics.latency!;
    expect(latency).toMatchObject({ count: 102, minMs: 10, maxMs: 2_000 });
    // Exact figures: p50 = 500 ms, p95 = 950 ms, p99 = 990 ms; the histogram is within 12.5%.
    expect(Math.abs(latency.p50Ms - 500) / 500).toBeLessThan(0.125);
    expect(Math.abs(latency.p95Ms - 950) / 950).toBeLessThan(0.125);
    expect(Math.abs(latency.p99Ms - 990) / 990).toBeLessThan(0.125);
    expect(metrics.operations).toEqual({
      CREATE_INSTANCES: expect.objectContaining({ total: 101, successes: 100, failures: 1, active: 0 }),
      HEALTH_CHECK: expect.objectContaining({ total: 1, failures: 1, successRatePercent: 0, meanLatencyMs: 30 }),
    });
    expect(metrics.errors).toEqual({
      byCode: { API_ERROR: 1, INSUFFICIENT_CAPACITY: 1 },
      recent: [
        {
          at: '2026-03-01T12:00:30.000Z',
          code: 'INSUFFICIENT_CAPACITY',
          message: 'no m5.large in us-east-1a',
          operation: 'CREATE_INSTANCES',
          api: 'EC2Fleet',
          instanceType: 'm5.large',
        },
        { at: '2026-03-01T12:02:30.000Z', code: 'API_ERROR', message: null, operation: 'HEALTH_CHECK', api: null, instanceType: null },
      ],
    });
    // A one-minute window holds only the latest outcome.
    expect(engine.metrics('aws-us-east-1', { windowSeconds: 60 }).total).toBe(1);
    // A capacity failure also blocks what it failed on.
    expect(engine.isBlocked({ instance: 'aws-us-east-1', api: 'EC2Fleet', instanceType: 'm5.large' })).toBe(true);
  });

  it('answers windows of hours from hourly buckets and forgets what is older than the retention', () => {
    const { engine, clock } = setup(6);
    for (let hour = 0; hour < 10; hour += 1) {
      engine.recordOutcome('linode-main', { operation: 'CREATE_INSTANCES', success: hour % 2 === 0, latencyMs: 100, errorCode: 'API_ERROR' });
      clock.advanceSeconds(3_600);
    }
    expect(engine.metrics('linode-main', { windowHours: 3 }).total).toBe(2);
    // Six hourly buckets are kept: the current one (empty) and the five before it.
    expect(engine.metrics('linode-main', { windowHours: 24 })).toMatchObject({ total: 5, window: { bucketSeconds: 3_600, seconds: 5 * 3_600 + 30 } });
    expect(engine.metrics().map((metrics) => metrics.instance)).toEqual(['aws-us-east-1', 'aws-us-west-2', 'linode-main', 'do-main']);
  });

  it('counts active operations per operation and records the measured latency on end', () => {
    const { engine, clock } = setup();
    const create = engine.beginOperation('aws-us-west-2', 'CREATE_INSTANCES');
    engine.beginOperation('aws-us-west-2', 'GET_INSTANCE_STATUS');
    expect(engine.metrics('aws-us-west-2', { includeOperationBreakdown: true })).toMatchObject({
      activeOperations: 2,
      operations: { CREATE_INSTANCES: { active: 1, total: 0 }, GET_INSTANCE_STATUS: { active: 1 } },
    });
    clock.advance(1_500);
    create.end({ success: true });
    create.end({ success: true });
    expect(engine.metrics('aws-us-west-2')).toMatchObject({ activeOperations: 1, total: 1, latency: { meanMs: 1_500 } });
    expect(engine.endOperation('aws-us-west-2', 'GET_INSTANCE_STATUS')).toBe(0);
    expect(engine.endOperation('aws-us-west-2', 'GET_INSTANCE_STATUS')).toBe(0);
    expect(engine.beginOperation('not-registered').tracked).toBe(false);
    expect(engine.recordOutcome('not-registered', { success: true })).toBe(false);
  });
});

describe('circuit breaker and health events', () => {
  it('emits CircuitOpened, then CircuitClosed after a successful probe, with health changes', () => {
    const { engine, clock, events } = setup();
    engine.recordOutcome('aws-us-east-1', { success: false, errorCode: 'API_ERROR' });
    engine.recordOutcome('aws-us-east-1', { success: false, errorCode: 'INSUFFICIENT_CAPACITY' });
    engine.recordOutcome('aws-us-east-1', { success: false, errorCode: 'API_ERROR' });
    expect(events).toEqual([]);
    engine.recordOutcome('aws-us-east-1', { success: false, errorCode: 'PROVIDER_UNAVAILABLE' });
    expect(events).toEqual([
      { type: 'CircuitOpened', providerInstance: 'aws-us-east-1', consecutiveFailures: 3, occurredAt: '2026-03-01T12:00:30.000Z' },
      {
        type: 'ProviderHealthChanged',
        providerInstance: 'aws-us-east-1',
        healthy: false,
        message: 'circuit opened after 3 consecutive failures (last: PROVIDER_UNAVAILABLE)',
        occurredAt: '2026-03-01T12:00:30.000Z',
      },
    ]);
    expect(engine.health('aws-us-east-1')).toMatchObject({ status: 'circuit_open', available: false, circuit: { state: 'open', consecutiveFailures: 3 } });
    clock.advanceSeconds(60);
    engine.clearCapacityBlocks();
    expect(engine.health('aws-us-east-1')).toMatchObject({ status: 'circuit_half_open', available: true });
    expect(engine.select().instance).toBe('aws-us-east-1');
    engine.recordOutcome('aws-us-east-1', { success: true, latencyMs: 80 });
    expect(events.slice(2).map((event) => event.type)).toEqual(['CircuitClosed', 'ProviderHealthChanged']);
    expect(events.at(-1)).toMatchObject({ healthy: true, message: 'circuit closed after a successful probe' });
    expect(engine.health('aws-us-east-1')).toMatchObject({ status: 'healthy', circuit: { state: 'closed', consecutiveFailures: 0 } });
  });

  it('records health reports with their source, history and retry-after', () => {
    const { engine, clock, events } = setup();
    const health = engine.updateHealth('aws-us-west-2', {
      healthy: false,
      message: 'Rate limit exceeded',
      errorDetails: { error_code: 'RATE_LIMIT' },
      retryAfterSeconds: 300,
      source: 'monitoring_system',
    });
    expect(health).toMatchObject({
      healthy: false,
      available: false,
      status: 'unhealthy',
      message: 'Rate limit exceeded',
      source: 'monitoring_system',
      retryAt: '2026-03-01T12:05:30.000Z',
    });
    expect(events).toEqual([
      expect.objectContaining({ type: 'ProviderHealthChanged', providerInstance: 'aws-us-west-2', healthy: false, message: 'Rate limit exceeded' }),
    ]);
    engine.updateHealth('aws-us-west-2', { healthy: false, message: 'still throttled' });
    expect(events).toHaveLength(1);
    clock.advanceSeconds(30);
    engine.updateHealth('aws-us-west-2', { healthy: true, source: 'monitoring_system' });
    expect(events.at(-1)).toMatchObject({ healthy: true });
    const withHistory = engine.health('aws-us-west-2', { includeHistory: true });
    expect(withHistory.history?.map((entry) => entry.healthy)).toEqual([true, false, false, true]);
    expect(engine.health().map((entry) => entry.status)).toEqual(['healthy', 'healthy', 'healthy', 'disabled']);
  });

  it('delivers every event even when a listener throws, then surfaces the error', () => {
    const clock = manualClock();
    const seen: string[] = [];
    const engine = createSelectionEngine({
      instances: CONTRACT_INSTANCES,
      circuitBreaker: { failureThreshold: 1 },
      clock,
      onEvent: (event) => {
        seen.push(event.type);
        if (event.type === 'CircuitOpened') throw new Error('listener failed');
      },
    });
    expect(() => engine.recordOutcome('linode-main', { success: false, errorCode: 'API_ERROR' })).toThrow('listener failed');
    expect(seen).toEqual(['CircuitOpened', 'ProviderHealthChanged']);
    expect(engine.health('linode-main').circuit.state).toBe('open');
  });
});
