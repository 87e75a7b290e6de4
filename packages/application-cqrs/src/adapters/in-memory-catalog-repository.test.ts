import { CatalogPlanSchema, CatalogRegionSchema, type CatalogPlan } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryCatalogRepository } from './in-memory-catalog-repository.js';

const FIRST_SYNC = '2026-12-05T00:00:00.000Z';
const SECOND_SYNC = '2026-12-05T01:00:00.000Z';

const plan = (providerInstance: string, planId: string, basePriceHourly = 0.01): CatalogPlan =>
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
    updatedAt: FIRST_SYNC,
  });

const region = (providerInstance: string, regionId: string) =>
  CatalogRegionSchema.parse({ providerInstance, providerType: providerInstance.split('-')[0], regionId, name: regionId, updatedAt: FIRST_SYNC });

const keys = (plans: readonly CatalogPlan[]) => plans.map((each) => `${each.providerInstance}/${each.planId}${each.active ? '' : ' (inactive)'}`);

// The same semantics the storages prove in @ohf/persistence's contract suite.
describe('InMemoryCatalogRepository', () => {
  it('lists by provider instance, then id, whatever the order of the syncs', async () => {
    const catalog = new InMemoryCatalogRepository();
    await catalog.replaceProviderCatalog('linode-main', { plans: [plan('linode-main', 'b'), plan('linode-main', 'a')], regions: [], images: [], apps: [] }, FIRST_SYNC);
    await catalog.replaceProviderCatalog('aws-east', { plans: [plan('aws-east', 'z')], regions: [region('aws-east', 'us-east-1')], images: [], apps: [] }, FIRST_SYNC);
    expect(keys(await catalog.listPlans())).toEqual(['aws-east/z', 'linode-main/a', 'linode-main/b']);
    expect(keys(await catalog.listPlans({ providerType: 'linode' }))).toEqual(['linode-main/a', 'linode-main/b']);
    expect(await catalog.listPlans({ providerInstances: [] })).toEqual([]);
  });

  it('keeps a plan no longer seen inactive at the time of the sync, drops regions no longer seen, and leaves other instances alone', async () => {
    const catalog = new InMemoryCatalogRepository();
    await catalog.replaceProviderCatalog('linode-main', { plans: [plan('linode-main', 'a'), plan('linode-main', 'b')], regions: [region('linode-main', 'us-east')], images: [], apps: [] }, FIRST_SYNC);
    await catalog.replaceProviderCatalog('linode-eu', { plans: [plan('linode-eu', 'a')], regions: [region('linode-eu', 'eu-west')], images: [], apps: [] }, FIRST_SYNC);
    await catalog.replaceProviderCatalog('linode-main', { plans: [plan('linode-main', 'b')], regions: [], images: [], apps: [] }, SECOND_SYNC);
    const plans = await catalog.listPlans();
    expect(keys(plans)).toEqual(['linode-eu/a', 'linode-main/a (inactive)', 'linode-main/b']);
    expect(plans[1]?.updatedAt).toBe(SECOND_SYNC);
    expect((await catalog.listRegions()).map((each) => each.regionId)).toEqual(['eu-west']);
    expect(await catalog.lastSyncedAt()).toEqual({ 'linode-main': SECOND_SYNC, 'linode-eu': FIRST_SYNC });
  });

  it('writes an id named twice in one sync once (the last wins) and refuses entries of another instance', async () => {
    const catalog = new InMemoryCatalogRepository();
    await catalog.replaceProviderCatalog('linode-main', { plans: [plan('linode-main', 'a', 0.01), plan('linode-main', 'a', 0.02)], regions: [], images: [], apps: [] }, FIRST_SYNC);
    expect((await catalog.listPlans()).map((each) => each.basePriceHourly)).toEqual([0.02]);
    await expect(
      catalog.replaceProviderCatalog('linode-main', { plans: [plan('linode-eu', 'a')], regions: [], images: [], apps: [] }, SECOND_SYNC),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect((await catalog.listPlans()).map((each) => each.basePriceHourly)).toEqual([0.02]);
  });

  it('lists markup rules by id, replaces one by id and deletes it once', async () => {
    const catalog = new InMemoryCatalogRepository();
    await catalog.saveMarkupRule({ id: 'zeta', percent: 5, fixedHourly: 0 });
    await catalog.saveMarkupRule({ id: 'alpha', percent: 10, fixedHourly: 0 });
    await catalog.saveMarkupRule({ id: 'zeta', percent: 7, fixedHourly: 0 });
    expect((await catalog.listMarkupRules()).map((rule) => [rule.id, rule.percent])).toEqual([
      ['alpha', 10],
      ['zeta', 7],
    ]);
    expect(await catalog.deleteMarkupRule('zeta')).toBe(true);
    expect(await catalog.deleteMarkupRule('zeta')).toBe(false);
  });

  it('keys markup rules by owner and id: organizations keep the same id apart, and a delete touches one owner only', async () => {
    const catalog = new InMemoryCatalogRepository();
    await catalog.saveMarkupRule({ id: 'x', organizationId: 'globex', percent: 2, fixedHourly: 0 });
    await catalog.saveMarkupRule({ id: 'x', organizationId: 'acme', percent: 1, fixedHourly: 0 });
    await catalog.saveMarkupRule({ id: 'x', percent: 3, fixedHourly: 0 });
    expect((await catalog.listMarkupRules()).map((rule) => [rule.organizationId, rule.percent])).toEqual([
      [undefined, 3],
      ['acme', 1],
      ['globex', 2],
    ]);
    expect(await catalog.deleteMarkupRule('x', 'acme')).toBe(true);
    expect(await catalog.deleteMarkupRule('x', 'acme')).toBe(false);
    expect(await catalog.deleteMarkupRule('x')).toBe(true);
    expect((await catalog.listMarkupRules()).map((rule) => [rule.organizationId, rule.percent])).toEqual([['globex', 2]]);
  });
});
