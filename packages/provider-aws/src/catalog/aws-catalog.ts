import type {
  DescribeAvailabilityZonesCommandOutput,
  DescribeImagesCommandOutput,
  DescribeInstanceTypesCommandOutput,
} from '@aws-sdk/client-ec2';
import { TtlCache } from '@ohf/provider-sdk';
import type { ImageV1, LocationV1, SizeV1 } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';

/** Catalog reads change rarely and some are large (DescribeInstanceTypes: ~900 types). */
export const CATALOG_TTL_MS = 60 * 60_000;

/** Availability zones, instance types and the account's own images, each cached for an hour. */
export class AwsCatalog {
  readonly #locations: TtlCache<LocationV1[]>;
  readonly #sizes: TtlCache<SizeV1[]>;
  readonly #images: TtlCache<ImageV1[]>;

  constructor(options: { now?: () => number } = {}) {
    const cache = { ttlMs: CATALOG_TTL_MS, ...(options.now ? { now: options.now } : {}) };
    this.#locations = new TtlCache(cache);
    this.#sizes = new TtlCache(cache);
    this.#images = new TtlCache(cache);
  }

  /** The availability zones of the instance's region. */
  listLocations(scope: AwsCallScope): Promise<LocationV1[]> {
    return this.#locations.getOrLoad(scope.region, async () => {
      const output = await scope.read<DescribeAvailabilityZonesCommandOutput>('EC2', 'DescribeAvailabilityZones', {});
      return (output.AvailabilityZones ?? []).map((zone) => ({
        id: zone.ZoneName ?? '',
        name: zone.ZoneName ?? '',
        available: zone.State === 'available',
        providerMetadata: {
          region: zone.RegionName ?? scope.region,
          ...(zone.ZoneId ? { zoneId: zone.ZoneId } : {}),
          ...(zone.ZoneType ? { zoneType: zone.ZoneType } : {}),
        },
      }));
    });
  }

  /** Every instance type offered in the region; EC2 publishes no price through this API, so price is null. */
  listSizes(scope: AwsCallScope): Promise<SizeV1[]> {
    return this.#sizes.getOrLoad(scope.region, async () => {
      const sizes: SizeV1[] = [];
      let nextToken: string | undefined;
      do {
        const output = await scope.read<DescribeInstanceTypesCommandOutput>('EC2', 'DescribeInstanceTypes', {
          MaxResults: 100,
          ...(nextToken ? { NextToken: nextToken } : {}),
        });
        for (const type of output.InstanceTypes ?? []) {
          if (!type.InstanceType) continue;
          sizes.push({
            id: type.InstanceType,
            name: type.InstanceType,
            vcpus: type.VCpuInfo?.DefaultVCpus ?? 0,
            memoryMiB: type.MemoryInfo?.SizeInMiB ?? 0,
            diskGiB: type.InstanceStorageInfo?.TotalSizeInGB ?? 0,
            hourlyPriceUsd: null,
            providerMetadata: {
              architectures: type.ProcessorInfo?.SupportedArchitectures ?? [],
              usageClasses: type.SupportedUsageClasses ?? [],
              currentGeneration: type.CurrentGeneration ?? false,
            },
          });
        }
        nextToken = output.NextToken || undefined;
      } while (nextToken);
      return sizes;
    });
  }

  /** The images the account owns (public AMIs are thousands; templates name those directly or by SSM path). */
  listImages(scope: AwsCallScope): Promise<ImageV1[]> {
    return this.#images.getOrLoad(scope.region, async () => {
      const images: ImageV1[] = [];
      let nextToken: string | undefined;
      do {
        const output = await scope.read<DescribeImagesCommandOutput>('EC2', 'DescribeImages', {
          Owners: ['self'],
          MaxResults: 1000,
          ...(nextToken ? { NextToken: nextToken } : {}),
        });
        for (const image of output.Images ?? []) {
          if (!image.ImageId) continue;
          images.push({
            id: image.ImageId,
            name: image.Name ?? image.ImageId,
            ...(image.PlatformDetails ? { distribution: image.PlatformDetails } : {}),
            providerMetadata: {
              ...(image.Architecture ? { architecture: image.Architecture } : {}),
              ...(image.CreationDate ? { creationDate: image.CreationDate } : {}),
              ...(image.State ? { state: image.State } : {}),
              ...(image.RootDeviceName ? { rootDeviceName: image.RootDeviceName } : {}),
            },
          });
        }
        nextToken = output.NextToken || undefined;
      } while (nextToken);
      return images;
    });
  }

  clear(): void {
    this.#locations.clear();
    this.#sizes.clear();
    this.#images.clear();
  }
}
