import { BusinessRuleError, CLI_ACTOR, domainEvent, type MachineRequest } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryRequestRepository } from '../adapters/in-memory-request-repository.js';
import { caughtOhfError } from '../test-support/caught.js';
import { createApplicationFixture } from '../test-support/application-fixture.js';

const alice = { kind: 'user', id: 'u-alice', name: 'alice@example.com', keyId: 'k-1' } as const;
const source = { ip: '203.0.113.7', httpRequestId: 'http-1' };

describe('the audit trail', () => {
  it('records a request from acceptance to its machines, in its organization, with who asked', async () => {
    const fixture = createApplicationFixture();
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2 }, { actor: alice, source });
    const events = fixture.audit.all();
    expect(events.map((event) => event.type)).toEqual([
      'RequestCreated',
      'ProviderSelected',
      'RequestStatusChanged',
      'ProvisionAttemptStarted',
      'MachineCreated',
      'MachineCreated',
      'ProvisionAttemptEnded',
    ]);
    expect(events.every((event) => event.organizationId === 'acme' && event.requestId === accepted.requestId)).toBe(true);
    expect(events[0]).toMatchObject({ actor: alice, source, data: { kind: 'acquire', templateId: 'web', requestedCount: 2 } });
    // What workers and status polls do is the system's.
    expect(events[3]).toMatchObject({ actor: { kind: 'system' }, providerInstance: 'mem-a', data: { attempt: 1, requestedCount: 2, providerType: 'memory' } });
    expect(events[6]!.data).toEqual({ attempt: 1, outcome: 'succeeded', requestedCount: 2, deliveredCount: 2 });
    expect(events[4]!.machineId).toBe(accepted.machines[0]!.machineId);
    // The selection explanation stays on the request; sequences increase and event ids are unique.
    expect(events[1]!.data).toEqual({ providerType: 'memory' });
    expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(7);
  });

  it('records a failed attempt, the failover with its reason and the attempt on the next instance', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', priority: 1, maxCapacity: 1 }, { name: 'mem-b', priority: 2 }] });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 3 });
    await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const types = fixture.audit.all().map((event) => event.type);
    expect(types).toContain('ProvisionAttemptFailed');
    const failover = fixture.audit.all().find((event) => event.type === 'ProviderFailover');
    expect(failover).toMatchObject({
      organizationId: 'default',
      requestId: accepted.requestId,
      data: { fromInstance: 'mem-a', toInstance: 'mem-b', reason: expect.stringMatching(/^INSUFFICIENT_CAPACITY: /) },
    });
    const ended = fixture.audit.all().filter((event) => event.type === 'ProvisionAttemptEnded').map((event) => [event.providerInstance, event.data['outcome']]);
    expect(ended).toEqual([
      ['mem-a', 'partial'],
      ['mem-b', 'succeeded'],
    ]);
    const partial = fixture.audit.all().find((event) => event.type === 'ProvisionAttemptEnded');
    expect(partial!.data).toMatchObject({ errorCode: 'INSUFFICIENT_CAPACITY', errorMessage: expect.any(String), deliveredCount: 1 });
  });

  it('records returns per machine and cancellations with who asked', async () => {
    const fixture = createApplicationFixture({ options: { provisionInline: false } });
    const pending = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    await fixture.app.dispatch({ type: 'CancelRequest', requestId: pending.requestId! }, { actor: CLI_ACTOR });
    const cancelled = fixture.audit.all().filter((event) => event.requestId === pending.requestId && event.actor.kind === 'cli');
    expect(cancelled.map((event) => [event.type, event.data['to'] ?? event.data['terminateMachines']])).toEqual([
      ['RequestCancelled', false],
      ['RequestStatusChanged', 'cancelled'],
    ]);

    const running = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2, provisionInline: true });
    const returned = await fixture.app.dispatch({ type: 'ReturnMachines', machines: running.machines.map((machine) => ({ machineId: machine.machineId })) }, { actor: alice });
    const perMachine = fixture.audit.all().filter((event) => event.type === 'MachineReturnRequested');
    expect(perMachine.map((event) => [event.machineId, event.requestId, event.actor.kind])).toEqual(
      running.machines.map((machine) => [machine.machineId, returned.requestId, 'user']),
    );
    const byMachine = await fixture.app.dispatch({ type: 'ListEvents', machineId: running.machines[0]!.machineId });
    expect(byMachine.events.map((event) => event.type)).toEqual(['MachineCreated', 'MachineReturnRequested', 'MachineStateChanged']);
  });

  it('writes no event when the change it records is refused', async () => {
    const fixture = createApplicationFixture();
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    const before = fixture.audit.all().length;
    const stale: MachineRequest = { ...accepted.request!, version: 0 };
    const conflict = await caughtOhfError(
      fixture.requests.save(stale, { events: [{ eventId: 'e-1', organizationId: 'default', type: 'RequestStatusChanged', occurredAt: '2026-01-01T00:00:00.000Z' }] }),
    );
    expect(conflict.code).toBe('CONFLICT');
    expect(fixture.audit.all()).toHaveLength(before);
    // An event storage refuses fails the save: neither is kept.
    const repository = new InMemoryRequestRepository();
    const invalid = repository.save(accepted.request!, { events: [{ eventId: 'e-2', organizationId: 'Not An Id!', type: 'X', occurredAt: 'now' }] });
    await expect(invalid).rejects.toThrow();
    expect(await repository.findById(accepted.requestId!)).toBeUndefined();
    expect(BusinessRuleError.isInstance(conflict)).toBe(true);
  });

  it('appends provider health and circuit events in the organization owning the instance', async () => {
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a', priority: 1 }, { name: 'acme-private', priority: 2, organizationId: 'acme' }] });
    // The runtime forwards the selection engine's events to the bus; here they are published directly.
    const now = fixture.clock.now();
    await fixture.app.events.publish(
      domainEvent('ProviderHealthChanged', { providerInstance: 'acme-private', healthy: false, message: 'maintenance' }, now),
      domainEvent('CircuitOpened', { providerInstance: 'mem-a', consecutiveFailures: 5 }, now),
      domainEvent('CircuitClosed', { providerInstance: 'mem-a' }, now),
    );
    expect(fixture.audit.all().map((event) => [event.type, event.providerInstance, event.organizationId, event.data])).toEqual([
      ['ProviderHealthChanged', 'acme-private', 'acme', { healthy: false, message: 'maintenance' }],
      ['CircuitOpened', 'mem-a', 'default', { consecutiveFailures: 5 }],
      ['CircuitClosed', 'mem-a', 'default', {}],
    ]);
  });
});

describe('ListEvents and PruneEvents', () => {
  it('pages with a cursor, filters, and scopes by organization', async () => {
    const fixture = createApplicationFixture();
    const acme = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 });
    await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'globex', templateId: 'web', count: 1 });
    const first = await fixture.app.dispatch({ type: 'ListEvents', organizationId: 'acme', limit: 3 });
    expect(first.events).toHaveLength(3);
    expect(first.nextSequence).toBe(first.events[2]!.sequence);
    const rest = await fixture.app.dispatch({ type: 'ListEvents', organizationId: 'acme', afterSequence: first.nextSequence! });
    expect(rest.nextSequence).toBeUndefined();
    const all = [...first.events, ...rest.events];
    expect(all.every((event) => event.organizationId === 'acme' && event.requestId === acme.requestId)).toBe(true);
    expect(all.map((event) => event.sequence)).toEqual([...all.map((event) => event.sequence)].sort((left, right) => left - right));
    const created = await fixture.app.dispatch({ type: 'ListEvents', types: ['MachineCreated'] });
    expect(created.events.map((event) => event.organizationId)).toEqual(['acme', 'globex']);
    const later = await fixture.app.dispatch({ type: 'ListEvents', since: '2026-01-01T00:00:01.000Z' });
    expect(later.events).toEqual([]);
  });

  it('prunes events older than the cutoff', async () => {
    const fixture = createApplicationFixture();
    await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    fixture.clock.advance(2 * 24 * 60 * 60 * 1000);
    await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1 });
    const total = fixture.audit.all().length;
    const pruned = await fixture.app.dispatch({ type: 'PruneEvents', before: '2026-01-02T00:00:00.000Z' });
    expect(pruned.deleted).toBeGreaterThan(0);
    expect(fixture.audit.all()).toHaveLength(total - pruned.deleted);
    expect(fixture.audit.all().every((event) => event.occurredAt >= '2026-01-02T00:00:00.000Z')).toBe(true);
  });

  it('says what is missing when no audit trail is configured', async () => {
    const { app } = createApplicationFixture({ withoutAudit: true });
    const error = await caughtOhfError(app.dispatch({ type: 'ListEvents' }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.message).toMatch(/audit trail/);
  });
});
