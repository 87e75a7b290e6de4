import { describe, expect, it } from 'vitest';
import { caughtOhfError } from '../test-support/caught.js';
import { createApplicationFixture } from '../test-support/application-fixture.js';
import { instanceUsableBy } from './provider-access.js';

/** A global instance, one only acme and initech may use, and one globex registered. */
function shared() {
  return createApplicationFixture({
    instances: [
      { name: 'globex-private', priority: 0, organizationId: 'globex' },
      { name: 'partners', priority: 1, organizations: ['acme', 'initech'] },
      { name: 'public', priority: 2 },
    ],
  });
}

describe('provider access per organization', () => {
  it('follows owner, then the organizations list, else everyone', () => {
    const base = { type: 'memory', enabled: true, priority: 0, weight: 1, capabilities: [] };
    expect(instanceUsableBy({ ...base, name: 'a', organizationId: 'globex' }, 'globex')).toBe(true);
    expect(instanceUsableBy({ ...base, name: 'a', organizationId: 'globex' }, 'acme')).toBe(false);
    expect(instanceUsableBy({ ...base, name: 'b', organizations: ['acme'] }, 'acme')).toBe(true);
    expect(instanceUsableBy({ ...base, name: 'b', organizations: ['acme'] }, 'default')).toBe(false);
    expect(instanceUsableBy({ ...base, name: 'c' }, 'anyone')).toBe(true);
  });

  it('selects for each organization among the instances it may use only', async () => {
    const fixture = shared();
    const globex = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'globex', templateId: 'web', count: 1 });
    const acme = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 });
    const other = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    expect([globex.providerInstance, acme.providerInstance, other.providerInstance]).toEqual(['globex-private', 'partners', 'public']);
    // Nothing in acme's answer names globex's instance.
    expect(JSON.stringify(acme)).not.toContain('globex-private');
  });

  it('answers a preference for an instance the organization may not use as an unknown instance', async () => {
    const fixture = shared();
    const hidden = await caughtOhfError(
      fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1, providerPreference: { instance: 'globex-private' } }),
    );
    const unknown = await caughtOhfError(
      fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1, providerPreference: { instance: 'nowhere' } }),
    );
    expect(hidden.code).toBe(unknown.code);
    expect(hidden.message).toBe(unknown.message.replace('nowhere', 'globex-private'));
    expect(hidden.details).toEqual({ requested_provider: 'globex-private', available_providers: ['partners', 'public'] });
  });

  it('fails over only to instances the organization may use', async () => {
    const fixture = createApplicationFixture({
      instances: [
        { name: 'partners', priority: 1, organizations: ['acme'], maxCapacity: 1 },
        { name: 'globex-private', priority: 2, organizationId: 'globex' },
        { name: 'public', priority: 3 },
      ],
    });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 3 });
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const machines = status.requests[0]!.machines;
    expect(machines.map((machine) => machine.providerInstance).sort()).toEqual(['partners', 'public', 'public']);
    expect(fixture.providers.get('globex-private')!.cloud.instances()).toHaveLength(0);
  });

  it('registers an instance its organization alone may use, and selects by criteria within an organization’s instances', async () => {
    const fixture = shared();
    const registered = await fixture.app.dispatch({
      type: 'RegisterProviderStrategy',
      strategy_name: 'initech-own',
      provider_type: 'memory',
      capabilities: ['Memory'],
      priority: 0,
      organizationId: 'initech',
    });
    expect(registered.instance.organizationId).toBe('initech');
    const initech = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'initech', templateId: 'web', count: 1 });
    expect(initech.providerInstance).toBe('initech-own');
    const acme = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 });
    expect(acme.providerInstance).toBe('partners');
    const selected = await fixture.app.dispatch({ type: 'SelectProviderStrategy', organizationId: 'acme', selection_criteria: {} });
    expect(selected.providerInstance).toBe('partners');
    expect(JSON.stringify(selected.decision)).not.toMatch(/initech-own|globex-private/);
  });

  it('returns each organization’s machines in a return request of its own when a platform operation terminates them', async () => {
    const fixture = shared();
    const acme = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 });
    const other = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    const terminated = await fixture.app.dispatch({
      type: 'ExecuteProviderOperation',
      operation_type: 'TERMINATE_INSTANCES',
      parameters: { machine_ids: [acme.machines[0]!.machineId, other.machines[0]!.machineId] },
      strategy_override: 'public',
    });
    const returns = terminated.result as { returned: { request: { organizationId: string; machineIds: string[] } }[] };
    expect(returns.returned.map((entry) => [entry.request.organizationId, entry.request.machineIds])).toEqual([
      ['acme', [acme.machines[0]!.machineId]],
      ['default', [other.machines[0]!.machineId]],
    ]);
  });
});
