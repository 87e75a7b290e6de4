import { MarkupRuleSchema } from '@ohf/domain-core';
import { ProviderAuthError, ProviderApiError, type ComputeProviderV1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { InMemoryCatalogRepository } from '../adapters/in-memory-catalog-repository.js';
import { createApplicationFixture } from '../test-support/application-fixture.js';
import type { PriceFileEntry } from './price-file.js';

/** The in-memory cloud answering its catalog calls with the given failure from the next call on. */
function failingCatalog(error: Error) {
  return (provider: ComputeProviderV1): ComputeProviderV1 =>
    Object.assign(Object.create(provider) as ComputeProviderV1, {
      listSizes: async () => {
        throw error;
      },
    });
}

/** The in-memory cloud listing its sizes without monthly prices, as AWS does. */
function withoutMonthlyPrices(provider: ComputeProviderV1): ComputeProviderV1 {
  return Object.assign(Object.create(provider) as ComputeProviderV1, {
    listSizes: async () => (await provider.listSizes()).map(({ monthlyPriceUsd: _monthly, ...size }) => size),
  });
}

describe('SyncCatalog', () => {
  it('stores every instance in the catalog shape: GB of memory, the listed monthly price or 730 hours, regions of the instance', async () => {
    const catalog = new InMemoryCatalogRepository();
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }, { name: 'mem-b', decorate: withoutMonthlyPrices }], catalog: { catalog } });

    const result = await fixture.app.dispatch({ type: 'SyncCatalog' });

    expect(result.providers).toEqual([
      { provider: 'mem-a', providerType: 'memory', ok: true, plans: 3, regions: 3, images: 2, apps: 1 },
      { provider: 'mem-b', providerType: 'memory', ok: true, plans: 3, regions: 3, images: 2, apps: 1 },
    ]);
    const planOf = async (instance: string) => (await catalog.listPlans({ providerInstances: [instance] })).find((plan) => plan.planId === 'medium');
    expect(await planOf('mem-a')).toMatchObject({
      vcpus: 2, memoryGb: 4, diskGb: 80, basePriceHourly: 0.03, basePriceMonthly: 20, gpus: 0, architecture: 'x86_64', transferGb: 1000, active: true,
      regions: ['mem-east-1', 'mem-west-1', 'mem-eu-1'],
    });
    expect(await planOf('mem-b')).toMatchObject({ basePriceHourly: 0.03, basePriceMonthly: 21.9 });
    expect((await catalog.listImages({ providerInstances: ['mem-a'] }))[0]).toMatchObject({ imageId: 'memory/debian-12', osFamily: 'debian' });
    expect(await catalog.lastSyncedAt()).toEqual({ 'mem-a': result.syncedAt, 'mem-b': result.syncedAt });
  });

  it('reports a failing instance without stopping the others or erasing its stored catalog', async () => {
    const catalog = new InMemoryCatalogRepository();
    const first = createApplicationFixture({ instances: [{ name: 'mem-a' }, { name: 'mem-b' }], catalog: { catalog } });
    await first.app.dispatch({ type: 'SyncCatalog' });
    const rejected = new ProviderAuthError('INVALID_CREDENTIALS', 'memory listSizes failed with HTTP 401', { providerId: 'memory' });
    const second = createApplicationFixture({
      instances: [{ name: 'mem-a', decorate: failingCatalog(rejected) }, { name: 'mem-b' }, { name: 'mem-c', decorate: failingCatalog(new ProviderApiError('API_ERROR', 'HTTP 502')) }],
      sharedWith: first,
      catalog: { catalog },
    });
    second.clock.advance(60_000);

    const result = await second.app.dispatch({ type: 'SyncCatalog' });

    expect(result.providers.map((outcome) => [outcome.provider, outcome.ok, outcome.plans, outcome.error?.code])).toEqual([
      ['mem-a', false, 0, 'INVALID_CREDENTIALS'],
      ['mem-b', true, 3, undefined],
      ['mem-c', false, 0, 'API_ERROR'],
    ]);
    expect(result.providers[2]?.error?.retryable).toBe(true);
    expect(await catalog.listPlans({ providerInstances: ['mem-a'] })).toHaveLength(3);
    const synced = await catalog.lastSyncedAt();
    expect(synced['mem-b']).toBe(result.syncedAt);
    expect(synced['mem-a']).not.toBe(result.syncedAt);
    expect(synced['mem-c']).toBeUndefined();
  });

  it('syncs only the named instance and refuses an unknown name with the instances there are', async () => {
    const catalog = new InMemoryCatalogRepository();
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }, { name: 'mem-b' }], catalog: { catalog } });

    const result = await fixture.app.dispatch({ type: 'SyncCatalog', provider: 'mem-b' });

    expect(result.providers.map((outcome) => outcome.provider)).toEqual(['mem-b']);
    await expect(fixture.app.dispatch({ type: 'SyncCatalog', provider: 'nope' })).rejects.toMatchObject({
      code: 'PROVIDER_NOT_FOUND',
      details: { available_providers: ['mem-a', 'mem-b'] },
    });
  });

  it('with ifDue syncs once per interval across processes sharing storage, and an explicit sync restarts the interval', async () => {
    const catalog = new InMemoryCatalogRepository();
    const options = { catalogSyncIntervalMs: 60 * 60_000 };
    const first = createApplicationFixture({ catalog: { catalog }, options });
    const second = createApplicationFixture({ catalog: { catalog }, options, sharedWith: first });

    const [left, right] = await Promise.all([first.app.dispatch({ type: 'SyncCatalog', ifDue: true }), second.app.dispatch({ type: 'SyncCatalog', ifDue: true })]);
    expect([left.ran, right.ran].sort()).toEqual([false, true]);
    first.clock.advance(59 * 60_000);
    expect((await second.app.dispatch({ type: 'SyncCatalog', ifDue: true })).ran).toBe(false);
    first.clock.advance(60_000);
    await first.app.dispatch({ type: 'SyncCatalog' });
    expect((await second.app.dispatch({ type: 'SyncCatalog', ifDue: true })).ran).toBe(false);
    first.clock.advance(60 * 60_000);
    const due = await second.app.dispatch({ type: 'SyncCatalog', ifDue: true });
    expect(due).toMatchObject({ ran: true, providers: [{ provider: 'mem-a', ok: true }] });
  });

  it('applies the price file, an instance entry before a provider-type one', async () => {
    const catalog = new InMemoryCatalogRepository();
    const prices: PriceFileEntry[] = [
      { provider_type: 'memory', plan_id: 'small', price_hourly: 0.01 },
      { provider: 'mem-b', plan_id: 'small', price_hourly: 0.02, price_monthly: 12, spot_price_hourly: 0.005 },
    ];
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }, { name: 'mem-b' }], catalog: { catalog, loadPriceFile: async () => prices } });

    await fixture.app.dispatch({ type: 'SyncCatalog' });

    const small = (await catalog.listPlans()).filter((plan) => plan.planId === 'small');
    expect(small.map((plan) => [plan.providerInstance, plan.basePriceHourly, plan.basePriceMonthly, plan.spotPriceHourly])).toEqual([
      ['mem-a', 0.01, 7.3, null],
      ['mem-b', 0.02, 12, 0.005],
    ]);
  });
});

describe('catalog queries', () => {
  it('prices stored plans with configured and stored markup, filters them and says when each instance was synced', async () => {
    const catalog = new InMemoryCatalogRepository();
    const pricing = { currency: 'USD' as const, markups: [MarkupRuleSchema.parse({ id: 'all', percent: 10 })] };
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }], catalog: { catalog, pricing } });

    const before = await fixture.app.dispatch({ type: 'ListCatalogPlans' });
    expect(before).toEqual({ plans: [], syncedAt: {} });
    await fixture.app.dispatch({ type: 'SyncCatalog' });

    const listed = await fixture.app.dispatch({ type: 'ListCatalogPlans', min_vcpus: 2, sort: 'price' });
    expect(listed.plans.map((plan) => [plan.planId, plan.basePriceHourly, plan.priceHourly, plan.markupRuleId])).toEqual([
      ['medium', 0.03, 0.033, 'all'],
      ['large', 0.06, 0.066, 'all'],
    ]);
    expect(Object.keys(listed.syncedAt)).toEqual(['mem-a']);

    await fixture.app.dispatch({ type: 'SaveMarkupRule', rule: { id: 'all', percent: 50 } });
    expect((await fixture.app.dispatch({ type: 'ListCatalogPlans', limit: 1 })).plans[0]?.priceHourly).toBe(0.0113);
    expect((await fixture.app.dispatch({ type: 'ListMarkupRules' })).rules).toEqual([expect.objectContaining({ id: 'all', percent: 50, source: 'stored' })]);
    await fixture.app.dispatch({ type: 'DeleteMarkupRule', id: 'all' });
    expect((await fixture.app.dispatch({ type: 'ListMarkupRules' })).rules).toEqual([expect.objectContaining({ id: 'all', percent: 10, source: 'configuration' })]);
    await expect(fixture.app.dispatch({ type: 'DeleteMarkupRule', id: 'all' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('pricing.markups') });
  });

  it('lists regions, images and apps by instance, and says what is missing without catalog storage', async () => {
    const catalog = new InMemoryCatalogRepository();
    const fixture = createApplicationFixture({ instances: [{ name: 'mem-a' }, { name: 'mem-b' }], catalog: { catalog } });
    await fixture.app.dispatch({ type: 'SyncCatalog' });

    const regions = await fixture.app.dispatch({ type: 'ListCatalogRegions', provider: 'mem-a' });
    expect(regions.regions.map((region) => region.regionId)).toEqual(['mem-east-1', 'mem-eu-1', 'mem-west-1']);
    expect((await fixture.app.dispatch({ type: 'ListCatalogImages', provider_type: 'memory' })).images).toHaveLength(4);
    const apps = (await fixture.app.dispatch({ type: 'ListCatalogApps', provider: 'mem-b' })).apps;
    expect(apps).toEqual([expect.objectContaining({ providerInstance: 'mem-b', appId: 'memory-wordpress', kind: 'marketplace', imageIds: ['memory/ubuntu-24.04'] })]);

    const without = createApplicationFixture();
    await expect(without.app.dispatch({ type: 'ListCatalogPlans' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('No catalog storage') });
  });

  it('refuses plan filters that are not numbers and markup rules with unknown keys', async () => {
    const fixture = createApplicationFixture({ catalog: { catalog: new InMemoryCatalogRepository() } });
    await expect(fixture.app.dispatch({ type: 'ListCatalogPlans', min_vcpus: 'two' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(fixture.app.dispatch({ type: 'SaveMarkupRule', rule: { id: 'x', pct: 5 } })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
