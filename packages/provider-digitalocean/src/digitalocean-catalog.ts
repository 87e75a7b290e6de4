import type { ImageV1, LocationV1, SizeV1 } from '@ohf/provider-sdk';
import type { DigitalOceanImage, DigitalOceanRegion, DigitalOceanSize } from './digitalocean-api-schemas/catalog-schemas.js';

export function sizeToSize(size: DigitalOceanSize): SizeV1 {
  return {
    id: size.slug,
    name: size.description ? `${size.slug} (${size.description})` : size.slug,
    vcpus: size.vcpus,
    memoryMiB: size.memory,
    diskGiB: size.disk,
    hourlyPriceUsd: size.price_hourly,
    locations: size.regions,
    providerMetadata: {
      available: size.available,
      ...(size.price_monthly == null ? {} : { monthlyPriceUsd: size.price_monthly }),
      ...(size.transfer === undefined ? {} : { transferTiB: size.transfer }),
    },
  };
}

export function regionToLocation(region: DigitalOceanRegion): LocationV1 {
  return {
    id: region.slug,
    name: region.name,
    available: region.available,
    providerMetadata: { features: region.features, sizes: region.sizes },
  };
}

/** Distribution images and the account's own, once each (an image can be both). */
export function imagesToImages(lists: readonly (readonly DigitalOceanImage[])[]): ImageV1[] {
  const byId = new Map<number, DigitalOceanImage>();
  for (const image of lists.flat()) if (!byId.has(image.id)) byId.set(image.id, image);
  return [...byId.values()].map(imageToImage);
}

function imageToImage(image: DigitalOceanImage): ImageV1 {
  return {
    id: image.slug ?? String(image.id),
    name: image.name ?? image.slug ?? String(image.id),
    ...(image.distribution === undefined ? {} : { distribution: image.distribution }),
    providerMetadata: {
      imageId: image.id,
      ...(image.type === undefined ? {} : { type: image.type }),
      ...(image.public === undefined ? {} : { public: image.public }),
      regions: image.regions,
      ...(image.min_disk_size == null ? {} : { minDiskGiB: image.min_disk_size }),
    },
  };
}
