import {
  CatalogAppSchema,
  CatalogImageSchema,
  CatalogPlanSchema,
  CatalogRegionSchema,
  type CatalogApp,
  type CatalogImage,
  type CatalogPlan,
  type CatalogPlanInput,
  type CatalogRegion,
  type MarkupRule,
  type ProviderCatalog,
} from '@ohf/domain-core';
import type { z } from 'zod';

/** The provider type an instance name starts with (`linode-main` → `linode`), as in the samples. */
function typeOf(providerInstance: string): string {
  return providerInstance.split('-')[0]!;
}

/** A priced plan of `providerInstance` written at `updatedAt`; `overrides` may set any field. */
export function samplePlan(
  providerInstance: string,
  planId: string,
  updatedAt: string,
  overrides: Partial<CatalogPlanInput> = {},
): CatalogPlan {
  return CatalogPlanSchema.parse({
    providerInstance,
    providerType: typeOf(providerInstance),
    planId,
    name: `Plan ${planId}`,
    vcpus: 2,
    memoryGb: 4,
    diskGb: 80,
    architecture: 'x86_64',
    regions: ['us-east'],
    transferGb: 4_000,
    basePriceHourly: 0.0116,
    basePriceMonthly: 8.468,
    updatedAt,
    ...overrides,
  });
}

/**
 * A whole sync of `providerInstance`: the given plans, one region, image and app per name in
 * `regions`, `images` and `apps`.
 */
export function sampleProviderCatalog(
  providerInstance: string,
  updatedAt: string,
  entries: { plans?: readonly string[]; regions?: readonly string[]; images?: readonly string[]; apps?: readonly string[] },
  overrides: { plan?: Partial<CatalogPlanInput>; app?: Partial<z.input<typeof CatalogAppSchema>> } = {},
): ProviderCatalog {
  const base = { providerInstance, providerType: typeOf(providerInstance), updatedAt };
  return {
    plans: (entries.plans ?? []).map((planId) => samplePlan(providerInstance, planId, updatedAt, overrides.plan)),
    regions: (entries.regions ?? []).map(
      (regionId): CatalogRegion => CatalogRegionSchema.parse({ ...base, regionId, name: `Region ${regionId}`, country: 'us' }),
    ),
    images: (entries.images ?? []).map(
      (imageId): CatalogImage =>
        CatalogImageSchema.parse({ ...base, imageId, name: `Image ${imageId}`, osFamily: 'ubuntu', osVersion: '24.04' }),
    ),
    apps: (entries.apps ?? []).map(
      (appId): CatalogApp =>
        CatalogAppSchema.parse({
          ...base,
          appId,
          name: `App ${appId}`,
          kind: 'marketplace',
          description: 'One-click app',
          imageIds: ['ubuntu-24-04-x64'],
          ...overrides.app,
        }),
    ),
  };
}

/** A plan with the prices a markup rule must store for it, known without floating point. */
export interface ExactMarkupCase {
  readonly plan: CatalogPlan;
  readonly priceHourly: number;
  readonly priceMonthly: number;
}

/** The markup rule {@link exactMarkupCases} are priced with: +7.5 % on everything. */
export const EXACT_MARKUP_RULE: MarkupRule = { id: 'everything', percent: 7.5, fixedHourly: 0 };

/**
 * `count` plans of `providerInstance` and their prices at +7.5 %, rounded half up to 4 places.
 * Base prices are whole units of 1e-5 (hourly) and 1e-3 (monthly), so the expected prices are
 * integer arithmetic; several of them (10.998 × 1.075 = 11.82285) round the other way in floats.
 */
export function exactMarkupCases(providerInstance: string, updatedAt: string, count = 1_000): ExactMarkupCase[] {
  return Array.from({ length: count }, (_, index) => {
    const hourlyUnits = (index + 1) * 37 + 3;
    const monthlyUnits = (index + 1) * 611;
    return {
      plan: samplePlan(providerInstance, `plan-${String(index).padStart(4, '0')}`, updatedAt, {
        basePriceHourly: hourlyUnits / 100_000,
        basePriceMonthly: monthlyUnits / 1_000,
      }),
      priceHourly: Math.floor((hourlyUnits * 1_075 + 5_000) / 10_000) / 10_000,
      priceMonthly: Math.floor((monthlyUnits * 1_075 + 50) / 100) / 10_000,
    };
  });
}
