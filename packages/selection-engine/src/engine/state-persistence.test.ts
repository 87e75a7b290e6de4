import { describe, expect, it } from 'vitest';
import { CONTRACT_INSTANCES } from '../__fixtures__/contract-instances.js';
import { manualClock, type ManualClock } from '../__fixtures__/manual-clock.js';
import { createSelectionEngine, type SelectionEngineOptions } from './selection-engine.js';

function engineAt(clock: ManualClock, options: SelectionEngineOptions = {}) {
  return createSelectionEngine({
    instances: CONTRACT_INSTANCES,
    policy: 'WEIGHTED_ROUND_ROBIN',
    circuitBreaker: { failureThreshold: 2, recoveryTimeoutSeconds: 60 },
    clock,
    ...options,
  });
}

/** Each CLI call is a fresh process: state must survive export → JSON → import. */
describe('exportState and importState', () => {
  it('carry health, metrics, breakers, blocks and rotation to a fresh engine', () => {
    const clock = manualClock();
    const first = engineAt(clock);
    first.recordOutcome('aws-us-east-1', { operation: 'CREATE_INSTANCES', success: true, latencyMs: 120 });
    first.recordOutcome('aws-us-east-1', { operation: 'CREATE_INSTANCES', success: false, latencyMs: 900, errorCode: 'QUOTA_EXCEEDED', api: 'EC2Fleet', instanceType: 'm5.large' });
    first.recordOutcome('linode-main', { success: false, errorCode: 'API_ERROR' });
    first.recordOutcome('linode-main', { success: false, errorCode: 'PROVIDER_UNAVAILABLE' });
    first.updateHealth('aws-us-west-2', { healthy: false, message: 'maintenance', retryAfterSeconds: 600, source: 'ops' });
    const rotation = Array.from({ length: 5 }, () => first.select({ requireHealthy: false }).instance);
    clock.advanceSeconds(5);

    const document = JSON.parse(JSON.stringify(first.exportState()));
    expect(document).toMatchObject({ format: 'ohf.selection-state', version: 1 });

    const second = engineAt(clock);
    expect(second.importState(document)).toEqual({ instances: ['aws-us-east-1', 'aws-us-west-2', 'linode-main', 'do-main'], ignoredInstances: [], cursors: 1 });
    for (const name of ['aws-us-east-1', 'aws-us-west-2', 'linode-main']) {
      expect(second.health(name, { includeHistory: true })).toEqual(first.health(name, { includeHistory: true }));
      expect(second.metrics(name, { includeErrors: true, includeOperationBreakdown: true })).toEqual(
        first.metrics(name, { includeErrors: true, includeOperationBreakdown: true }),
      );
    }
    expect(second.capacityBlocks()).toEqual(first.capacityBlocks());
    expect(second.health('linode-main').circuit.state).toBe('open');
    // Both continue the weighted rotation identically.
    const next = (engine: typeof first) => Array.from({ length: 12 }, () => engine.select({ requireHealthy: false }).instance);
    expect(rotation).toHaveLength(5);
    expect(next(second)).toEqual(next(first));
  });

  it('tolerates unknown and missing fields and skips instances no longer configured', () => {
    const clock = manualClock();
    const engine = engineAt(clock);
    const report = engine.importState({
      format: 'ohf.selection-state',
      version: 0,
      somethingNew: { ignored: true },
      instances: {
        'aws-us-east-1': { breaker: { state: 'open', consecutiveFailures: 7, openedAtMs: clock.ms }, futureField: 1 },
        'aws-retired': { health: { healthy: false, updatedAtMs: clock.ms } },
      },
    });
    expect(report).toEqual({ instances: ['aws-us-east-1'], ignoredInstances: ['aws-retired'], cursors: 0 });
    expect(engine.health('aws-us-east-1')).toMatchObject({ circuit: { state: 'open', consecutiveFailures: 7 }, healthy: true });
    expect(engine.importState({})).toEqual({ instances: [], ignoredInstances: [], cursors: 0 });
  });

  it('drops what expired while no process ran', () => {
    const clock = manualClock();
    const first = engineAt(clock);
    first.recordOutcome('aws-us-east-1', { success: false, errorCode: 'INSUFFICIENT_CAPACITY', api: 'EC2Fleet', instanceType: 'm5.large' });
    const document = JSON.parse(JSON.stringify(first.exportState()));
    clock.advanceSeconds(2 * 3_600);
    const later = engineAt(clock);
    later.importState(document);
    expect(later.capacityBlocks()).toEqual([]);
    expect(later.metrics('aws-us-east-1', { windowHours: 1 }).total).toBe(0);
    expect(later.metrics('aws-us-east-1', { windowHours: 3 }).total).toBe(1);
  });

  it('rejects a document of the wrong shape with the field path', () => {
    const engine = engineAt(manualClock());
    expect(() => engine.importState({ instances: { 'aws-us-east-1': { breaker: { state: 'melted' } } } })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR', message: expect.stringContaining('instances.aws-us-east-1.breaker.state') }),
    );
    expect(() => engine.importState('not json')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
  });
});
