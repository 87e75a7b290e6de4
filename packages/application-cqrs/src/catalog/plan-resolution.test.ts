import { CatalogPlanSchema, MarkupRuleSchema, OhfError, TemplateSchema, type CatalogPlanInput, type TemplateInput } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { InMemoryCatalogRepository } from '../adapters/in-memory-catalog-repository.js';
import { CatalogPrices } from './catalog-prices.js';
import { PlanIndex } from './plan-index.js';
import { FLEET_OVERRIDE_PLAN_COUNT, resolveAgainst, resolveTemplate } from './plan-resolution.js';

const attributes = { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] } as const;
const template = (fields: Partial<TemplateInput> = {}) =>
  TemplateSchema.parse({ templateId: 'sized', maxNumber: 10, attributes, requirements: { vcpus: 2, memoryGb: 4 }, ...fields });

function plan(providerInstance: string, planId: string, basePriceHourly: number | null, fields: Partial<CatalogPlanInput> = {}) {
  return CatalogPlanSchema.parse({
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
    ...fields,
  });
}

async function pricesWith(providerInstance: string, plans: ReturnType<typeof plan>[], markupPercent = 0): Promise<CatalogPrices> {
  const catalog = new InMemoryCatalogRepository();
  await catalog.replaceProviderCatalog(providerInstance, { plans, regions: [], images: [], apps: [] }, '2026-12-05T00:00:00.000Z');
  return new CatalogPrices(catalog, [MarkupRuleSchema.parse({ id: 'all', percent: markupPercent })]);
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; retryable: boolean }> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!OhfError.isInstance(error)) throw new Error(`expected an OhfError, got ${String(error)}`);
  return { code: error.code, message: error.message, retryable: error.retryable };
}

describe('resolveTemplate', () => {
  it('gives a single-type cloud the cheapest plan meeting every requirement, priced with the markup', async () => {
    const prices = await pricesWith(
      'linode-main',
      [
        plan('linode-main', 'g6-standard-1', 0.018, { vcpus: 1, memoryGb: 2 }),
        plan('linode-main', 'g6-standard-2', 0.036),
        plan('linode-main', 'g6-dedicated-2', 0.054),
        plan('linode-main', 'g6-standard-4', 0.072, { vcpus: 4, memoryGb: 8 }),
        plan('linode-main', 'g1-gpu-rtx6000-1', 1.5, { vcpus: 8, memoryGb: 32, gpus: 1 }),
      ],
      50,
    );
    const resolved = await resolveTemplate(prices, template({ vmType: 'ignored' }), { providerInstance: 'linode-main', providerType: 'linode' });
    expect(resolved.template.vmType).toBe('g6-standard-2');
    expect(resolved.template.vmTypes).toBeUndefined();
    expect(resolved.plans.map((found) => [found.planId, found.priceHourly])).toEqual([['g6-standard-2', 0.054]]);

    const gpu = await resolveTemplate(prices, template({ requirements: { vcpus: 2, memoryGb: 4, gpus: 1 } }), { providerInstance: 'linode-main', providerType: 'linode' });
    expect(gpu.template.vmType).toBe('g1-gpu-rtx6000-1');
  });

  it('gives an AWS fleet the few cheapest matching types as weighted overrides, cheapest first and prioritized so', async () => {
    const types = Array.from({ length: FLEET_OVERRIDE_PLAN_COUNT + 2 }, (_unused, index) => plan('aws-east', `m${index}.large`, 0.2 - index * 0.01));
    const prices = await pricesWith('aws-east', [...types, plan('aws-east', 'graviton.large', 0.01, { architecture: 'arm64' })]);
    const resolved = await resolveTemplate(prices, template({ requirements: { vcpus: 2, memoryGb: 4, architecture: 'x86_64' } }), {
      providerInstance: 'aws-east',
      providerType: 'aws',
    });
    expect(Object.keys(resolved.template.vmTypes ?? {})).toEqual(['m6.large', 'm5.large', 'm4.large', 'm3.large', 'm2.large']);
    expect(Object.values(resolved.template.vmTypes ?? {})).toEqual([1, 1, 1, 1, 1]);
    expect(resolved.template.vmTypesPriority).toEqual({ 'm6.large': 1, 'm5.large': 2, 'm4.large': 3, 'm3.large': 4, 'm2.large': 5 });
    expect(resolved.template.vmType).toBeUndefined();
    expect(resolved.plans[0]?.planId).toBe('m6.large');
  });

  it('keeps to the region the template asks of the cloud and to the price limit', async () => {
    const prices = await pricesWith('linode-main', [
      plan('linode-main', 'cheap-elsewhere', 0.01, { regions: ['eu-west'] }),
      plan('linode-main', 'here', 0.03, { regions: ['us-east'] }),
      plan('linode-main', 'too-dear', 0.5, { regions: ['us-east'] }),
    ]);
    const target = { providerInstance: 'linode-main', providerType: 'linode' };
    const inRegion = template({ providerOptions: { linode: { region: 'us-east' } } });
    expect((await resolveTemplate(prices, inRegion, target)).template.vmType).toBe('here');
    const capped = template({ requirements: { vcpus: 2, memoryGb: 4, maxPriceHourly: 0.02 }, providerOptions: { linode: { region: 'us-east' } } });
    const error = await refusal(resolveTemplate(prices, capped, target));
    expect(error.code).toBe('NO_MATCHING_PLAN');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'linode-main cannot serve template sized: no active plan in its catalog has 2 vCPUs, 4 GB memory, at most 0.02/h; run a catalog sync or relax the requirements',
    );
  });

  it('prices a spot template at the spot price with the markup, and holds the price limit to it', async () => {
    const prices = await pricesWith(
      'aws-east',
      [plan('aws-east', 'm5.large', 0.096, { spotPriceHourly: 0.04 }), plan('aws-east', 'c5.large', 0.085, { spotPriceHourly: 0.05 }), plan('aws-east', 't3.large', 0.0832)],
      25,
    );
    const target = { providerInstance: 'aws-east', providerType: 'aws' };
    const spot = await resolveTemplate(prices, template({ priceType: 'spot', requirements: { vcpus: 2, memoryGb: 4, maxPriceHourly: 0.07 } }), target);
    expect(spot.plans.map((found) => [found.planId, found.priceHourly])).toEqual([
      ['m5.large', 0.05],
      ['c5.large', 0.0625],
    ]);
    const onDemand = await resolveTemplate(prices, template({ requirements: { vcpus: 2, memoryGb: 4 } }), target);
    expect(onDemand.plans.map((found) => [found.planId, found.priceHourly])).toEqual([
      ['t3.large', 0.104],
      ['c5.large', 0.1063],
      ['m5.large', 0.12],
    ]);
  });

  it('refuses requirements without a catalog, and leaves a fixed-size template as it is, priced when the catalog knows its type', async () => {
    const target = { providerInstance: 'linode-main', providerType: 'linode' };
    expect((await refusal(resolveTemplate(undefined, template(), target))).message).toContain('none is configured');
    const fixed = template({ requirements: undefined, vmType: 'g6-standard-2' });
    expect(await resolveTemplate(undefined, fixed, target)).toEqual({ template: fixed, plans: [] });
    const prices = await pricesWith('linode-main', [plan('linode-main', 'g6-standard-2', 0.036), plan('linode-main', 'g6-nanode-1', 0.0075)]);
    const priced = await resolveTemplate(prices, fixed, target);
    expect(priced.template).toBe(fixed);
    expect(priced.plans.map((found) => found.planId)).toEqual(['g6-standard-2']);
  });
});

describe('resolveAgainst', () => {
  it('resolves many templates against one read of the catalog, each to its own cheapest match, without reading it again', async () => {
    const catalog = new InMemoryCatalogRepository();
    const sizes = [1, 2, 4, 8].map((vcpus) => plan('linode-main', `g6-standard-${vcpus}`, vcpus * 0.018, { vcpus, memoryGb: vcpus * 2 }));
    await catalog.replaceProviderCatalog('linode-main', { plans: sizes, regions: [], images: [], apps: [] }, '2026-12-05T00:00:00.000Z');
    const prices = new CatalogPrices(catalog);
    const target = { providerInstance: 'linode-main', providerType: 'linode' };
    const plans = PlanIndex.of(await prices.plans({ provider: 'linode-main' }));
    let reads = 0;
    catalog.listPlans = async () => {
      reads += 1;
      return [];
    };

    const chosen = [1, 2, 3, 8].map((vcpus) => resolveAgainst(plans, template({ requirements: { vcpus, memoryGb: 1 } }), target).template.vmType);

    expect(chosen).toEqual(['g6-standard-1', 'g6-standard-2', 'g6-standard-4', 'g6-standard-8']);
    expect(() => resolveAgainst(plans, template({ requirements: { vcpus: 16, memoryGb: 1 } }), target)).toThrow(/no active plan in its catalog has 16 vCPUs/);
    expect(reads).toBe(0);
  });
});
