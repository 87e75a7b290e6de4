import { describe, expect, it } from 'vitest';
import { CatalogPlanSchema, type CatalogPlan } from './catalog-records.js';
import { MarkupRuleSchema, markupRuleFor, monthlyPriceFromHourly, priceWithMarkup } from './markup.js';
import { queryPlans } from './plan-query.js';

function plan(overrides: Partial<CatalogPlan> & Pick<CatalogPlan, 'planId'>): CatalogPlan {
  return CatalogPlanSchema.parse({
    providerInstance: 'linode-main',
    providerType: 'linode',
    name: overrides.planId,
    vcpus: 2,
    memoryGb: 4,
    diskGb: 80,
    basePriceHourly: 0.036,
    basePriceMonthly: 24,
    updatedAt: '2026-12-05T00:00:00.000Z',
    ...overrides,
  });
}

const rules = [
  MarkupRuleSchema.parse({ id: 'everything', percent: 10 }),
  MarkupRuleSchema.parse({ id: 'linode', providerType: 'linode', percent: 20 }),
  MarkupRuleSchema.parse({ id: 'main', providerInstance: 'linode-main', fixedHourly: 0.01 }),
  MarkupRuleSchema.parse({ id: 'big', providerInstance: 'linode-main', planId: 'g6-dedicated-8', percent: 50 }),
];

describe('markup', () => {
  it('picks the most specific rule covering the plan, whatever the order rules are listed in', () => {
    expect(markupRuleFor(plan({ planId: 'g6-dedicated-8' }), [...rules].reverse())?.id).toBe('big');
    expect(markupRuleFor(plan({ planId: 'g6-standard-2' }), rules)?.id).toBe('main');
    expect(markupRuleFor(plan({ planId: 'x', providerInstance: 'linode-eu' }), rules)?.id).toBe('linode');
    expect(markupRuleFor(plan({ planId: 'x', providerType: 'aws', providerInstance: 'aws-1' }), rules)?.id).toBe('everything');
  });

  it('adds the percentage then the fixed hourly amount, monthly at 730 hours of the fixed part', () => {
    const price = priceWithMarkup(plan({ planId: 'g6-standard-2' }), rules);
    expect(price).toEqual({ priceHourly: 0.046, priceMonthly: 24 + 7.3, markupRuleId: 'main' });
    const percent = priceWithMarkup(plan({ planId: 'x', providerInstance: 'linode-eu' }), rules);
    expect(percent).toEqual({ priceHourly: 0.0432, priceMonthly: 28.8, markupRuleId: 'linode' });
  });

  it('keeps an unknown price unknown and derives a missing monthly price from the hourly one', () => {
    expect(priceWithMarkup(plan({ planId: 'x', basePriceHourly: null, basePriceMonthly: null }), []).priceHourly).toBeNull();
    expect(priceWithMarkup(plan({ planId: 'x', basePriceHourly: 0.1, basePriceMonthly: null }), []).priceMonthly).toBe(73);
  });

  it('prices 1,000 plans at +7.5 % exactly: the decimal result rounded half up to 4 places, never a float approximation', () => {
    const markup = [MarkupRuleSchema.parse({ id: 'all', percent: 7.5 })];
    let floatWouldDrift = 0;
    for (let index = 1; index <= 1_000; index += 1) {
      // Hourly prices in units of 1e-5 and monthly ones in 1e-3: the expected results are integer arithmetic.
      const hourlyUnits = index * 37 + 3;
      const monthlyUnits = index * 611;
      const priced = priceWithMarkup(plan({ planId: `p${index}`, basePriceHourly: hourlyUnits / 100_000, basePriceMonthly: monthlyUnits / 1_000 }), markup);
      expect(priced.priceHourly).toBe(Math.floor((hourlyUnits * 1_075 + 5_000) / 10_000) / 10_000);
      expect(priced.priceMonthly).toBe(Math.floor((monthlyUnits * 1_075 + 50) / 100) / 10_000);
      if (Math.round((monthlyUnits / 1_000) * 1.075 * 10_000) / 10_000 !== priced.priceMonthly) floatWouldDrift += 1;
    }
    // The monthly prices above include ones (10.998 × 1.075 = 11.82285) where float arithmetic rounds the wrong way.
    expect(floatWouldDrift).toBeGreaterThan(0);
  });

  it('adds a fixed amount exactly: 0.1 + 0.2 is 0.3, and monthly fixed amounts are 730 × the hourly one', () => {
    const fixed = [MarkupRuleSchema.parse({ id: 'fixed', fixedHourly: 0.2 })];
    expect(priceWithMarkup(plan({ planId: 'x', basePriceHourly: 0.1, basePriceMonthly: null }), fixed)).toEqual({ priceHourly: 0.3, priceMonthly: 219, markupRuleId: 'fixed' });
    expect(monthlyPriceFromHourly(0.0075)).toBe(5.475);
    expect(monthlyPriceFromHourly(0.0116)).toBe(8.468);
  });

  it('refuses a negative markup and unknown keys', () => {
    expect(MarkupRuleSchema.safeParse({ id: 'a', percent: -5 }).success).toBe(false);
    expect(MarkupRuleSchema.safeParse({ id: 'a', pct: 5 }).success).toBe(false);
  });
});

describe('queryPlans', () => {
  const plans = [
    plan({ planId: 'small', vcpus: 1, memoryGb: 2, basePriceHourly: 0.018, basePriceMonthly: 12, regions: ['us-east'] }),
    plan({ planId: 'gpu', vcpus: 8, memoryGb: 32, gpus: 1, basePriceHourly: 1.5, basePriceMonthly: 1000, regions: ['us-east'] }),
    plan({ planId: 'unpriced', vcpus: 4, memoryGb: 8, basePriceHourly: null, basePriceMonthly: null }),
    plan({ planId: 'gone', active: false, basePriceHourly: 0.001 }),
    plan({ planId: 'eu', vcpus: 2, memoryGb: 4, regions: ['eu-west'] }),
  ];

  it('sorts by price with markup, unknown prices last, and leaves out plans no longer offered', () => {
    expect(queryPlans(plans, {}, []).map((found) => found.planId)).toEqual(['small', 'eu', 'gpu', 'unpriced']);
  });

  it('filters by region, size, GPUs and price after markup', () => {
    expect(queryPlans(plans, { region: 'eu-west' }, []).map((found) => found.planId)).toEqual(['eu', 'unpriced']);
    expect(queryPlans(plans, { minVcpus: 2, minMemoryGb: 8 }, []).map((found) => found.planId)).toEqual(['gpu', 'unpriced']);
    expect(queryPlans(plans, { gpus: 1 }, []).map((found) => found.planId)).toEqual(['gpu']);
    expect(queryPlans(plans, { maxPriceHourly: 0.02 }, rules).map((found) => found.planId)).toEqual([]);
    expect(queryPlans(plans, { maxPriceHourly: 0.03 }, rules).map((found) => found.planId)).toEqual(['small']);
  });

  it('sorts by vCPUs or memory and cuts at the limit', () => {
    expect(queryPlans(plans, { sort: 'vcpus', limit: 2 }, []).map((found) => found.planId)).toEqual(['small', 'eu']);
    expect(queryPlans(plans, { sort: 'memory' }, []).at(-1)?.planId).toBe('gpu');
  });
});
