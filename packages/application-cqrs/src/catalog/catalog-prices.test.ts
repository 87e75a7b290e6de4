import { CatalogPlanSchema, MarkupRuleSchema } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryCatalogRepository } from '../adapters/in-memory-catalog-repository.js';
import { CatalogPrices } from './catalog-prices.js';

const plan = (providerInstance: string, planId: string, basePriceHourly: number) =>
  CatalogPlanSchema.parse({
    providerInstance,
    providerType: providerInstance.split('-')[0],
    planId,
    name: planId,
    vcpus: 2,
    memoryGb: 4,
    diskGb: 50,
    basePriceHourly,
    basePriceMonthly: null,
    updatedAt: '2026-12-05T00:00:00.000Z',
  });

describe('CatalogPrices', () => {
  it('applies configured rules, lets a stored rule with the same id replace one, and scopes by provider', async () => {
    const catalog = new InMemoryCatalogRepository();
    await catalog.replaceProviderCatalog('linode-main', { plans: [plan('linode-main', 'g6-standard-2', 0.036)], regions: [], images: [], apps: [] }, 't1');
    await catalog.replaceProviderCatalog('digitalocean-main', { plans: [plan('digitalocean-main', 's-2vcpu-4gb', 0.0357)], regions: [], images: [], apps: [] }, 't1');
    const prices = new CatalogPrices(catalog, [MarkupRuleSchema.parse({ id: 'all', percent: 100 })]);

    expect((await prices.plans()).map((found) => [found.planId, found.priceHourly])).toEqual([
      ['s-2vcpu-4gb', 0.0714],
      ['g6-standard-2', 0.072],
    ]);
    await catalog.saveMarkupRule(MarkupRuleSchema.parse({ id: 'all', percent: 0 }));
    expect((await prices.plans({ provider: 'linode-main' })).map((found) => [found.planId, found.priceHourly, found.basePriceHourly])).toEqual([
      ['g6-standard-2', 0.036, 0.036],
    ]);
  });

  it('keeps a plan the last sync no longer saw, inactive and out of queries', async () => {
    const catalog = new InMemoryCatalogRepository();
    await catalog.replaceProviderCatalog('linode-main', { plans: [plan('linode-main', 'old', 0.01)], regions: [], images: [], apps: [] }, 't1');
    await catalog.replaceProviderCatalog('linode-main', { plans: [plan('linode-main', 'new', 0.02)], regions: [], images: [], apps: [] }, 't2');
    const prices = new CatalogPrices(catalog);
    expect((await prices.plans()).map((found) => found.planId)).toEqual(['new']);
    expect((await prices.plans({ includeInactive: true })).map((found) => [found.planId, found.active])).toEqual([
      ['old', false],
      ['new', true],
    ]);
  });
});
