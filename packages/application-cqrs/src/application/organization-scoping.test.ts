import { describe, expect, it } from 'vitest';
import { caughtOhfError } from '../test-support/caught.js';
import { createApplicationFixture, WEB_TEMPLATE } from '../test-support/application-fixture.js';

/** Two organizations on one installation: `acme` and `globex`, each with one request. */
async function twoOrganizations() {
  const fixture = createApplicationFixture({ templates: [WEB_TEMPLATE, { ...WEB_TEMPLATE, templateId: 'acme-only', organizationId: 'acme' }] });
  const acme = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2 });
  const globex = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'globex', templateId: 'web', count: 1 });
  return { fixture, app: fixture.app, acme, globex };
}

describe('organization scoping', () => {
  it('records requests and their machines in the organization that asked', async () => {
    const { acme, globex } = await twoOrganizations();
    expect(acme.request?.organizationId).toBe('acme');
    expect(acme.machines.map((machine) => machine.organizationId)).toEqual(['acme', 'acme']);
    expect(globex.machines.map((machine) => machine.organizationId)).toEqual(['globex']);
  });

  it('answers another organization’s request exactly as a missing one', async () => {
    const { app, acme } = await twoOrganizations();
    const hidden = await caughtOhfError(app.dispatch({ type: 'GetRequest', organizationId: 'globex', requestId: acme.requestId! }));
    const missing = await caughtOhfError(app.dispatch({ type: 'GetRequest', organizationId: 'globex', requestId: 'req-00000000-0000-0000-0000-000000000000' }));
    expect(hidden.code).toBe('REQUEST_NOT_FOUND');
    expect(hidden.message).toBe(missing.message.replace('req-00000000-0000-0000-0000-000000000000', acme.requestId!));
    expect(Object.keys(hidden.details ?? {})).toEqual(Object.keys(missing.details ?? {}));
    // Without an organization (the CLI, the platform) every record is visible.
    expect((await app.dispatch({ type: 'GetRequest', requestId: acme.requestId! })).request.organizationId).toBe('acme');
  });

  it('lists only the organization’s requests, machines and costs', async () => {
    const { app, acme, globex } = await twoOrganizations();
    const requests = await app.dispatch({ type: 'ListRequests', organizationId: 'acme' });
    expect(requests.items.map((request) => request.requestId)).toEqual([acme.requestId]);
    expect(requests.total).toBe(1);
    const machines = await app.dispatch({ type: 'ListMachines', organizationId: 'globex' });
    expect(machines.items.map((machine) => machine.machineId)).toEqual(globex.machines.map((machine) => machine.machineId));
    expect((await app.dispatch({ type: 'ListRequests' })).total).toBe(2);
    const hiddenMachine = await caughtOhfError(app.dispatch({ type: 'GetMachine', organizationId: 'globex', machineId: acme.machines[0]!.machineId }));
    expect(hiddenMachine.code).toBe('MACHINE_NOT_FOUND');
    const costs = await app.dispatch({ type: 'GetCosts', organizationId: 'globex', runningOnly: true });
    // No catalog here: the machines are unpriced, and only globex's one is counted.
    expect(costs.unpricedMachines).toBe(1);
  });

  it('polls another organization’s request as an unknown id', async () => {
    const { app, acme, globex } = await twoOrganizations();
    const status = await app.dispatch({ type: 'GetRequestStatus', organizationId: 'globex', requestIds: [acme.requestId!, globex.requestId!] });
    expect(status.requests.map((entry) => [entry.requestId, entry.found])).toEqual([
      [acme.requestId, false],
      [globex.requestId, true],
    ]);
  });

  it('refuses to cancel, return or act on another organization’s records as if they did not exist', async () => {
    const { app, fixture, acme } = await twoOrganizations();
    const cancel = await caughtOhfError(app.dispatch({ type: 'CancelRequest', organizationId: 'globex', requestId: acme.requestId! }));
    expect(cancel.code).toBe('REQUEST_NOT_FOUND');
    const action = await caughtOhfError(app.dispatch({ type: 'PerformMachineAction', organizationId: 'globex', machineId: acme.machines[0]!.machineId, action: 'reboot' }));
    expect(action.code).toBe('MACHINE_NOT_FOUND');
    const returned = await app.dispatch({ type: 'ReturnMachines', organizationId: 'globex', machines: [{ machineId: acme.machines[0]!.machineId }] });
    expect(returned.machines).toEqual([]);
    expect(returned.notFound).toEqual([{ machineId: acme.machines[0]!.machineId }]);
    // The machine named by its cloud id is not found either, and stays running.
    const byCloudId = await app.dispatch({ type: 'ReturnMachines', organizationId: 'globex', machines: [{ machineId: acme.machines[1]!.providerInstanceId }] });
    expect(byCloudId.machines).toEqual([]);
    expect(byCloudId.lookups[0]).toMatchObject({ outcome: 'gone' });
    expect((await fixture.machines.findById(acme.machines[1]!.machineId))?.returnRequestId).toBeUndefined();
    expect(fixture.providers.get('mem-a')!.cloud.instances().filter((instance) => instance.deletedAtMs === undefined)).toHaveLength(3);
  });

  it('never names another organization’s request behind an idempotency key', async () => {
    const { app } = await twoOrganizations();
    await app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1, idempotencyKey: 'nightly' });
    const error = await caughtOhfError(app.dispatch({ type: 'RequestMachines', organizationId: 'globex', templateId: 'web', count: 1, idempotencyKey: 'nightly' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).not.toMatch(/req-/);
    expect(error.details).toEqual({ field: 'idempotencyKey' });
  });

  it('shows platform templates to everyone and an organization’s own templates to it alone', async () => {
    const { app } = await twoOrganizations();
    const acmeTemplates = await app.dispatch({ type: 'ListTemplates', organizationId: 'acme' });
    expect(acmeTemplates.templates.map((template) => template.templateId).sort()).toEqual(['acme-only', 'web']);
    const globexTemplates = await app.dispatch({ type: 'ListTemplates', organizationId: 'globex' });
    expect(globexTemplates.templates.map((template) => template.templateId)).toEqual(['web']);
    expect((await caughtOhfError(app.dispatch({ type: 'GetTemplate', organizationId: 'globex', templateId: 'acme-only' }))).code).toBe('TEMPLATE_NOT_FOUND');
    const requested = await caughtOhfError(app.dispatch({ type: 'RequestMachines', organizationId: 'globex', templateId: 'acme-only', count: 1 }));
    expect(requested.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('lets an organization change its own templates only', async () => {
    const { app } = await twoOrganizations();
    const created = await app.dispatch({ type: 'CreateTemplate', organizationId: 'globex', template: { ...WEB_TEMPLATE, templateId: 'globex-web' } });
    expect(created.template.organizationId).toBe('globex');
    const updated = await app.dispatch({ type: 'UpdateTemplate', organizationId: 'globex', templateId: 'globex-web', changes: { maxNumber: 3, organizationId: 'acme' } });
    expect(updated.template).toMatchObject({ maxNumber: 3, organizationId: 'globex' });
    const foreign = await caughtOhfError(app.dispatch({ type: 'UpdateTemplate', organizationId: 'globex', templateId: 'acme-only', changes: { maxNumber: 1 } }));
    expect(foreign.code).toBe('TEMPLATE_NOT_FOUND');
    const platform = await caughtOhfError(app.dispatch({ type: 'DeleteTemplate', organizationId: 'globex', templateId: 'web' }));
    expect(platform.code).toBe('FORBIDDEN');
    expect((await app.dispatch({ type: 'DeleteTemplate', organizationId: 'globex', templateId: 'globex-web' })).deleted).toBe(true);
  });
});
