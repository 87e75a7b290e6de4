import {
  CatalogAppSchema,
  CatalogImageSchema,
  CatalogPlanSchema,
  CatalogRegionSchema,
  monthlyPriceFromHourly,
  type ProviderCatalog,
} from '@ohf/domain-core';
import type { AppV1, ImageV1, LocationV1, SizeV1 } from '@ohf/provider-sdk';

/** What one provider instance listed during a sync. */
export interface ProviderListings {
  readonly providerInstance: string;
  readonly providerType: string;
  readonly sizes: readonly SizeV1[];
  readonly locations: readonly LocationV1[];
  readonly images: readonly ImageV1[];
  readonly apps: readonly AppV1[];
}

const MIB_PER_GB = 1024;

/** Enough precision for any real memory size, without binary fractions in JSON (0.5, not 0.49999…). */
function roundGb(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * The region a plan is offered in when the cloud does not list them per size: AWS lists the
 * availability zones of the instance's one region, each carrying the region in its metadata.
 */
function regionsOfInstance(locations: readonly LocationV1[]): string[] {
  const regions = locations.map((location) => location.providerMetadata?.['region']).filter((region): region is string => typeof region === 'string');
  return [...new Set(regions)];
}

/** The provider's listings in the catalog's normalized shape, stamped with the sync time. */
export function providerCatalogFrom(listings: ProviderListings, syncedAt: string): ProviderCatalog {
  const entry = { providerInstance: listings.providerInstance, providerType: listings.providerType, updatedAt: syncedAt };
  const instanceRegions = regionsOfInstance(listings.locations);
  return {
    plans: listings.sizes.map((size) =>
      CatalogPlanSchema.parse({
        ...entry,
        planId: size.id,
        name: size.name,
        vcpus: size.vcpus,
        memoryGb: roundGb(size.memoryMiB / MIB_PER_GB),
        diskGb: size.diskGiB,
        gpus: size.gpus ?? 0,
        architecture: size.architecture ?? null,
        regions: size.locations ?? instanceRegions,
        transferGb: size.transferGb ?? null,
        basePriceHourly: size.hourlyPriceUsd,
        basePriceMonthly: size.monthlyPriceUsd ?? (size.hourlyPriceUsd === null ? null : monthlyPriceFromHourly(size.hourlyPriceUsd)),
        spotPriceHourly: size.spotHourlyPriceUsd ?? null,
      }),
    ),
    regions: listings.locations.map((location) =>
      CatalogRegionSchema.parse({ ...entry, regionId: location.id, name: location.name, country: location.country ?? null, available: location.available }),
    ),
    images: listings.images.map((image) =>
      CatalogImageSchema.parse({
        ...entry,
        imageId: image.id,
        name: image.name,
        osFamily: image.osFamily ?? image.distribution?.toLowerCase() ?? null,
        osVersion: image.osVersion ?? null,
      }),
    ),
    apps: listings.apps.map((app) =>
      CatalogAppSchema.parse({ ...entry, appId: app.id, name: app.name, kind: app.kind, description: app.description ?? null, imageIds: app.imageIds ?? [] }),
    ),
  };
}
