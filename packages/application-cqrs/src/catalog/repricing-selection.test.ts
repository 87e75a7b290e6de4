import type { TemplateInput } from '@ohf/domain-core';
import type { ComputeProviderV1 } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { InMemoryCatalogRepository } from '../adapters/in-memory-catalog-repository.js';
import { createApplicationFixture } from '../test-support/application-fixture.js';

const sized: TemplateInput = {
  templateId: 'sized',
  maxNumber: 10,
  attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
  providerType: 'memory',
  imageId: 'memory/debian-12',
  requirements: { vcpus: 2, memoryGb: 4 },
};

/** The in-memory cloud with the hourly prices its API currently publishes, which the test changes. */
function publishing(hourlyPrices: Map<string, number>) {
  return (provider: ComputeProviderV1): ComputeProviderV1 =>
    Object.assign(Object.create(provider) as ComputeProviderV1, {
      listSizes: async () =>
        (await provider.listSizes()).map(({ monthlyPriceUsd: _monthly, ...size }) => ({ ...size, hourlyPriceUsd: hourlyPrices.get(size.id) ?? size.hourlyPriceUsd })),
    });
}

describe('the same requirement template as prices change at the clouds', () => {
  it('goes to the cheapest instance of the latest sync: A, then B once B became cheaper and the catalog was synced again', async () => {
    const pricesOfA = new Map([['medium', 0.03]]);
    const pricesOfB = new Map([['medium', 0.04], ['large', 0.05]]);
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 2, decorate: publishing(pricesOfA) },
        { name: 'mem-b', priority: 1, decorate: publishing(pricesOfB) },
      ],
      templates: [sized],
      policy: 'LOWEST_COST',
      catalog: { catalog: new InMemoryCatalogRepository() },
    });
    await fixture.app.dispatch({ type: 'SyncCatalog' });

    const first = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'sized', count: 1 });
    expect(first.providerInstance).toBe('mem-a');
    expect(fixture.providers.get('mem-a')!.cloud.instances().map((instance) => instance.instanceType)).toEqual(['medium']);

    // B cuts its large plan below A's medium one; A raises its price. Nothing changes until a sync.
    pricesOfA.set('medium', 0.035);
    pricesOfB.set('large', 0.025);
    const beforeSync = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'sized', count: 1 });
    expect(beforeSync.providerInstance).toBe('mem-a');

    fixture.clock.advance(60_000);
    await fixture.app.dispatch({ type: 'SyncCatalog' });
    const second = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'sized', count: 1 });

    expect(second.providerInstance).toBe('mem-b');
    expect(fixture.providers.get('mem-b')!.cloud.instances().map((instance) => instance.instanceType)).toEqual(['large']);
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [first.requestId!, second.requestId!] });
    expect(status.requests.map((tracked) => [tracked.request?.providerInstance, tracked.request?.planId, tracked.request?.priceHourly])).toEqual([
      ['mem-a', 'medium', 0.03],
      ['mem-b', 'large', 0.025],
    ]);
  });
});
