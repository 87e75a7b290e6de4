import { CommandError, OhfError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { createApplicationFixture } from '../test-support/application-fixture.js';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createApplication', () => {
  it('registers one handler for every use case', () => {
    const { app } = createApplicationFixture();
    const types = app.messageTypes();
    expect(types.commands.map((entry) => entry.type)).toEqual([
      'CancelRequest',
      'ConfigureProviderStrategy',
      'CreateTemplate',
      'DeleteMarkupRule',
      'DeleteTemplate',
      'ExecuteProviderOperation',
      'GetRequestStatus',
      'GetReturnRequests',
      'PerformMachineAction',
      'ProvisionRequest',
      'PruneEvents',
      'ReconcileMachines',
      'RefreshTemplates',
      'RegisterProviderStrategy',
      'RequestMachines',
      'ReturnMachines',
      'RunPeriodicHealthChecks',
      'SaveMarkupRule',
      'SelectProviderStrategy',
      'SyncCatalog',
      'UpdateProviderHealth',
      'UpdateTemplate',
    ]);
    expect(types.queries.map((entry) => entry.type)).toEqual([
      'GetCosts',
      'GetMachine',
      'GetProviderCapabilities',
      'GetProviderHealth',
      'GetProviderMetrics',
      'GetRequest',
      'GetTemplate',
      'GetTemplateUsage',
      'ListAvailableProviders',
      'ListCatalogApps',
      'ListCatalogImages',
      'ListCatalogPlans',
      'ListCatalogRegions',
      'ListEvents',
      'ListMachines',
      'ListMarkupRules',
      'ListProviderTemplates',
      'ListRequests',
      'ListTemplates',
      'ValidateTemplate',
    ]);
    expect(types.commands.every((entry) => (entry.description ?? '').length > 0)).toBe(true);
  });

  it('names an unknown message and lists the known commands and queries', async () => {
    const { app } = createApplicationFixture();
    const error = await caught(app.dispatch({ type: 'RequestMachine', templateId: 'web' }));
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).code).toBe('VALIDATION_ERROR');
    expect((error as CommandError).message).toMatch(/^Unknown message "RequestMachine"\. Known commands: CancelRequest, .*RequestMachines.*\. Known queries: GetCosts, GetMachine, /);
    expect((error as CommandError).details['known']).toContain('ListTemplates');
  });

  it('keeps the codes of handler errors through the buses and counts them', async () => {
    const fixture = createApplicationFixture();
    const notFound = await caught(fixture.app.dispatch({ type: 'GetRequest', requestId: 'req-missing' }));
    expect(OhfError.isInstance(notFound) && notFound.code).toBe('REQUEST_NOT_FOUND');
    const machine = await caught(fixture.app.dispatch({ type: 'GetMachine', machineId: 'i-missing' }));
    expect(OhfError.isInstance(machine) && machine.code).toBe('MACHINE_NOT_FOUND');
    const provider = await caught(fixture.app.dispatch({ type: 'GetProviderMetrics', provider_name: 'nowhere' }));
    expect(OhfError.isInstance(provider) && provider.code).toBe('PROVIDER_NOT_FOUND');
    expect(fixture.metrics.total(APPLICATION_METRICS.messagesTotal, { type: 'GetRequest', outcome: 'error', code: 'REQUEST_NOT_FOUND' })).toBe(1);
  });

  it('lists and reads requests and machines as stored', async () => {
    const fixture = createApplicationFixture();
    const first = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 2 });
    fixture.clock.advance(1_000);
    const second = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'web', count: 1, provisionInline: false });
    // Creation order, as every storage adapter pages them.
    const listed = await fixture.app.dispatch({ type: 'ListRequests', kind: 'acquire', limit: 1 });
    expect(listed.total).toBe(2);
    expect(listed.items.map((request) => request.requestId)).toEqual([first.requestId]);
    const next = await fixture.app.dispatch({ type: 'ListRequests', kind: 'acquire', limit: 1, offset: 1 });
    expect(next.items.map((request) => request.requestId)).toEqual([second.requestId]);
    const pending = await fixture.app.dispatch({ type: 'ListRequests', statuses: ['pending'] });
    expect(pending.items.map((request) => request.requestId)).toEqual([second.requestId]);

    const shown = await fixture.app.dispatch({ type: 'GetRequest', requestId: first.requestId! });
    expect(shown.machines).toHaveLength(2);
    const machines = await fixture.app.dispatch({ type: 'ListMachines', requestId: first.requestId! });
    expect(machines.total).toBe(2);
    const byCloudId = await fixture.app.dispatch({ type: 'GetMachine', machineId: shown.machines[0]!.providerInstanceId, providerInstance: 'mem-a' });
    expect(byCloudId.machineId).toBe(shown.machines[0]!.machineId);
  });
});
