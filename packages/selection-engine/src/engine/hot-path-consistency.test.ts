import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../__fixtures__/manual-clock.js';
import type { ProviderInstanceInput } from '../config/provider-instance.js';
import { SELECTION_POLICIES } from '../config/selection-policy.js';
import { seededRandom } from '../random/random-source.js';
import { createSelectionEngine, type SelectionEngine } from './selection-engine.js';
import type { SelectionDecision } from './selection-decision.js';

const instances: ProviderInstanceInput[] = [
  { name: 'east', type: 'aws', priority: 1, weight: 7, capabilities: ['EC2Fleet', 'SpotFleet', 'RunInstances'] },
  { name: 'west', type: 'aws', priority: 2, weight: 4, capabilities: ['EC2Fleet', 'RunInstances'] },
  { name: 'central', type: 'aws', priority: 2, weight: 3, capabilities: ['RunInstances'] },
  { name: 'linode-a', type: 'linode', priority: 3, weight: 2, capabilities: ['instances'] },
  { name: 'linode-b', type: 'linode', priority: 4, weight: 5, capabilities: ['instances', 'spot_instances'] },
  { name: 'do-a', type: 'digitalocean', priority: 5, weight: 1, capabilities: ['instances'] },
  { name: 'do-b', type: 'digitalocean', priority: 5, weight: 0, capabilities: ['instances'] },
  { name: 'standby', type: 'aws', priority: 9, weight: 1, enabled: false, capabilities: ['EC2Fleet'] },
];

function twin(seed: number) {
  const clock = manualClock();
  const engine = createSelectionEngine({
    instances,
    policy: 'WEIGHTED_ROUND_ROBIN',
    fallback: ['linode-b', 'do-a'],
    circuitBreaker: { failureThreshold: 2, recoveryTimeoutSeconds: 45 },
    clock,
    random: seededRandom(seed),
  });
  return { engine, clock };
}

function outcome(run: () => SelectionDecision): string {
  try {
    return run().instance;
  } catch (error) {
    if (OhfError.isInstance(error)) return `error:${error.code}`;
    throw error;
  }
}

/**
 * The hot path (cached eligible lists, cached winners, replayed weighted cycles) must choose
 * exactly what the explained path, which looks at every candidate afresh, chooses. Two engines
 * get the same long random sequence of selections and state changes; one never asks for
 * explanations, the other always does.
 */
describe('hot path and explained path', () => {
  it('choose the same instances through outcomes, health, blocks, time and reconfiguration', () => {
    const fast = twin(7);
    const explained = twin(7);
    const script = seededRandom(2026);
    const pick = <Value>(values: readonly Value[]): Value => values[Math.floor(script() * values.length)]!;
    const names = instances.map((instance) => instance.name);
    const criteriaChoices = [undefined, { requiredCapabilities: ['instances'] }, { preferStrategies: ['west', 'linode-a'] }, { minSuccessRate: 60 }, { maxResponseTimeMs: 400 }, { requireHealthy: false }];
    const templates = [{}, { providerType: 'aws' }, { providerApi: 'EC2Fleet', vmTypes: { 'm5.large': 1, 'c5.large': 1 } }, { providerName: 'west' }, { providerType: 'linode' }];
    const lastDecisions: (SelectionDecision | undefined)[] = [undefined, undefined];
    let compared = 0;

    for (let step = 0; step < 2_000; step += 1) {
      const roll = script();
      const both = (action: (engine: SelectionEngine, explain: boolean, index: number) => string | void) => {
        const left = action(fast.engine, false, 0);
        const right = action(explained.engine, true, 1);
        expect(left, `step ${step}`).toEqual(right);
        if (left !== undefined) compared += 1;
      };
      if (roll < 0.45) {
        // Runs of selections with no state change in between: caches and cycles kick in.
        const criteria = pick(criteriaChoices);
        const runLength = 1 + Math.floor(script() * 40);
        for (let index = 0; index < runLength; index += 1) {
          both((engine, explain, which) =>
            outcome(() => {
              const decision = engine.select(criteria, { explain });
              lastDecisions[which] = decision;
              return decision;
            }),
          );
        }
      } else if (roll < 0.6) {
        const template = pick(templates);
        both((engine, explain, which) =>
          outcome(() => {
            const decision = engine.resolveForTemplate(template, { explain });
            lastDecisions[which] = decision;
            return decision;
          }),
        );
      } else if (roll < 0.72) {
        const name = pick(names);
        const success = script() < 0.6;
        const latencyMs = Math.floor(script() * 800);
        const errorCode = pick(['API_ERROR', 'INSUFFICIENT_CAPACITY', 'RATE_LIMIT_EXCEEDED', 'VALIDATION_ERROR']);
        const instanceType = pick(['m5.large', 'c5.large']);
        both((engine) => {
          engine.recordOutcome(name, { success, latencyMs, errorCode, api: 'EC2Fleet', instanceType });
        });
      } else if (roll < 0.78) {
        const name = pick(names);
        const healthy = script() < 0.5;
        const retryAfterSeconds = script() < 0.5 ? 30 : undefined;
        both((engine) => {
          engine.updateHealth(name, { healthy, retryAfterSeconds });
        });
      } else if (roll < 0.86) {
        const seconds = Math.floor(script() * 90);
        fast.clock.advanceSeconds(seconds);
        explained.clock.advanceSeconds(seconds);
      } else if (roll < 0.9) {
        const policy = pick(SELECTION_POLICIES);
        both((engine) => {
          engine.configure({ policy });
        });
      } else if (roll < 0.94) {
        const name = pick(names);
        const operation = pick(['CREATE_INSTANCES', 'HEALTH_CHECK']);
        const begin = script() < 0.6;
        both((engine) => {
          if (begin) engine.beginOperation(name, operation);
          else engine.endOperation(name, operation);
        });
      } else if (lastDecisions[0] !== undefined && lastDecisions[1] !== undefined) {
        const errorCode = pick(['INSUFFICIENT_CAPACITY', 'QUOTA_EXCEEDED', 'API_ERROR']);
        both((engine, _explain, which) =>
          outcome(() => {
            const decision = engine.failover(lastDecisions[which]!, { errorCode, instanceType: 'm5.large' });
            lastDecisions[which] = decision;
            return decision;
          }),
        );
      }
    }
    expect(compared).toBeGreaterThan(5_000);
    expect(fast.engine.exportState()).toEqual(explained.engine.exportState());
  });
});

function referenceSmoothWeighted(weights: number[], current: number[]): number {
  let total = 0;
  let best = -1;
  for (let index = 0; index < weights.length; index += 1) {
    if (weights[index] === 0) continue;
    current[index]! += weights[index]!;
    total += weights[index]!;
    if (best === -1 || current[index]! > current[best]!) best = index;
  }
  current[best]! -= total;
  return best;
}

describe('smooth weighted round-robin cycle replay', () => {
  it('matches a straightforward implementation pick for pick, across a weight change and an export', () => {
    const weights = [9, 4, 4, 2, 1, 7, 3];
    const engine = createSelectionEngine({
      instances: weights.map((weight, index) => ({ name: `n${index}`, type: 'aws', weight })),
      policy: 'WEIGHTED_ROUND_ROBIN',
      clock: manualClock(),
    });
    const current = weights.map(() => 0);
    const expectSame = (count: number) => {
      for (let index = 0; index < count; index += 1) {
        expect(engine.select().instance).toBe(`n${referenceSmoothWeighted(weights, current)}`);
      }
    };
    expectSame(1_013);
    // Exporting mid-cycle shows the true current weights, not the ones replay started from.
    const exported = engine.exportState().cursors?.all?.weights ?? {};
    expect(weights.map((_weight, index) => exported[`n${index}`] ?? 0)).toEqual(current);
    expectSame(517);
    engine.updateInstance('n3', { weight: 11 });
    weights[3] = 11;
    expectSame(2_000);
  });
});
