import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { CONTRACT_FALLBACK, CONTRACT_INSTANCES } from '../__fixtures__/contract-instances.js';
import { manualClock } from '../__fixtures__/manual-clock.js';
import { createSelectionEngine, type SelectionEngineOptions } from './selection-engine.js';
import { formatExplanation } from './selection-explanation.js';

function contractEngine(overrides: SelectionEngineOptions = {}) {
  return createSelectionEngine({
    instances: CONTRACT_INSTANCES,
    policy: 'WEIGHTED_ROUND_ROBIN',
    defaults: { providerType: 'aws', providerInstance: 'aws-us-east-1' },
    fallback: CONTRACT_FALLBACK,
    clock: manualClock(),
    ...overrides,
  });
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

describe('resolveForTemplate', () => {
  it('uses the instance a template names', () => {
    const decision = contractEngine().resolveForTemplate({ templateId: 'explicit-aws-east', providerName: 'aws-us-east-1', providerApi: 'EC2Fleet' });
    expect(decision).toMatchObject({ instance: 'aws-us-east-1', providerType: 'aws', mode: 'explicit', source: 'instance:aws-us-east-1', attempt: 1 });
  });

  it('fails with PROVIDER_NOT_FOUND listing the configured instances', () => {
    const error = thrown(() => contractEngine().resolveForTemplate({ providerName: 'aws-invalid' }));
    expect(error.code).toBe('PROVIDER_NOT_FOUND');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Provider instance 'aws-invalid' not found in configuration");
    expect(error.details).toEqual({
      requested_provider: 'aws-invalid',
      available_providers: ['aws-us-east-1', 'aws-us-west-2', 'linode-main', 'do-main'],
    });
  });

  it('fails with PROVIDER_DISABLED for a disabled instance', () => {
    const error = thrown(() => contractEngine().resolveForTemplate({ providerName: 'do-main' }));
    expect(error.code).toBe('PROVIDER_DISABLED');
    expect(error.details).toMatchObject({ requested_provider: 'do-main', available_providers: ['aws-us-east-1', 'aws-us-west-2', 'linode-main'] });
  });

  it('balances among the instances of a provider type by weight', () => {
    const engine = contractEngine();
    const picks = Array.from({ length: 15 }, () => engine.resolveForTemplate({ providerType: 'aws', providerApi: 'EC2Fleet' }).instance);
    expect(picks.filter((name) => name === 'aws-us-east-1')).toHaveLength(10);
    expect(picks.filter((name) => name === 'aws-us-west-2')).toHaveLength(5);
    expect(new Set(picks.map((name) => name.startsWith('aws')))).toEqual(new Set([true]));
  });

  it('reports a provider type nobody serves as PROVIDER_NOT_FOUND', () => {
    const error = thrown(() => contractEngine().resolveForTemplate({ providerType: 'azure' }));
    expect(error.code).toBe('PROVIDER_NOT_FOUND');
    expect(error.details).toMatchObject({ requested_provider_type: 'azure', available_provider_types: ['aws', 'linode', 'digitalocean'] });
  });

  it('finds instances by the API they declare', () => {
    const engine = contractEngine();
    const decision = engine.resolveForTemplate({ templateId: 'spot', providerApi: 'SpotFleet' });
    expect(decision).toMatchObject({ instance: 'aws-us-east-1', mode: 'provider_api', source: 'capability:SpotFleet', api: 'SpotFleet' });
    const error = thrown(() => engine.resolveForTemplate({ templateId: 'batch', providerApi: 'AzureBatch' }));
    expect(error.code).toBe('NO_COMPATIBLE_PROVIDER');
    expect(error.message).toContain('No configured provider instance declares AzureBatch');
  });

  it('falls back to the default instance, then the default type', () => {
    const engine = contractEngine();
    expect(engine.resolveForTemplate({ templateId: 'plain' })).toMatchObject({ instance: 'aws-us-east-1', mode: 'default' });
    engine.updateInstance('aws-us-east-1', { enabled: false });
    const decision = engine.resolveForTemplate({ templateId: 'plain' }, { explain: true });
    expect(decision).toMatchObject({ instance: 'aws-us-west-2', source: 'type:aws' });
    expect(decision.explanation?.steps.map((step) => step.source)).toEqual(['instance:aws-us-east-1', 'type:aws']);
    expect(decision.explanation?.steps[0]?.candidates[0]?.skipped).toEqual([
      { reason: 'disabled', message: 'aws-us-east-1 is disabled in the configuration', until: null },
    ]);
  });

  it('uses every instance by the policy when no default is configured', () => {
    const engine = createSelectionEngine({ instances: CONTRACT_INSTANCES, policy: 'PRIORITY', clock: manualClock() });
    expect(engine.resolveForTemplate({})).toMatchObject({ instance: 'aws-us-east-1', source: 'all' });
  });

  it('moves to the fallback list when a pinned instance is unavailable, within the template type', () => {
    const engine = contractEngine();
    engine.updateHealth('aws-us-east-1', { healthy: false, message: 'maintenance' });
    const decision = engine.resolveForTemplate({ templateId: 'pinned', providerName: 'aws-us-east-1' }, { explain: true });
    expect(decision).toMatchObject({ instance: 'aws-us-west-2', source: 'fallback' });
    const fallback = decision.explanation!.steps[1]!;
    expect(fallback.candidates.map((candidate) => [candidate.instance, candidate.selected])).toEqual([
      ['aws-us-west-2', true],
      ['linode-main', false],
      ['do-main', false],
    ]);
    expect(fallback.candidates[1]?.skipped.map((skip) => skip.reason)).toEqual(['type_mismatch']);
    expect(() => engine.resolveForTemplate({ providerName: 'aws-us-east-1' }, { useFallback: false })).toThrow(
      expect.objectContaining({ code: 'NO_COMPATIBLE_PROVIDER' }),
    );
  });

  it('refuses a pinned instance of another type than the template names', () => {
    const error = thrown(() => contractEngine().resolveForTemplate({ providerName: 'linode-main', providerType: 'aws' }, { useFallback: false }));
    expect(error.code).toBe('NO_COMPATIBLE_PROVIDER');
    expect(error.details.skipped).toEqual({ 'linode-main': ['type_mismatch'] });
  });

  it('reports NO_ENABLED_PROVIDERS when every candidate is disabled', () => {
    const engine = createSelectionEngine({ instances: [{ name: 'do-main', type: 'digitalocean', enabled: false }], clock: manualClock() });
    const error = thrown(() => engine.resolveForTemplate({ providerType: 'digitalocean' }));
    expect(error.code).toBe('NO_ENABLED_PROVIDERS');
    expect(error.message).toContain('do-main is disabled');
    expect(thrown(() => createSelectionEngine({ clock: manualClock() }).select()).code).toBe('NO_ENABLED_PROVIDERS');
  });

  it('removes capacity-blocked instance types from the decision', () => {
    const engine = contractEngine();
    engine.blockCapacity({ instance: 'aws-us-east-1', api: 'EC2Fleet', instanceType: 'm5.large' });
    const decision = engine.resolveForTemplate({ providerName: 'aws-us-east-1', providerApi: 'EC2Fleet', vmTypes: { 'm5.large': 1, 'm5.xlarge': 2 } });
    expect(decision.instanceTypes).toEqual(['m5.large', 'm5.xlarge']);
    expect(decision.availableInstanceTypes).toEqual(['m5.xlarge']);
  });

  it('selects by criteria alone with an API requirement and a capacity check', () => {
    const engine = contractEngine({ policy: 'ROUND_ROBIN' });
    expect(engine.select(undefined, { api: 'EC2Fleet' })).toMatchObject({ instance: 'aws-us-east-1', mode: 'criteria', api: 'EC2Fleet' });
    expect(engine.select(undefined, { api: 'EC2Fleet' }).instance).toBe('aws-us-west-2');
    engine.blockCapacity({ instance: 'aws-us-east-1', api: 'EC2Fleet', instanceType: 'c5.large' });
    const picks = Array.from({ length: 3 }, () => engine.select(undefined, { api: 'EC2Fleet', instanceTypes: ['c5.large'] }).instance);
    expect(picks).toEqual(['aws-us-west-2', 'aws-us-west-2', 'aws-us-west-2']);
    expect(engine.unblockCapacity({ instance: 'aws-us-east-1', api: 'EC2Fleet', instanceType: 'c5.large' })).toBe(true);
    expect(engine.select(undefined, { api: 'EC2Fleet', instanceTypes: ['c5.large'] }).instance).toBe('aws-us-east-1');
  });

  it('explains a decision in readable lines', () => {
    const engine = contractEngine({ policy: 'PRIORITY' });
    const decision = engine.select({ requiredCapabilities: ['SpotFleet'] }, { explain: true });
    const text = formatExplanation(decision.explanation!);
    expect(text.split('\n')).toEqual([
      'Selected aws-us-east-1 (aws) for the selection criteria from all by PRIORITY; 3 of 4 candidates skipped',
      '  All configured instances, chosen by PRIORITY',
      '    → aws-us-east-1 priority=1 rank 1',
      '    ✗ aws-us-west-2 skipped: aws-us-west-2 lacks the required capability SpotFleet',
      '    ✗ linode-main skipped: linode-main lacks the required capability SpotFleet',
      '    ✗ do-main skipped: do-main is disabled in the configuration; do-main lacks the required capability SpotFleet',
    ]);
  });
});
