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
    const deleted = await caughtOhfError(app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'globex', id: 'acme-plans' }));
    const missing = await caughtOhfError(app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'globex', id: 'nothing' }));
    expect(deleted.code).toBe('NOT_FOUND');
    expect(deleted.code).toBe(missing.code);
    expect(deleted.message).toBe(missing.message.replace('nothing', 'acme-plans'));
    expect(deleted.details).toEqual({ id: 'acme-plans' });
    expect(missing.details).toEqual({ id: 'nothing' });
    const named = await caughtOhfError(app.dispatch({ type: 'SaveMarkupRule', organizationId: 'globex', rule: { id: 'x', organizationId: 'acme', percent: 1 } }));
    expect(named.code).toBe('VALIDATION_ERROR');
    expect((await app.dispatch({ type: 'ListMarkupRules', organizationId: 'acme' })).rules.map((rule) => [rule.id, rule.percent])).toEqual([['acme-plans', 50]]);
    expect((await app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'acme', id: 'acme-plans' })).deleted).toBe(true);
  });

  it('lets two organizations keep a rule with the same id, each pricing and deleting its own', async () => {
    const { app } = await fixtureWithPlan();
    await app.dispatch({ type: 'SaveMarkupRule', organizationId: 'acme', rule: { id: 'shared', percent: 50 } });
    // Saved exactly as an id nobody uses would be: no hint that acme has a rule "shared".
    const saved = await app.dispatch({ type: 'SaveMarkupRule', organizationId: 'globex', rule: { id: 'shared', percent: 20 } });
    expect(saved.rule).toEqual({ id: 'shared', organizationId: 'globex', percent: 20, fixedHourly: 0 });
    const priceFor = async (organizationId: string) => (await app.dispatch({ type: 'ListCatalogPlans', organizationId })).plans[0]!.priceHourly;
    expect(await priceFor('acme')).toBe(1.5);
    expect(await priceFor('globex')).toBe(1.2);
    const listed = async (organizationId?: string) =>
      (await app.dispatch({ type: 'ListMarkupRules', ...(organizationId === undefined ? {} : { organizationId }) })).rules.map((rule) => [
        rule.id,
        rule.organizationId,
        rule.percent,
        rule.source,
      ]);
    expect(await listed('acme')).toEqual([['shared', 'acme', 50, 'stored']]);
    expect(await listed('globex')).toEqual([['shared', 'globex', 20, 'stored']]);
    expect(await listed()).toEqual([
      ['shared', 'acme', 50, 'stored'],
      ['shared', 'globex', 20, 'stored'],
    ]);

    expect((await app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'globex', id: 'shared' })).deleted).toBe(true);
    expect(await listed('acme')).toEqual([['shared', 'acme', 50, 'stored']]);
    expect(await priceFor('acme')).toBe(1.5);
    expect(await priceFor('globex')).toBe(1);
    // Without an organization (the platform), only a platform rule "shared" would be deleted: there is none.
    expect((await caughtOhfError(app.dispatch({ type: 'DeleteMarkupRule', id: 'shared' }))).code).toBe('NOT_FOUND');
    expect(await listed('acme')).toEqual([['shared', 'acme', 50, 'stored']]);
  });

  it('still refuses an organization the id of a platform rule it sees, stored or configured', async () => {
    const catalog = new InMemoryCatalogRepository();
    const { app } = createApplicationFixture({ catalog: { catalog, pricing: { currency: 'USD', markups: [{ id: 'configured', percent: 5, fixedHourly: 0 }] } } });
    await app.dispatch({ type: 'SaveMarkupRule', rule: { id: 'platform', percent: 10 } });
    for (const id of ['platform', 'configured']) {
      const taken = await caughtOhfError(app.dispatch({ type: 'SaveMarkupRule', organizationId: 'acme', rule: { id, percent: 0 } }));
      expect(taken.code).toBe('CONFLICT');
      expect(taken.message).toBe(`The markup rule id "${id}" is taken; choose another id.`);
    }
    const configured = await caughtOhfError(app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'acme', id: 'configured' }));
    expect(configured.message).toBe('Markup rule "configured" comes from the configuration file (pricing.markups); change it there.');
    expect((await caughtOhfError(app.dispatch({ type: 'DeleteMarkupRule', organizationId: 'acme', id: 'platform' }))).code).toBe('NOT_FOUND');
    expect((await app.dispatch({ type: 'ListMarkupRules', organizationId: 'acme' })).rules.map((rule) => [rule.id, rule.source])).toEqual([
      ['configured', 'configuration'],
      ['platform', 'stored'],
    ]);
  });
});
