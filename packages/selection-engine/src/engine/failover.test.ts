import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { CONTRACT_FALLBACK, CONTRACT_INSTANCES } from '../__fixtures__/contract-instances.js';
import { manualClock } from '../__fixtures__/manual-clock.js';
import { createSelectionEngine, type SelectionEngineOptions } from './selection-engine.js';
import type { SelectionDecision } from './selection-decision.js';

function setup(options: SelectionEngineOptions = {}) {
  const clock = manualClock();
  const engine = createSelectionEngine({
    instances: [
      ...CONTRACT_INSTANCES,
      { name: 'aws-eu-west-1', type: 'aws', priority: 5, weight: 1, capabilities: ['EC2Fleet'] },
    ],
    policy: 'PRIORITY',
    fallback: CONTRACT_FALLBACK,
    capacityBlockTtlSeconds: { insufficient_capacity: 180, quota_exceeded: 900, rate_limit_exceeded: 30, provider_unavailable: 60 },
    clock,
    ...options,
  });
  return { engine, clock };
}

function thrown(action: () => unknown): OhfError {
  try {
    action();
  } catch (error) {
    if (OhfError.isInstance(error)) return error as OhfError;
    throw error;
  }
  throw new Error('expected an error');
}

const template = { templateId: 'fleet', providerType: 'aws', providerApi: 'EC2Fleet', vmTypes: { 'm5.large': 1 } } as const;

describe('failover', () => {
  it('blocks the failed (instance, API, instance type) and moves to the next candidate in policy order', () => {
    const { engine } = setup();
    const first = engine.resolveForTemplate(template);
    expect(first.instance).toBe('aws-us-east-1');
    const second = engine.failover(first, { errorCode: 'INSUFFICIENT_CAPACITY', instanceType: 'm5.large' });
    expect(second).toMatchObject({
      instance: 'aws-us-west-2',
      attempt: 2,
      tried: ['aws-us-east-1', 'aws-us-west-2'],
      failover: { from: 'aws-us-east-1', errorCode: 'INSUFFICIENT_CAPACITY' },
    });
    expect(second.explanation?.summary).toContain('after aws-us-east-1 failed with INSUFFICIENT_CAPACITY');
    expect(engine.isBlocked({ instance: 'aws-us-east-1', api: 'EC2Fleet', instanceType: 'm5.large' })).toBe(true);
    expect(engine.isBlocked({ instance: 'aws-us-east-1', api: 'EC2Fleet', instanceType: 'm5.xlarge' })).toBe(false);
    expect(engine.capacityBlocks('aws-us-east-1')).toEqual([
      {
        instance: 'aws-us-east-1',
        api: 'EC2Fleet',
        instanceType: 'm5.large',
        kind: 'insufficient_capacity',
        reason: null,
        blockedAt: '2026-03-01T12:00:00.000Z',
        expiresAt: '2026-03-01T12:03:00.000Z',
      },
    ]);
    // A new request for the same template avoids the blocked instance until the TTL ends.
    expect(engine.resolveForTemplate(template).instance).toBe('aws-us-west-2');
  });

  it('lifts blocks after the TTL of their kind', () => {
    const { engine, clock } = setup();
    const first = engine.resolveForTemplate(template);
    engine.failover(first, { errorCode: 'INSUFFICIENT_CAPACITY', instanceType: 'm5.large' });
    clock.advanceSeconds(179);
    expect(engine.resolveForTemplate(template).instance).toBe('aws-us-west-2');
    clock.advanceSeconds(1);
    expect(engine.resolveForTemplate(template).instance).toBe('aws-us-east-1');
  });

  it('scopes blocks by kind: throttling blocks the API, an outage the whole instance', () => {
    const { engine } = setup();
    const decision = engine.resolveForTemplate(template);
    engine.failover(decision, { errorCode: 'RATE_LIMIT_EXCEEDED' });
    expect(engine.isBlocked({ instance: 'aws-us-east-1', api: 'EC2Fleet', instanceType: 'c5.large' })).toBe(true);
    expect(engine.isBlocked({ instance: 'aws-us-east-1', api: 'RunInstances' })).toBe(false);
    engine.failover(decision, { errorCode: 'PROVIDER_UNAVAILABLE', retryAfterMs: 5_000 });
    expect(engine.isBlocked({ instance: 'aws-us-east-1' })).toBe(true);
    // The provider's Retry-After replaces the configured TTL.
    expect(engine.capacityBlocks('aws-us-east-1').find((block) => block.kind === 'provider_unavailable')?.expiresAt).toBe(
      '2026-03-01T12:00:05.000Z',
    );
  });

  it('does not block for errors about the request itself', () => {
    const { engine } = setup();
    const decision = engine.resolveForTemplate(template);
    expect(engine.failover(decision, { errorCode: 'VALIDATION_ERROR' }).instance).toBe('aws-us-west-2');
    expect(engine.capacityBlocks()).toEqual([]);
  });

  it('skips open circuits and continues with the fallback list', () => {
    const { engine } = setup({ circuitBreaker: { failureThreshold: 1 } });
    engine.recordOutcome('aws-us-west-2', { success: false, errorCode: 'API_ERROR' });
    const first = engine.resolveForTemplate({ templateId: 'any', providerApi: 'EC2Fleet' });
    expect(first.instance).toBe('aws-us-east-1');
    const second = engine.failover(first, { errorCode: 'QUOTA_EXCEEDED', instanceType: 'm5.large' });
    expect(second.instance).toBe('aws-eu-west-1');
    const skippedWest = second.explanation!.steps[0]!.candidates.find((candidate) => candidate.instance === 'aws-us-west-2')!;
    expect(skippedWest.skipped[0]).toMatchObject({ reason: 'circuit_open', until: '2026-03-01T12:01:00.000Z' });
  });

  it('works on a decision that went through JSON, as a later CLI call would', () => {
    const { engine } = setup();
    const stored = JSON.parse(JSON.stringify(engine.resolveForTemplate(template))) as SelectionDecision;
    expect(engine.failover(stored, { errorCode: 'INSUFFICIENT_CAPACITY', instanceType: 'm5.large' }).instance).toBe('aws-us-west-2');
    expect(() => engine.failover({ ...stored, tried: [] }, { errorCode: 'API_ERROR' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
  });

  it('reports an exhausted chain, retryable only when waiting frees a candidate', () => {
    const { engine } = setup();
    let decision = engine.resolveForTemplate(template);
    const visited = [decision.instance];
    let error: OhfError | undefined;
    for (let attempt = 0; attempt < 5 && error === undefined; attempt += 1) {
      try {
        decision = engine.failover(decision, { errorCode: 'INSUFFICIENT_CAPACITY', instanceType: 'm5.large' });
        visited.push(decision.instance);
      } catch (caught) {
        error = caught as OhfError;
      }
    }
    expect(visited).toEqual(['aws-us-east-1', 'aws-us-west-2', 'aws-eu-west-1']);
    expect(error?.code).toBe('NO_COMPATIBLE_PROVIDER');
    expect(error?.details.tried).toEqual(visited);
    // Every candidate was tried: nothing lapses by itself, so a retry needs a change.
    expect(error?.retryable).toBe(false);

    // A fresh request sees only capacity blocks, which lapse: retryable after the earliest one.
    const fresh = thrown(() => engine.resolveForTemplate(template));
    expect(fresh.code).toBe('NO_COMPATIBLE_PROVIDER');
    expect(fresh.retryable).toBe(true);
    expect(fresh.retryAfterMs).toBe(180_000);
    expect(fresh.details.skipped).toMatchObject({
      'aws-us-east-1': ['capacity_blocked'],
      'aws-us-west-2': ['capacity_blocked'],
      'aws-eu-west-1': ['capacity_blocked'],
      'linode-main': ['type_mismatch', 'missing_capability'],
      'do-main': ['disabled', 'type_mismatch', 'missing_capability'],
    });
  });

  it('hands out the half-open probe to one request only', () => {
    const { engine, clock } = setup({ circuitBreaker: { failureThreshold: 1, recoveryTimeoutSeconds: 30 } });
    engine.recordOutcome('aws-us-east-1', { success: false, errorCode: 'PROVIDER_UNAVAILABLE' });
    engine.clearCapacityBlocks();
    expect(engine.select().instance).toBe('aws-us-west-2');
    clock.advanceSeconds(30);
    expect(engine.select(undefined, { dryRun: true }).instance).toBe('aws-us-east-1');
    expect(engine.select().instance).toBe('aws-us-east-1');
    expect(engine.health('aws-us-east-1').circuit.state).toBe('half_open');
    expect(engine.select().instance).toBe('aws-us-west-2');
    engine.recordOutcome('aws-us-east-1', { success: true, latencyMs: 40 });
    expect(engine.select().instance).toBe('aws-us-east-1');
  });
});

describe('a selection refused for blocks that lapse', () => {
  it('says for each candidate what blocks it, why and until when, and that waiting helps', () => {
    const { engine, clock } = setup({ instances: [{ name: 'aws-a', type: 'aws', capabilities: ['EC2Fleet'] }], fallback: [] });
    engine.recordOutcome('aws-a', {
      operation: 'CREATE_INSTANCES',
      success: false,
      latencyMs: 40,
      errorCode: 'INSUFFICIENT_CAPACITY',
      errorMessage: 'We currently do not have sufficient m5.large capacity in us-east-1a',
      api: 'EC2Fleet',
      instanceType: 'm5.large',
    });
    const refused = thrown(() => engine.resolveForTemplate(template));
    expect(refused.code).toBe('NO_COMPATIBLE_PROVIDER');
    expect(refused.retryable).toBe(true);
    const until = new Date(clock.now().getTime() + 180_000).toISOString();
    expect(refused.message).toBe(
      `No provider instance can serve template fleet with API EC2Fleet: aws-a (insufficient capacity for m5.large with EC2Fleet until ${until}: We currently do not have sufficient m5.large capacity in us-east-1a)`,
    );
  });
});
