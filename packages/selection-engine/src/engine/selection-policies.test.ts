import { describe, expect, it } from 'vitest';
import { CONTRACT_INSTANCES } from '../__fixtures__/contract-instances.js';
import { manualClock } from '../__fixtures__/manual-clock.js';
import type { ProviderInstanceInput } from '../config/provider-instance.js';
import type { SelectionPolicy } from '../config/selection-policy.js';
import { seededRandom } from '../random/random-source.js';
import { createSelectionEngine, type SelectionEngineOptions } from './selection-engine.js';

const trio: ProviderInstanceInput[] = [
  { name: 'a', type: 'aws', priority: 3, weight: 5, capabilities: ['EC2Fleet', 'RunInstances', 'SpotFleet', 'ASG'] },
  { name: 'b', type: 'aws', priority: 1, weight: 1, capabilities: ['EC2Fleet', 'RunInstances'] },
  { name: 'c', type: 'aws', priority: 2, weight: 1, capabilities: ['RunInstances'] },
];

function engineWith(policy: SelectionPolicy, options: SelectionEngineOptions = {}) {
  const clock = manualClock();
  const engine = createSelectionEngine({ instances: trio, policy, clock, random: seededRandom(42), ...options });
  return { engine, clock };
}

function picks(select: () => { instance: string }, count: number): string[] {
  return Array.from({ length: count }, () => select().instance);
}

function shares(names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, count / names.length]));
}

describe('FIRST_AVAILABLE and PRIORITY', () => {
  it('takes the first eligible instance in configuration order', () => {
    const { engine } = engineWith('FIRST_AVAILABLE');
    expect(picks(() => engine.select(), 3)).toEqual(['a', 'a', 'a']);
    engine.updateHealth('a', { healthy: false });
    expect(engine.select().instance).toBe('b');
  });

  it('takes the lowest priority number, configuration order breaking ties', () => {
    const { engine } = engineWith('PRIORITY');
    expect(engine.select().instance).toBe('b');
    engine.updateInstance('c', { priority: 1 });
    expect(engine.select().instance).toBe('b');
    engine.updateInstance('b', { enabled: false });
    expect(engine.select().instance).toBe('c');
  });
});

describe('ROUND_ROBIN', () => {
  it('rotates through the eligible instances and skips the others', () => {
    const { engine } = engineWith('ROUND_ROBIN');
    expect(picks(() => engine.select(), 4)).toEqual(['a', 'b', 'c', 'a']);
    engine.updateHealth('c', { healthy: false });
    expect(picks(() => engine.select(), 4)).toEqual(['b', 'a', 'b', 'a']);
  });

  it('does not advance on a dry run', () => {
    const { engine } = engineWith('ROUND_ROBIN');
    engine.select();
    expect(engine.select(undefined, { dryRun: true }).instance).toBe('b');
    expect(engine.select(undefined, { dryRun: true, explain: true }).instance).toBe('b');
    expect(engine.select().instance).toBe('b');
  });
});

describe('WEIGHTED_ROUND_ROBIN', () => {
  it('interleaves picks smoothly, as nginx does', () => {
    const { engine } = engineWith('WEIGHTED_ROUND_ROBIN');
    expect(picks(() => engine.select(), 14)).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a', 'a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('follows the weights within 1% over 100,000 picks', () => {
    const instances = Array.from({ length: 20 }, (_, index) => ({ name: `i${index}`, type: 'aws', weight: 1 + ((index * 7) % 13) }));
    const engine = createSelectionEngine({ instances, policy: 'WEIGHTED_ROUND_ROBIN', clock: manualClock() });
    const totalWeight = instances.reduce((sum, instance) => sum + instance.weight, 0);
    const observed = shares(picks(() => engine.select(), 100_000));
    for (const instance of instances) {
      const expected = instance.weight / totalWeight;
      expect(Math.abs(observed[instance.name]! - expected) / expected).toBeLessThan(0.01);
    }
  });

  it('never picks weight-0 standbys while a weighted instance is eligible', () => {
    const { engine } = engineWith('WEIGHTED_ROUND_ROBIN');
    engine.updateInstance('c', { weight: 0 });
    expect(new Set(picks(() => engine.select(), 60))).toEqual(new Set(['a', 'b']));
    engine.updateInstance('a', { enabled: false });
    engine.updateInstance('b', { enabled: false });
    expect(engine.select().instance).toBe('c');
  });
});

describe('LEAST_CONNECTIONS', () => {
  it('takes the instance with the fewest active operations', () => {
    const { engine } = engineWith('LEAST_CONNECTIONS');
    const first = engine.beginOperation('a', 'CREATE_INSTANCES');
    engine.beginOperation('b', 'CREATE_INSTANCES');
    expect(engine.select().instance).toBe('c');
    engine.beginOperation('c', 'CREATE_INSTANCES');
    engine.beginOperation('c', 'CREATE_INSTANCES');
    first.end();
    expect(engine.select().instance).toBe('a');
    expect(engine.health('c').activeOperations).toBe(2);
  });
});

describe('FASTEST_RESPONSE and HIGHEST_SUCCESS_RATE', () => {
  it('takes the lowest mean latency of the selection window; unmeasured instances come last', () => {
    const { engine, clock } = engineWith('FASTEST_RESPONSE');
    engine.recordOutcome('a', { success: true, latencyMs: 900 });
    engine.recordOutcome('c', { success: true, latencyMs: 120 });
    expect(engine.select().instance).toBe('c');
    // Twenty fast answers bring a's mean to (900 + 20 × 10) / 21 ≈ 52 ms.
    for (let index = 0; index < 20; index += 1) engine.recordOutcome('a', { success: true, latencyMs: 10 });
    expect(engine.select().instance).toBe('a');
    // Outside the ten-minute window nothing is measured: priority decides.
    clock.advanceSeconds(11 * 60);
    expect(engine.select().instance).toBe('b');
  });

  it('takes the best success rate of the selection window', () => {
    const { engine } = engineWith('HIGHEST_SUCCESS_RATE');
    engine.recordOutcome('a', { success: false, errorCode: 'API_ERROR' });
    engine.recordOutcome('a', { success: true });
    engine.recordOutcome('c', { success: true });
    expect(engine.select().instance).toBe('c');
    engine.recordOutcome('c', { success: false, errorCode: 'API_ERROR' });
    engine.recordOutcome('c', { success: false, errorCode: 'API_ERROR' });
    expect(engine.select().instance).toBe('a');
  });
});

describe('CAPABILITY_BASED', () => {
  it('takes the best fit: the instance with the fewest capabilities beyond the required ones', () => {
    const { engine } = engineWith('CAPABILITY_BASED');
    expect(engine.select({ requiredCapabilities: ['RunInstances'] }).instance).toBe('c');
    expect(engine.select({ requiredCapabilities: ['EC2Fleet'] }).instance).toBe('b');
    expect(engine.resolveForTemplate({ providerApi: 'SpotFleet' }).instance).toBe('a');
  });
});

describe('HEALTH_BASED', () => {
  it('never takes an unhealthy instance and prefers the healthiest', () => {
    const { engine } = engineWith('HEALTH_BASED');
    engine.updateHealth('b', { healthy: false, message: 'throttled' });
    const decision = engine.select({ requireHealthy: false }, { explain: true });
    expect(decision.instance).toBe('c');
    expect(decision.explanation?.steps[0]?.candidates.find((candidate) => candidate.instance === 'b')?.skipped[0]?.reason).toBe('unhealthy');
    engine.recordOutcome('c', { success: false, errorCode: 'API_ERROR' });
    expect(engine.select().instance).toBe('a');
  });
});

describe('RANDOM', () => {
  it('draws in proportion to the weights, repeatably for a seed', () => {
    const draw = () => {
      const { engine } = engineWith('RANDOM');
      return picks(() => engine.select(), 100_000);
    };
    const first = draw();
    expect(draw()).toEqual(first);
    const observed = shares(first);
    expect(observed.a).toBeCloseTo(5 / 7, 2);
    expect(observed.b).toBeCloseTo(1 / 7, 2);
    expect(observed.c).toBeCloseTo(1 / 7, 2);
  });

  it('gives every instance the same chance when uniform', () => {
    const { engine } = engineWith('RANDOM', { randomWeighting: 'uniform' });
    const observed = shares(picks(() => engine.select(), 30_000));
    for (const name of ['a', 'b', 'c']) expect(observed[name]).toBeCloseTo(1 / 3, 1);
  });
});

describe('selection criteria', () => {
  it('skips instances below the minimum success rate or over the maximum response time', () => {
    const { engine } = engineWith('PRIORITY');
    engine.recordOutcome('b', { success: false, latencyMs: 50, errorCode: 'API_ERROR' });
    engine.recordOutcome('b', { success: true, latencyMs: 50 });
    engine.recordOutcome('c', { success: true, latencyMs: 8_000 });
    const decision = engine.select({ minSuccessRate: 95, maxResponseTimeMs: 5_000 }, { explain: true });
    expect(decision.instance).toBe('a');
    const skipped = Object.fromEntries(
      decision.explanation!.steps[0]!.candidates.map((candidate) => [candidate.instance, candidate.skipped.map((skip) => skip.message)]),
    );
    expect(skipped).toEqual({
      a: [],
      b: ['b succeeded in 50.0% of operations, below 95%'],
      c: ['c responds in 8000 ms on average, over 5000 ms'],
    });
  });

  it('lets unhealthy instances through when health is not required, and after their retry-after', () => {
    const { engine, clock } = engineWith('PRIORITY');
    engine.updateHealth('b', { healthy: false, retryAfterSeconds: 300 });
    expect(engine.select().instance).toBe('c');
    expect(engine.select({ requireHealthy: false }).instance).toBe('b');
    clock.advanceSeconds(300);
    expect(engine.select().instance).toBe('b');
    expect(engine.health('b')).toMatchObject({ healthy: true, status: 'recovering' });
  });

  it('excludes and prefers instances by name', () => {
    const { engine } = engineWith('PRIORITY');
    expect(engine.select({ excludeStrategies: ['b'] }).instance).toBe('c');
    expect(engine.select({ preferStrategies: ['a'] }).instance).toBe('a');
    engine.updateHealth('a', { healthy: false });
    // A preferred instance that is not eligible leaves the choice to the policy.
    expect(engine.select({ preferStrategies: ['a'] }).instance).toBe('b');
  });

  it('applies configured default criteria, overridden field by field per call', () => {
    const engine = createSelectionEngine({
      instances: CONTRACT_INSTANCES,
      policy: 'PRIORITY',
      criteria: { excludeStrategies: ['aws-us-east-1'] },
      clock: manualClock(),
    });
    expect(engine.select().instance).toBe('aws-us-west-2');
    expect(engine.select({ requiredCapabilities: ['RunInstances'] }).criteria.excludeStrategies).toEqual(['aws-us-east-1']);
    expect(engine.select({ excludeStrategies: [] }).instance).toBe('aws-us-east-1');
  });
});
