import { imageOperatingSystem, type AppV1, type ImageV1, type LocationV1, type SizeV1 } from '@ohf/provider-sdk';
import type { DigitalOceanImage, DigitalOceanOneClick, DigitalOceanRegion, DigitalOceanSize } from './digitalocean-api-schemas/catalog-schemas.js';

// DigitalOcean counts transfer in decimal units: 1 TB is the 1,000 GB its pricing lists.
const GIGABYTES_PER_TERABYTE = 1000;

/** A size with DigitalOcean's own hourly and monthly prices; every Droplet runs on x86_64. */
export function sizeToSize(size: DigitalOceanSize): SizeV1 {
  return {
    id: size.slug,
    name: size.description ? `${size.slug} (${size.description})` : size.slug,
    vcpus: size.vcpus,
    memoryMiB: size.memory,
    diskGiB: size.disk,
    hourlyPriceUsd: size.price_hourly,
    monthlyPriceUsd: size.price_monthly ?? null,
    gpus: size.gpu_info?.count ?? 0,
    architecture: 'x86_64',
    // Rounded: TB values such as 0.5 or 4.5 must not come back as 499.99999.
    transferGb: size.transfer === undefined ? null : Math.round(size.transfer * GIGABYTES_PER_TERABYTE),
    locations: size.regions,
    providerMetadata: {
      available: size.available,
      ...(size.gpu_info?.model ? { gpuModel: size.gpu_info.model } : {}),
      ...(size.gpu_info?.vram?.amount === undefined ? {} : { gpuMemory: size.gpu_info.vram }),
    },
  };
}

/** A droplet 1-Click app; its slug is the image a droplet is created from. */
export function oneClickToApp(oneClick: DigitalOceanOneClick): AppV1 {
  return { id: oneClick.slug, name: oneClick.slug, kind: 'marketplace', imageIds: [oneClick.slug] };
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
    ...imageOperatingSystem(image.distribution, image.name),
    providerMetadata: {
      imageId: image.id,
      ...(image.type === undefined ? {} : { type: image.type }),
      ...(image.public === undefined ? {} : { public: image.public }),
      regions: image.regions,
      ...(image.min_disk_size == null ? {} : { minDiskGiB: image.min_disk_size }),
    },
  };
}
