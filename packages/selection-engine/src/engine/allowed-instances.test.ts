import { OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../__fixtures__/manual-clock.js';
import { createSelectionEngine } from './selection-engine.js';

function setup() {
  return createSelectionEngine({
    instances: [
      { name: 'shared-a', type: 'aws', priority: 1, weight: 1, capabilities: ['EC2Fleet'] },
      { name: 'team-b-private', type: 'aws', priority: 0, weight: 1, capabilities: ['EC2Fleet'] },
      { name: 'shared-c', type: 'aws', priority: 2, weight: 1, capabilities: ['EC2Fleet'] },
      { name: 'team-b-linode', type: 'linode', priority: 0, weight: 1, capabilities: [] },
    ],
    policy: 'PRIORITY',
    fallback: ['team-b-private', 'shared-c'],
    clock: manualClock(),
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

const allowed = new Set(['shared-a', 'shared-c']);
const template = { templateId: 'web', providerType: 'aws' } as const;

describe('allowed instances', () => {
  it('chooses only among them and leaves the others out of the explanation', () => {
    const engine = setup();
    expect(engine.resolveForTemplate(template).instance).toBe('team-b-private');
    const decision = engine.resolveForTemplate(template, { allowedInstances: allowed, explain: true });
    expect(decision.instance).toBe('shared-a');
    const listed = decision.explanation!.steps.flatMap((step) => step.candidates.map((candidate) => candidate.instance));
    expect(listed).toEqual(['shared-a', 'shared-c']);
    expect(JSON.stringify(decision)).not.toContain('team-b');
  });

  it('answers an instance it may not use exactly as an unknown one, listing only the allowed', () => {
    const engine = setup();
    const hidden = thrown(() => engine.resolveForTemplate({ templateId: 'web', providerName: 'team-b-private' }, { allowedInstances: allowed }));
    const unknown = thrown(() => engine.resolveForTemplate({ templateId: 'web', providerName: 'nowhere' }, { allowedInstances: allowed }));
    expect(hidden.code).toBe('PROVIDER_NOT_FOUND');
    expect(hidden.message).toBe(unknown.message.replace('nowhere', 'team-b-private'));
    expect(hidden.details['available_providers']).toEqual(['shared-a', 'shared-c']);
  });

  it('answers a provider type only others may use as an unknown type', () => {
    const engine = setup();
    const error = thrown(() => engine.resolveForTemplate({ templateId: 'web', providerType: 'linode' }, { allowedInstances: allowed }));
    const unknown = thrown(() => engine.resolveForTemplate({ templateId: 'web', providerType: 'vultr' }, { allowedInstances: allowed }));
    expect(error.code).toBe(unknown.code);
    expect(error.message).toBe(unknown.message.replace('vultr', 'linode'));
    expect(JSON.stringify(error.details)).not.toContain('team-b');
  });

  it('restricts a selection by criteria alone', () => {
    const engine = setup();
    const decision = engine.select(undefined, { allowedInstances: allowed, explain: true });
    expect(decision.instance).toBe('shared-a');
    expect(JSON.stringify(decision)).not.toContain('team-b');
  });

  it('keeps failover within them, the fallback list included', () => {
    const engine = setup();
    const first = engine.resolveForTemplate(template, { allowedInstances: allowed });
    const second = engine.failover(first, { errorCode: 'INSUFFICIENT_CAPACITY' }, { allowedInstances: allowed });
    expect(second.instance).toBe('shared-c');
    const exhausted = thrown(() => engine.failover(second, { errorCode: 'INSUFFICIENT_CAPACITY' }, { allowedInstances: allowed }));
    expect(exhausted.code).toBe('NO_COMPATIBLE_PROVIDER');
    expect(JSON.stringify(exhausted.details)).not.toContain('team-b');
    // Without the restriction the same chain reaches the other organization's instance.
    expect(engine.failover(first, { errorCode: 'INSUFFICIENT_CAPACITY' }).instance).toBe('team-b-private');
  });
});
