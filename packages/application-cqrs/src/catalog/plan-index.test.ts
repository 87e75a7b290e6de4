import { CatalogPlanSchema, priceWithMarkup, type PricedPlan } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { PlanIndex } from './plan-index.js';

function priced(planId: string, vcpus: number, basePriceHourly: number): PricedPlan {
  const plan = CatalogPlanSchema.parse({
    providerInstance: 'aws-main',
    providerType: 'aws',
    planId,
    name: planId,
    vcpus,
    memoryGb: vcpus * 2,
    diskGb: 0,
    basePriceHourly,
    basePriceMonthly: null,
    updatedAt: '2026-12-05T00:00:00.000Z',
  });
  return { ...plan, ...priceWithMarkup(plan, []) };
}

describe('PlanIndex', () => {
  const cheapestFirst = [priced('a1', 1, 0.01), priced('b4', 4, 0.02), priced('c2', 2, 0.03), priced('d8', 8, 0.04), priced('e4', 4, 0.05)];
  const index = PlanIndex.of(cheapestFirst);

  it('lists the plans with at least n vCPUs in price order, n between the counts plans have included', () => {
    expect(index.withAtLeast(0).map((plan) => plan.planId)).toEqual(['a1', 'b4', 'c2', 'd8', 'e4']);
    expect(index.withAtLeast(2).map((plan) => plan.planId)).toEqual(['b4', 'c2', 'd8', 'e4']);
    expect(index.withAtLeast(3).map((plan) => plan.planId)).toEqual(['b4', 'd8', 'e4']);
    expect(index.withAtLeast(8).map((plan) => plan.planId)).toEqual(['d8']);
    expect(index.withAtLeast(9)).toEqual([]);
  });

  it('answers the same list for every count leading to the same step', () => {
    expect(index.withAtLeast(3)).toBe(index.withAtLeast(4));
    expect(PlanIndex.of([]).withAtLeast(1)).toEqual([]);
  });
});
