import { imageOperatingSystem, type AppV1, type ImageV1, type LocationV1, type SizeV1 } from '@ohf/provider-sdk';
import type { LinodeImage } from './linode-api-schemas/linode-image-schema.js';
import type { LinodeRegion } from './linode-api-schemas/linode-region-schema.js';
import type { LinodeStackScript } from './linode-api-schemas/linode-stackscript-schema.js';
import type { LinodeType } from './linode-api-schemas/linode-type-schema.js';

const MEGABYTES_PER_GIBIBYTE = 1024;
/** What a StackScript's `images` says when it deploys on any image. */
const ANY_IMAGE = 'any/all';

/** The region capability a plan class needs (Linode's documentation of `class`); other classes run wherever Linodes do. */
const CAPABILITY_OF_CLASS: Readonly<Record<string, string>> = { gpu: 'GPU Linodes', premium: 'Premium Plans' };

/**
 * A Linode type as a size: memory is already MiB; Linode's disk MB become GiB. Every Linode
 * plan runs on x86_64. `transfer` is the monthly quota in GB (the specification says MB, but
 * the 4 GB plan's 4000 is its 4 TB quota). `locations` are the regions with the capability the
 * plan's class needs; the regions priced differently from `price` are in
 * `providerMetadata.regionPrices`.
 */
export function linodeTypeToSize(type: LinodeType, regions: readonly LinodeRegion[]): SizeV1 {
  const capability = CAPABILITY_OF_CLASS[type.class ?? ''] ?? 'Linodes';
  return {
    id: type.id,
    name: type.label,
    vcpus: type.vcpus,
    memoryMiB: type.memory,
    diskGiB: type.disk / MEGABYTES_PER_GIBIBYTE,
    hourlyPriceUsd: type.price?.hourly ?? null,
    monthlyPriceUsd: type.price?.monthly ?? null,
    gpus: type.gpus ?? 0,
    architecture: 'x86_64',
    transferGb: type.transfer ?? null,
    locations: regions.filter((region) => (region.capabilities ?? []).includes(capability)).map((region) => region.id),
    providerMetadata: {
      class: type.class ?? null,
      networkOutMbps: type.network_out ?? null,
      regionPrices: type.region_prices ?? [],
      successor: type.successor ?? null,
    },
  };
}

/** A StackScript as a one-click app; `imageIds` only when it is limited to some images. */
export function linodeStackScriptToApp(script: LinodeStackScript): AppV1 {
  const images = (script.images ?? []).filter((image) => image !== ANY_IMAGE);
  return {
    id: String(script.id),
    name: script.label,
    kind: 'stackscript',
    ...(script.description ? { description: script.description } : {}),
    ...(images.length > 0 && images.length === script.images?.length ? { imageIds: images } : {}),
    providerMetadata: {
      username: script.username ?? null,
      mine: script.mine ?? false,
      isPublic: script.is_public ?? null,
      deploymentsActive: script.deployments_active ?? null,
      updated: script.updated ?? null,
      // What `stackscript_data` of a template may set.
      userDefinedFields: (script.user_defined_fields ?? []).map((field) => ({ name: field.name, label: field.label ?? null, default: field.default ?? null })),
    },
  };
}

export function linodeImageToImage(image: LinodeImage): ImageV1 {
  return {
    id: image.id,
    name: image.label,
    ...(image.vendor ? { distribution: image.vendor } : {}),
    ...imageOperatingSystem(image.vendor, image.label),
    providerMetadata: {
      status: image.status ?? null,
      isPublic: image.is_public ?? null,
      deprecated: image.deprecated ?? false,
      type: image.type ?? null,
      sizeMb: image.size ?? null,
      capabilities: image.capabilities ?? [],
      endOfLife: image.eol ?? null,
    },
  };
}

export function linodeRegionToLocation(region: LinodeRegion): LocationV1 {
  return {
    id: region.id,
    name: region.label,
    ...(region.country ? { country: region.country } : {}),
    available: (region.status ?? 'ok') === 'ok',
    providerMetadata: {
      status: region.status ?? null,
      capabilities: region.capabilities ?? [],
      siteType: region['site-type'] ?? null,
    },
  };
}
