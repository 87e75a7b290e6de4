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
