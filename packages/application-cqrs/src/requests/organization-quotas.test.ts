import { CatalogPlanSchema, type Organization } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryCatalogRepository } from '../adapters/in-memory-catalog-repository.js';
import { caughtOhfError } from '../test-support/caught.js';
import { createApplicationFixture, type ApplicationFixture } from '../test-support/application-fixture.js';

function organization(quotas: Organization['quotas']): Organization {
  return { organizationId: 'acme', name: 'Acme', quotas, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
}

/** The web template's `small` plan at 0.25 an hour on mem-a. */
async function pricedCatalog(): Promise<InMemoryCatalogRepository> {
  const catalog = new InMemoryCatalogRepository();
  const plan = CatalogPlanSchema.parse({
    providerInstance: 'mem-a',
    providerType: 'memory',
    planId: 'small',
    name: 'small',
    vcpus: 2,
    memoryGb: 4,
    diskGb: 40,
    basePriceHourly: 0.25,
    basePriceMonthly: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  await catalog.replaceProviderCatalog('mem-a', { plans: [plan], regions: [], images: [], apps: [] }, '2026-01-01T00:00:00.000Z');
  return catalog;
}

async function withQuotas(quotas: Organization['quotas'], options: { priced?: boolean } = {}): Promise<ApplicationFixture> {
  const fixture = createApplicationFixture({
    withTenancy: true,
    options: { provisionInline: false },
    ...(options.priced === true ? { catalog: { catalog: await pricedCatalog() } } : {}),
  });
  await fixture.tenancy.createOrganization(organization(quotas));
  return fixture;
}

describe('organization quotas', () => {
  it('counts running machines and what unfinished requests still owe, and refuses what would pass maxRunningMachines', async () => {
    const fixture = await withQuotas({ maxRunningMachines: 5 });
    const first = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2, provisionInline: true });
    expect(first.machines).toHaveLength(2);
    // Accepted but not provisioned yet: still counts.
    await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2 });
    const stored = (await fixture.requests.list()).total;
    const error = await caughtOhfError(fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2 }));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.retryable).toBe(false);
    expect(error.details).toEqual({ limit: 'maxRunningMachines', maximum: 5, current: 4, requested: 2 });
    expect(error.message).toBe(
      'Organization "acme" may run at most 5 machines (maxRunningMachines); it has 4 running or on order, and 2 more would bring it to 6.',
    );
    // Refused before anything was stored; one more machine still fits, and other organizations are not held to acme's quota.
    expect((await fixture.requests.list()).total).toBe(stored);
    await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 });
    expect((await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'globex', templateId: 'web', count: 5 })).created).toBe(true);
  });

  it('frees quota as machines end', async () => {
    const fixture = await withQuotas({ maxRunningMachines: 2 });
    const first = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2, provisionInline: true });
    expect((await caughtOhfError(fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 }))).code).toBe('QUOTA_EXCEEDED');
    const returned = await fixture.app.dispatch({ type: 'ReturnMachines', organizationId: 'acme', machines: [{ machineId: first.machines[0]!.machineId }] });
    await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [returned.requestId!] });
    const next = await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 });
    expect(next.created).toBe(true);
  });

  it('prices what the request would add with the chosen instance’s catalog price against maxHourlySpend', async () => {
    const fixture = await withQuotas({ maxHourlySpend: 1 }, { priced: true });
    await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 3, provisionInline: true });
    const error = await caughtOhfError(fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2 }));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.details).toEqual({ limit: 'maxHourlySpend', maximum: 1, current: 0.75, requested: 0.5 });
    expect(error.message).toContain('may spend at most 1 per hour (maxHourlySpend); its machines cost 0.75 per hour, and 2 more at 0.25 per hour each would bring it to 1.25');
    const dryRun = await caughtOhfError(fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 2, dryRun: true }));
    expect(dryRun.code).toBe('QUOTA_EXCEEDED');
    expect((await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 })).created).toBe(true);
  });

  it('checks nothing without a tenancy repository', async () => {
    const fixture = createApplicationFixture({ options: { provisionInline: false } });
    await fixture.tenancy.createOrganization(organization({ maxRunningMachines: 0 }));
    expect((await fixture.app.dispatch({ type: 'RequestMachines', organizationId: 'acme', templateId: 'web', count: 1 })).created).toBe(true);
  });
});
