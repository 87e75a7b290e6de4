import type { ImageV1, LocationV1, SizeV1 } from '@ohf/provider-sdk';
import type { LinodeImage } from './linode-api-schemas/linode-image-schema.js';
import type { LinodeRegion } from './linode-api-schemas/linode-region-schema.js';
import type { LinodeType } from './linode-api-schemas/linode-type-schema.js';

const MEGABYTES_PER_GIBIBYTE = 1024;

/** A Linode type as a size: memory is already MiB; Linode's disk MB become GiB. */
export function linodeTypeToSize(type: LinodeType): SizeV1 {
  return {
    id: type.id,
    name: type.label,
    vcpus: type.vcpus,
    memoryMiB: type.memory,
    diskGiB: type.disk / MEGABYTES_PER_GIBIBYTE,
    hourlyPriceUsd: type.price?.hourly ?? null,
    providerMetadata: {
      class: type.class ?? null,
      gpus: type.gpus ?? 0,
      transferGb: type.transfer ?? null,
      networkOutMbps: type.network_out ?? null,
      monthlyPriceUsd: type.price?.monthly ?? null,
      // Some regions are priced differently from the default.
      regionPrices: type.region_prices ?? [],
      successor: type.successor ?? null,
    },
  };
}

export function linodeImageToImage(image: LinodeImage): ImageV1 {
  return {
    id: image.id,
    name: image.label,
    ...(image.vendor ? { distribution: image.vendor } : {}),
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
