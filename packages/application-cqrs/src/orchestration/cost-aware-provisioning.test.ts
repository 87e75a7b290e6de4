import { CatalogPlanSchema, PricingConfigSchema, type TemplateInput } from '@ohf/domain-core';
import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
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

/** mem-a offers only a large plan, mem-b the cheapest medium, mem-c a dearer medium; 10 % markup on all. */
async function catalog(): Promise<InMemoryCatalogRepository> {
  const repository = new InMemoryCatalogRepository();
  const offers: Record<string, [string, number, number, number][]> = {
    'mem-a': [
      ['small', 1, 1, 0.0075],
      ['large', 4, 8, 0.06],
    ],
    'mem-b': [['medium', 2, 4, 0.03]],
    'mem-c': [['medium', 2, 4, 0.04]],
  };
  for (const [providerInstance, plans] of Object.entries(offers)) {
    const parsed = plans.map(([planId, vcpus, memoryGb, basePriceHourly]) =>
      CatalogPlanSchema.parse({
        providerInstance,
        providerType: 'memory',
        planId,
        name: planId,
        vcpus,
        memoryGb,
        diskGb: 40,
        basePriceHourly,
        basePriceMonthly: null,
        updatedAt: '2026-01-01T00:00:00.000Z',
      }),
    );
    await repository.replaceProviderCatalog(providerInstance, { plans: parsed, regions: [], images: [], apps: [] }, '2026-01-01T00:00:00.000Z');
  }
  return repository;
}

async function pricedFixture() {
  return createApplicationFixture({
    instances: [
      { name: 'mem-a', priority: 1 },
      { name: 'mem-b', priority: 2 },
      { name: 'mem-c', priority: 3 },
    ],
    templates: [sized],
    policy: 'LOWEST_COST',
    catalog: { catalog: await catalog(), pricing: PricingConfigSchema.parse({ currency: 'USD', markups: [{ id: 'margin', percent: 10 }] }) },
  });
}

interface StoredDecision {
  readonly decision: { readonly explanation: { readonly steps: readonly { readonly candidates: readonly { instance: string; rank: number | null; plan?: unknown }[] }[] } };
}

describe('a request with requirements across instances of different prices', () => {
  it('goes to the instance whose matching plan is cheapest, launches that plan and records plan and price', async () => {
    const fixture = await pricedFixture();
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'sized', count: 2 });
    expect(accepted.providerInstance).toBe('mem-b');
    expect(fixture.providers.get('mem-b')!.cloud.instances().map((instance) => instance.instanceType)).toEqual(['medium', 'medium']);

    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const tracked = status.requests[0]!;
    expect(tracked.request).toMatchObject({ status: 'complete', planId: 'medium', priceHourly: 0.033, currency: 'USD' });
    expect(tracked.machines.map((machine) => [machine.providerInstance, machine.planId, machine.priceHourly, machine.currency])).toEqual([
      ['mem-b', 'medium', 0.033, 'USD'],
      ['mem-b', 'medium', 0.033, 'USD'],
    ]);
    const candidates = (tracked.request!.selectionExplanation as StoredDecision).decision.explanation.steps[0]!.candidates;
    expect(candidates.map((candidate) => [candidate.instance, candidate.rank, candidate.plan])).toEqual([
      ['mem-a', 3, { planId: 'large', priceHourly: 0.066, currency: 'USD' }],
      ['mem-b', 1, { planId: 'medium', priceHourly: 0.033, currency: 'USD' }],
      ['mem-c', 2, { planId: 'medium', priceHourly: 0.044, currency: 'USD' }],
    ]);

    // Two hours later the two machines cost 2 × 2 h × 0.033, and 0.066 an hour while they run.
    fixture.clock.advance(2 * 3_600_000);
    const costs = await fixture.app.dispatch({ type: 'GetCosts', groupBy: 'provider' });
    expect(costs.groups).toEqual([{ key: 'mem-b', machines: 2, machineHours: 4, cost: 0.132, runningPriceHourly: 0.066, runningMachines: 2 }]);
    const lastHour = await fixture.app.dispatch({ type: 'GetCosts', groupBy: 'template', since: new Date(fixture.clock.now().getTime() - 3_600_000).toISOString() });
    expect(lastHour.groups.map((group) => [group.key, group.cost])).toEqual([['sized', 0.066]]);
  });

  it('fails over to the next cheapest instance when the cheapest has no capacity, and records the price paid there', async () => {
    const fixture = await pricedFixture();
    fixture.providers.get('mem-b')!.cloud.failNextCalls('capacity', { operation: 'create' });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'sized', count: 1 });
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
    const tracked = status.requests[0]!;
    expect(tracked.request?.attempts.map((attempt) => [attempt.providerInstance, attempt.instanceType, attempt.error?.code])).toEqual([
      ['mem-b', 'medium', 'INSUFFICIENT_CAPACITY'],
      ['mem-c', 'medium', undefined],
    ]);
    expect(tracked.request).toMatchObject({ status: 'complete', providerInstance: 'mem-c', planId: 'medium', priceHourly: 0.044 });
    expect(tracked.machines.map((machine) => [machine.providerInstance, machine.planId, machine.priceHourly])).toEqual([['mem-c', 'medium', 0.044]]);
    expect(fixture.providers.get('mem-a')!.cloud.instances()).toEqual([]);
  });

  it('prices machines adopted after a crash with the plan and price the request recorded', async () => {
    const fixture = await pricedFixture();
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'sized', count: 2, provisionInline: false });
    // The dead process had chosen mem-b's medium plan and saved its attempt; the cloud created the machines; then it died.
    const request = await fixture.requests.save({
      ...accepted.request!,
      status: 'in_progress',
      planId: 'medium',
      priceHourly: 0.033,
      currency: 'USD',
      attempts: [{ providerInstance: 'mem-b', providerType: 'memory', instanceType: 'medium', requestedCount: 2, createdCount: 0, startedAt: fixture.clock.now().toISOString() }],
    });
    await fixture.providers.get('mem-b')!.createInstances({
      requestId: request.requestId,
      template: { templateId: 'sized', vmType: 'medium' },
      count: 2,
      idempotencyKey: request.requestId,
      attempt: 1,
      tags: { [OHF_TAG_KEYS.requestId]: request.requestId, [OHF_TAG_KEYS.templateId]: 'sized', [OHF_TAG_KEYS.providerInstance]: 'mem-b' },
    });
    const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [request.requestId] });
    expect(status.requests[0]!.machines.map((machine) => [machine.providerInstance, machine.planId, machine.priceHourly, machine.currency])).toEqual([
      ['mem-b', 'medium', 0.033, 'USD'],
      ['mem-b', 'medium', 0.033, 'USD'],
    ]);
  });

  it('reads the catalog to choose, not on every status poll of a request waiting for its machines', async () => {
    const repository = await catalog();
    let planReads = 0;
    const listPlans = repository.listPlans.bind(repository);
    repository.listPlans = async (scope) => {
      planReads += 1;
      return listPlans(scope);
    };
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-b', autoRunAfterMs: 60_000 },
        { name: 'mem-c', autoRunAfterMs: 60_000 },
      ],
      templates: [sized],
      policy: 'LOWEST_COST',
      catalog: { catalog: repository },
    });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'sized', count: 1 });
    expect(accepted.providerInstance).toBe('mem-b');
    const readsToLaunch = planReads;
    expect(readsToLaunch).toBeGreaterThan(0);
    for (let poll = 0; poll < 3; poll += 1) {
      const status = await fixture.app.dispatch({ type: 'GetRequestStatus', requestIds: [accepted.requestId!] });
      expect(status.requests[0]!.request?.status).toBe('in_progress');
    }
    expect(planReads).toBe(readsToLaunch);
  });

  it('moves on from an instance whose catalog has no matching plan, without asking its cloud', async () => {
    const fixture = createApplicationFixture({
      instances: [
        { name: 'mem-a', priority: 1 },
        { name: 'mem-b', priority: 2 },
      ],
      templates: [{ ...sized, requirements: { vcpus: 2, memoryGb: 4, maxPriceHourly: 0.035 } }],
      policy: 'PRIORITY',
      catalog: { catalog: await catalog() },
    });
    const accepted = await fixture.app.dispatch({ type: 'RequestMachines', templateId: 'sized', count: 1 });
    const request = (await fixture.requests.findById(accepted.requestId!))!;
    expect(request.attempts.map((attempt) => [attempt.providerInstance, attempt.error?.code, attempt.error?.retryable])).toEqual([
      ['mem-a', 'NO_MATCHING_PLAN', false],
      ['mem-b', undefined, undefined],
    ]);
    expect(request.attempts[0]?.error?.message).toBe(
      'mem-a cannot serve template sized: no active plan in its catalog has 2 vCPUs, 4 GB memory, at most 0.035/h; run a catalog sync or relax the requirements',
    );
    expect(fixture.providers.get('mem-a')!.cloud.callCount('create')).toBe(0);
    expect(request).toMatchObject({ providerInstance: 'mem-b', planId: 'medium', priceHourly: 0.03 });
  });
});
