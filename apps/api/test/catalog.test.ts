import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './api-harness.js';

/** The catalog and pricing routes of a real API process over SQLite and two in-memory provider instances. */

interface PlanItem {
  provider: string;
  planId: string;
  priceHourly: number | null;
  priceMonthly: number | null;
  basePriceHourly?: number | null;
  basePriceMonthly?: number | null;
}

let harness: TestApi;

beforeAll(async () => {
  harness = await startTestApi({
    workers: false,
    providers: [
      { name: 'memory-a', type: 'memory', config: {} },
      { name: 'memory-b', type: 'memory', config: {} },
    ],
  });
  // A pricing section in the configuration file needs a restart; here the admin routes set the rules.
});

afterAll(async () => {
  await harness?.close();
});

const plans = async (query: string, key: 'read' | 'admin') => {
  const response = await harness.inject({ method: 'GET', url: `/api/v1/catalog/plans${query}`, key });
  expect(response.statusCode).toBe(200);
  return response.json() as { plans: PlanItem[]; total: number; syncedAt: Record<string, string> };
};

describe('catalog routes', () => {
  it('syncs for admins only, then serves priced plans from storage, showing base prices to admin keys alone', async () => {
    expect(await plans('', 'read')).toEqual({ plans: [], total: 0, syncedAt: {} });
    const refused = await harness.inject({ method: 'POST', url: '/api/v1/catalog/sync', key: 'write', payload: {} });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { required_scope: 'admin' } } });

    const synced = await harness.inject({ method: 'POST', url: '/api/v1/catalog/sync' });
    expect(synced.statusCode).toBe(200);
    expect(synced.json().providers.map((outcome: { provider: string; ok: boolean; plans: number }) => [outcome.provider, outcome.ok, outcome.plans])).toEqual([
      ['memory-a', true, 3],
      ['memory-b', true, 3],
    ]);

    const unknown = await harness.inject({ method: 'POST', url: '/api/v1/catalog/sync', payload: { provider: 'memory-c' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'PROVIDER_NOT_FOUND', details: { available_providers: ['memory-a', 'memory-b'] } } });

    const saved = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/memory-b', payload: { providerInstance: 'memory-b', percent: 50 } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ id: 'memory-b', providerInstance: 'memory-b', percent: 50, fixedHourly: 0, source: 'stored' });

    const forAdmin = await plans('?min_vcpus=2&sort=price&limit=3', 'admin');
    expect(forAdmin.plans.map((plan) => [plan.provider, plan.planId, plan.basePriceHourly, plan.priceHourly])).toEqual([
      ['memory-a', 'medium', 0.03, 0.03],
      ['memory-b', 'medium', 0.03, 0.045],
      ['memory-a', 'large', 0.06, 0.06],
    ]);
    expect(Object.keys(forAdmin.syncedAt)).toEqual(['memory-a', 'memory-b']);
    const forReader = await plans('?provider=memory-b&sort=price&limit=1', 'read');
    // 0.0075 and 5 a month, as the cloud lists them, + 50 %: 0.01125 rounds half up.
    expect(forReader.plans).toEqual([expect.objectContaining({ provider: 'memory-b', planId: 'small', priceHourly: 0.0113, priceMonthly: 7.5 })]);
    expect(forReader.plans[0]).not.toHaveProperty('basePriceHourly');
    expect(forReader.plans[0]).not.toHaveProperty('basePriceMonthly');

    const images = await harness.inject({ method: 'GET', url: '/api/v1/catalog/images?provider=memory-a', key: 'read' });
    expect(images.json().images.map((image: { imageId: string }) => image.imageId)).toEqual(['memory/debian-12', 'memory/ubuntu-24.04']);
    const regions = await harness.inject({ method: 'GET', url: '/api/v1/catalog/regions?provider_type=memory', key: 'read' });
    expect(regions.json().regions).toHaveLength(6);
    const apps = (await harness.inject({ method: 'GET', url: '/api/v1/catalog/apps?provider=memory-a', key: 'read' })).json();
    expect(apps.apps).toEqual([expect.objectContaining({ providerInstance: 'memory-a', appId: 'memory-wordpress', kind: 'marketplace' })]);
  });

  it('keeps markup rules for admins, refuses bad filters and bad rules with 400', async () => {
    const listedByReader = await harness.inject({ method: 'GET', url: '/api/v1/pricing/markups', key: 'read' });
    expect(listedByReader.statusCode).toBe(403);
    await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/temporary', payload: { percent: 5 } });
    const listed = await harness.inject({ method: 'GET', url: '/api/v1/pricing/markups' });
    expect(listed.json().rules.map((rule: { id: string }) => rule.id)).toContain('temporary');

    const deleted = await harness.inject({ method: 'DELETE', url: '/api/v1/pricing/markups/temporary' });
    expect(deleted.json()).toEqual({ id: 'temporary', deleted: true });
    const again = await harness.inject({ method: 'DELETE', url: '/api/v1/pricing/markups/temporary' });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const badRule = await harness.inject({ method: 'PUT', url: '/api/v1/pricing/markups/x', payload: { pct: 5 } });
    expect(badRule.statusCode).toBe(400);
    const badFilter = await harness.inject({ method: 'GET', url: '/api/v1/catalog/plans?min_vcpus=two', key: 'read' });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    const badSort = await harness.inject({ method: 'GET', url: '/api/v1/catalog/plans?sort=cheapest', key: 'read' });
    expect(badSort.statusCode).toBe(400);
  });

  it('documents every catalog and pricing route in the OpenAPI document', async () => {
    const document = (await harness.inject({ method: 'GET', url: '/api/v1/openapi.json', key: null })).json() as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    expect(Object.keys(document.paths).filter((path) => /catalog|pricing/.test(path)).sort()).toEqual([
      '/api/v1/catalog/apps',
      '/api/v1/catalog/images',
      '/api/v1/catalog/plans',
      '/api/v1/catalog/regions',
      '/api/v1/catalog/sync',
      '/api/v1/pricing/markups',
      '/api/v1/pricing/markups/{id}',
    ]);
    expect(Object.keys(document.paths['/api/v1/pricing/markups/{id}']!).sort()).toEqual(['delete', 'put']);
    expect(document.paths['/api/v1/catalog/plans']!['get']!.parameters!.map((parameter) => parameter.name)).toEqual([
      'provider',
      'provider_type',
      'region',
      'min_vcpus',
      'min_memory_gb',
      'gpus',
      'sort',
      'limit',
    ]);
  });
});
