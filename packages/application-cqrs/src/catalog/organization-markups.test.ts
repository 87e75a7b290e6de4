import { CatalogPlanSchema } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryCatalogRepository } from '../adapters/in-memory-catalog-repository.js';
import { caughtOhfError } from '../test-support/caught.js';
import { createApplicationFixture } from '../test-support/application-fixture.js';

async function fixtureWithPlan() {
  const catalog = new InMemoryCatalogRepository();
  const plan = CatalogPlanSchema.parse({
    providerInstance: 'mem-a',
    providerType: 'memory',
    planId: 'small',
    name: 'small',
    vcpus: 2,
    memoryGb: 4,
    diskGb: 40,
    basePriceHourly: 1,
    basePriceMonthly: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  await catalog.replaceProviderCatalog('mem-a', { plans: [plan], regions: [], images: [], apps: [] }, '2026-01-01T00:00:00.000Z');
  return createApplicationFixture({ catalog: { catalog } });
}

describe('markup rules per organization', () => {
  it('prices plans for an organization with its rules and the platform ones, and for others with the platform ones', async () => {
    const { app } = await fixtureWithPlan();
    await app.dispatch({ type: 'SaveMarkupRule', rule: { id: 'platform', percent: 10 } });
    const saved = await app.dispatch({ type: 'SaveMarkupRule', organizationId: 'acme', rule: { id: 'acme-plans', planId: 'small', percent: 50 } });
    expect(saved.rule.organizationId).toBe('acme');
    const priceFor = async (organizationId?: string) =>
      (await app.dispatch({ type: 'ListCatalogPlans', ...(organizationId === undefined ? {} : { organizationId }) })).plans[0]!.priceHourly;
    expect(await priceFor('acme')).toBe(1.5);
    expect(await priceFor('globex')).toBe(1.1);
    expect(await priceFor()).toBe(1.1);
    const listed = await app.dispatch({ type: 'ListMarkupRules', organizationId: 'globex' });
    expect(listed.rules.map((rule) => rule.id)).toEqual(['platform']);
  });

  it('keeps an organization to its own rules', async () => {
    const { app } = await fixtureWithPlan();
    await app.dispatch({ type: 'SaveMarkupRule', organizationId: 'acme', rule: { id: 'acme-plans', percent: 50 } });
    const taken = await caughtOhfError(app.dispatch({ type: 'SaveMarkupRule', organizationId: 'globex', rule: { id: 'acme-plans', percent: 0 } }));
    expect(taken.code).toBe('CONFLICT');
    expect(taken.message).toBe('The markup rule id "acme-plans" is taken; choose another id.');
    const deleted = await caughtOhfError(app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'globex', id: 'acme-plans' }));
    const missing = await caughtOhfError(app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'globex', id: 'nothing' }));
    expect(deleted.code).toBe(missing.code);
    expect(deleted.message).toBe(missing.message.replace('nothing', 'acme-plans'));
    const named = await caughtOhfError(app.dispatch({ type: 'SaveMarkupRule', organizationId: 'globex', rule: { id: 'x', organizationId: 'acme', percent: 1 } }));
    expect(named.code).toBe('VALIDATION_ERROR');
    expect((await app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'acme', id: 'acme-plans' })).deleted).toBe(true);
  });
});
