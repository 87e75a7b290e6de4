import { OhfError, type DomainEvent } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../__fixtures__/manual-clock.js';
import { seededRandom } from '../random/random-source.js';
import { createSelectionEngine } from './selection-engine.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function instance(index: number) {
  return { name: `aws-${index}`, type: 'aws', priority: index, weight: 1 + (index % 4), capabilities: ['EC2Fleet'] };
}

describe('registration, health updates and reconfiguration while selections run', () => {
  it('never hands out an instance that is unregistered or disabled at that moment', async () => {
    const clock = manualClock();
    const engine = createSelectionEngine({
      instances: Array.from({ length: 6 }, (_, index) => instance(index)),
      policy: 'WEIGHTED_ROUND_ROBIN',
      clock,
      random: seededRandom(3),
    });
    const script = seededRandom(99);
    const chosen = new Set<string>();
    const unexpected: unknown[] = [];

    const worker = async (id: number) => {
      for (let round = 0; round < 150; round += 1) {
        try {
          const decision = engine.resolveForTemplate({ templateId: `t${id}`, providerType: 'aws' }, { explain: round % 5 === 0 });
          // Checked in the same turn the decision was made.
          expect(engine.getInstance(decision.instance)?.enabled).toBe(true);
          chosen.add(decision.instance);
          const operation = engine.beginOperation(decision.instance, 'CREATE_INSTANCES');
          await nextTurn();
          // The instance may be gone by now; finishing must still be harmless.
          operation.end({ success: script() < 0.8, errorCode: 'API_ERROR', latencyMs: 25 });
          if (script() < 0.2) {
            await nextTurn();
            try {
              const next = engine.failover(decision, { errorCode: 'INSUFFICIENT_CAPACITY', api: 'EC2Fleet' });
              expect(engine.getInstance(next.instance)?.enabled).toBe(true);
            } catch (error) {
              if (!OhfError.isInstance(error) || !['NO_COMPATIBLE_PROVIDER', 'NO_ENABLED_PROVIDERS'].includes(error.code)) throw error;
            }
          }
        } catch (error) {
          if (OhfError.isInstance(error) && ['NO_COMPATIBLE_PROVIDER', 'NO_ENABLED_PROVIDERS', 'PROVIDER_NOT_FOUND'].includes(error.code)) continue;
          unexpected.push(error);
        }
      }
    };

    const operator = async () => {
      for (let round = 0; round < 120; round += 1) {
        const index = Math.floor(script() * 10);
        const name = `aws-${index}`;
        const action = script();
        if (action < 0.3) {
          if (engine.getInstance(name) === undefined) engine.registerInstance(instance(index));
          else engine.unregisterInstance(name);
        } else if (action < 0.5 && engine.getInstance(name) !== undefined) {
          engine.updateInstance(name, { enabled: script() < 0.6, weight: 1 + Math.floor(script() * 5) });
        } else if (action < 0.7 && engine.getInstance(name) !== undefined) {
          engine.updateHealth(name, { healthy: script() < 0.6, source: 'monitor' });
        } else if (action < 0.85) {
          engine.configure({ policy: script() < 0.5 ? 'ROUND_ROBIN' : 'WEIGHTED_ROUND_ROBIN', criteria: { requireHealthy: script() < 0.7 } });
        } else {
          clock.advanceSeconds(30);
        }
        await nextTurn();
      }
    };

    await Promise.all([worker(1), worker(2), worker(3), operator()]);
    expect(unexpected).toEqual([]);
    expect(chosen.size).toBeGreaterThan(3);
    // The engine is still whole: state round-trips and a final selection works.
    engine.registerInstance(instance(42), { replace: true });
    expect(() => engine.importState(JSON.parse(JSON.stringify(engine.exportState())))).not.toThrow();
    expect(engine.select({ requireHealthy: false, preferStrategies: ['aws-42'] }).instance).toBe('aws-42');
  });

  it('keeps snapshots immutable: lists handed out before a change stay as they were', () => {
    const engine = createSelectionEngine({ instances: [instance(1), instance(2)], clock: manualClock() });
    const before = engine.listInstances();
    const version = engine.snapshotVersion;
    engine.updateInstance('aws-1', { weight: 50 });
    engine.registerInstance(instance(3));
    expect(before.map((entry) => [entry.name, entry.weight])).toEqual([
      ['aws-1', 2],
      ['aws-2', 3],
    ]);
    expect(Object.isFrozen(before[0])).toBe(true);
    expect(engine.snapshotVersion).toBe(version + 2);
    expect(engine.getInstance('aws-1')?.weight).toBe(50);
  });

  it('rejects duplicate registration unless replacing, and keeps run-time state across a replace', () => {
    const engine = createSelectionEngine({ instances: [instance(1)], clock: manualClock() });
    expect(() => engine.registerInstance(instance(1))).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    engine.recordOutcome('aws-1', { success: true, latencyMs: 10 });
    engine.registerInstance({ ...instance(1), capabilities: ['RunInstances'] }, { replace: true });
    expect(engine.metrics('aws-1').total).toBe(1);
    expect(engine.getInstance('aws-1')?.capabilities).toEqual(['RunInstances']);
    expect(engine.unregisterInstance('aws-1')).toBe(true);
    expect(engine.unregisterInstance('aws-1')).toBe(false);
    engine.registerInstance(instance(1));
    expect(engine.metrics('aws-1').total).toBe(0);
    expect(() => createSelectionEngine({ instances: [instance(1), instance(1)] })).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
  });

  it('survives a listener that reconfigures the engine while an event is delivered', () => {
    const clock = manualClock();
    const seen: DomainEvent['type'][] = [];
    const engine = createSelectionEngine({
      instances: [instance(1), instance(2)],
      policy: 'PRIORITY',
      circuitBreaker: { failureThreshold: 1 },
      clock,
      onEvent: (event) => {
        seen.push(event.type);
        if (event.type === 'CircuitOpened') {
          engine.configure({ policy: 'ROUND_ROBIN' });
          engine.unregisterInstance('aws-2');
          engine.registerInstance(instance(3));
          expect(engine.select().instance).toBe('aws-3');
        }
      },
    });
    engine.recordOutcome('aws-1', { success: false, errorCode: 'API_ERROR' });
    expect(seen).toEqual(['CircuitOpened', 'ProviderHealthChanged']);
    expect(engine.settings().policy).toBe('ROUND_ROBIN');
    expect(engine.metrics('aws-1').failures).toBe(1);
    expect(engine.listInstances().map((entry) => entry.name)).toEqual(['aws-1', 'aws-3']);
  });

  it('carries rotation across reconfiguration and applies new breaker settings', () => {
    const clock = manualClock();
    const engine = createSelectionEngine({ instances: [instance(1), instance(2), instance(3)], policy: 'ROUND_ROBIN', clock });
    expect(engine.select().instance).toBe('aws-1');
    engine.configure({ criteria: { requireHealthy: false }, fallback: ['aws-3'] });
    expect(engine.select().instance).toBe('aws-2');
    engine.configure({ circuitBreaker: { failureThreshold: 1, recoveryTimeoutSeconds: 10 } });
    expect(engine.settings().circuitBreaker).toEqual({ failureThreshold: 1, recoveryTimeoutSeconds: 10 });
    engine.recordOutcome('aws-3', { success: false, errorCode: 'API_ERROR' });
    expect(engine.select().instance).toBe('aws-1');
    clock.advanceSeconds(10);
    expect(engine.select().instance).toBe('aws-2');
    expect(engine.select().instance).toBe('aws-3');
  });
});
