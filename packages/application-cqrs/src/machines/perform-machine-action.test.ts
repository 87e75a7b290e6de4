import { OhfError, type DomainEvent } from '@ohf/domain-core';
import { ProviderAuthError, type ComputeProviderV1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { createApplicationFixture, type ApplicationFixture } from '../test-support/application-fixture.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function oneRunningMachine(fixture: ApplicationFixture) {
  const request = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
  const { items } = await fixture.app.dispatch({ type: 'ListMachines', requestId: request.requestId! });
  return items[0]!;
}

function recordEvents(fixture: ApplicationFixture): DomainEvent[] {
  const events: DomainEvent[] = [];
  fixture.app.events.subscribe('*', (event) => {
    events.push(event);
  });
  return events;
}

describe('PerformMachineAction', () => {
  it('shuts a machine down by our id, records the state its provider reports and publishes the action', async () => {
    const fixture = createApplicationFixture();
    const machine = await oneRunningMachine(fixture);
    const events = recordEvents(fixture);
    const result = await fixture.app.dispatch({ type: 'PerformMachineAction', machineId: machine.machineId, action: 'shutdown' });
    expect(result).toMatchObject({ action: 'shutdown', dryRun: false, machine: { machineId: machine.machineId, state: 'stopped', rawState: 'off' } });
    expect((await fixture.machines.findById(machine.machineId))?.state).toBe('stopped');
    expect(events.map((event) => event.type)).toEqual(['MachineActionPerformed', 'MachineStateChanged']);
    expect(events[0]).toMatchObject({ machineId: machine.machineId, providerInstance: 'mem-a', action: 'shutdown' });
  });

  it('boots a machine named by its cloud id and provider instance', async () => {
    const fixture = createApplicationFixture();
    const machine = await oneRunningMachine(fixture);
    fixture.providers.get('mem-a')!.cloud.setNativeState(machine.providerInstanceId, 'off');
    const result = await fixture.app.dispatch({ type: 'PerformMachineAction', machineId: machine.providerInstanceId, providerInstance: 'mem-a', action: 'boot' });
    expect(result.machine).toMatchObject({ machineId: machine.machineId, state: 'running' });
  });

  it('plans the call on a dry run: nothing changes, nothing is published', async () => {
    const fixture = createApplicationFixture();
    const machine = await oneRunningMachine(fixture);
    const events = recordEvents(fixture);
    const result = await fixture.app.dispatch({ type: 'PerformMachineAction', machineId: machine.machineId, action: 'reboot', dryRun: true });
    expect(result).toEqual({ action: 'reboot', machine, dryRun: true, plannedCalls: [{ service: 'memory', operation: 'reboot', input: { id: machine.providerInstanceId } }] });
    expect(events).toEqual([]);
  });

  it('refuses an unknown machine, a terminated one, and a provider without power actions, naming its type', async () => {
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 1 },
        {
          name: 'mem-bare',
          priority: 2,
          // A third party's provider without the optional member.
          decorate: (provider): ComputeProviderV1 =>
            new Proxy(provider, {
              get: (target, key) => {
                const value: unknown = Reflect.get(target, key, target);
                return key === 'performAction' ? undefined : typeof value === 'function' ? value.bind(target) : value;
              },
            }),
        },
      ],
    });
    const unknown = await caught(fixture.app.dispatch({ type: 'PerformMachineAction', machineId: 'm-missing', action: 'boot' }));
    expect(OhfError.isInstance(unknown) && unknown.code).toBe('MACHINE_NOT_FOUND');

    const machine = await oneRunningMachine(fixture);
    await fixture.app.dispatch({ type: 'ReturnMachines', machines: [{ machineId: machine.machineId }] });
    const ended = await caught(fixture.app.dispatch({ type: 'PerformMachineAction', machineId: machine.machineId, action: 'boot' }));
    expect(ended).toMatchObject({ code: 'CONFLICT', retryable: false, message: expect.stringContaining(machine.machineId) });

    const bare = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1, providerPreference: { instance: 'mem-bare' } });
    const [onBare] = (await fixture.app.dispatch({ type: 'ListMachines', requestId: bare.requestId! })).items;
    const unsupported = await caught(fixture.app.dispatch({ type: 'PerformMachineAction', machineId: onBare!.machineId, action: 'reboot' }));
    expect(unsupported).toMatchObject({ code: 'API_NOT_SUPPORTED', message: expect.stringContaining('"mem-bare" (type memory) has no power actions') });
  });

  it('answers without the instance credentials when its client cannot be built or the cloud echoes them', async () => {
    const token = 'tiny-cloud-token-5f2a9c-7781';
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 1 },
        { name: 'mem-broken', priority: 2, settings: { token }, setupError: new ProviderAuthError('INVALID_CREDENTIALS', `cannot build a client with ${token}`) },
        {
          name: 'mem-leaky',
          priority: 3,
          settings: { token },
          decorate: (provider): ComputeProviderV1 =>
            Object.assign(Object.create(provider) as ComputeProviderV1, {
              performAction: async () => {
                throw new ProviderAuthError('INVALID_CREDENTIALS', `rejected Authorization: Bearer ${token}`);
              },
            }),
        },
      ],
    });
    const machine = await oneRunningMachine(fixture);
    const copies = [
      { ...machine, machineId: 'm-00000000-0000-4000-8000-00000000b001', providerInstance: 'mem-broken' },
      { ...machine, machineId: 'm-00000000-0000-4000-8000-00000000b002', providerInstance: 'mem-leaky' },
    ];
    await fixture.machines.saveMany(copies);
    for (const copy of copies) {
      const error = await caught(fixture.app.dispatch({ type: 'PerformMachineAction', machineId: copy.machineId, action: 'reboot' }));
      expect(error).toBeInstanceOf(Error);
      expect(JSON.stringify({ message: (error as Error).message, details: (error as OhfError).details })).not.toContain(token);
    }
  });

  it('refuses an action word outside boot, shutdown and reboot', async () => {
    const fixture = createApplicationFixture();
    const error = await caught(fixture.app.dispatch({ type: 'PerformMachineAction', machineId: 'm-1', action: 'hibernate' }));
    expect(OhfError.isInstance(error) && error.code).toBe('VALIDATION_ERROR');
  });
});
