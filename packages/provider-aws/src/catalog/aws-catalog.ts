import type {
  DescribeAvailabilityZonesCommandOutput,
  DescribeImagesCommandOutput,
  DescribeInstanceTypesCommandOutput,
} from '@aws-sdk/client-ec2';
import { redactSecrets, TtlCache } from '@ohf/provider-sdk';
import type { ImageV1, LocationV1, ProviderLoggerV1, SizeV1 } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import type { AwsProviderSettings } from '../aws-settings.js';
import { instanceTypeToSize } from './instance-type-size.js';
import { readOnDemandPrices } from './on-demand-prices.js';
import { readSpotPrices, type SpotPrice } from './spot-prices.js';

/** One price source's answer: its prices, or none and the reason. */
interface PricesRead<Price> {
  readonly prices: ReadonlyMap<string, Price>;
  readonly warning?: string;
}

/** Catalog reads change rarely and some are large (DescribeInstanceTypes: ~900 types). */
export const CATALOG_TTL_MS = 60 * 60_000;

/** Availability zones, instance types and the account's own images, each cached for an hour. */
export class AwsCatalog {
  readonly #locations: TtlCache<LocationV1[]>;
  readonly #sizes: TtlCache<SizeV1[]>;
  readonly #images: TtlCache<ImageV1[]>;
  readonly #now: () => number;
  readonly #logger: ProviderLoggerV1 | undefined;

  constructor(options: { now?: () => number; logger?: ProviderLoggerV1 | undefined } = {}) {
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger;
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

  /**
   * Every instance type offered in the region with its prices: on-demand from the Price List
   * Query API (unless `pricing.enabled` is false), spot from the spot price history (cheapest
   * zone). A price source that fails (denied, unreachable) leaves its prices null: the sizes
   * still come back, with the reason logged and in `providerMetadata.priceWarnings`.
   */
  listSizes(scope: AwsCallScope, pricing: AwsProviderSettings['pricing']): Promise<SizeV1[]> {
    return this.#sizes.getOrLoad(scope.region, async () => {
      const onDemandRead: Promise<PricesRead<number>> = pricing.enabled
        ? this.#pricesOrWarning('on-demand', readOnDemandPrices(scope, scope.region))
        : Promise.resolve({ prices: new Map() });
      const [types, onDemand, spot] = await Promise.all([
        this.#instanceTypes(scope),
        onDemandRead,
        this.#pricesOrWarning('spot', readSpotPrices(scope, new Date(this.#now()))),
      ]);
      const warnings = [onDemand.warning, spot.warning].filter((warning): warning is string => warning !== undefined);
      return types.map((size) => withPrices(size, onDemand.prices.get(size.id), spot.prices.get(size.id), warnings));
    });
  }

  async #instanceTypes(scope: AwsCallScope): Promise<SizeV1[]> {
    const sizes: SizeV1[] = [];
    let nextToken: string | undefined;
    do {
      const output = await scope.read<DescribeInstanceTypesCommandOutput>('EC2', 'DescribeInstanceTypes', {
        MaxResults: 100,
        ...(nextToken ? { NextToken: nextToken } : {}),
      });
      for (const type of output.InstanceTypes ?? []) {
        if (type.InstanceType) sizes.push(instanceTypeToSize({ ...type, InstanceType: type.InstanceType }));
      }
      nextToken = output.NextToken || undefined;
    } while (nextToken);
    return sizes;
  }

  /** The prices, or none and why they could not be read (logged once per catalog read). */
  async #pricesOrWarning<Price>(kind: 'on-demand' | 'spot', read: Promise<Map<string, Price>>): Promise<PricesRead<Price>> {
    try {
      return { prices: await read };
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'INTERNAL';
      this.#logger?.warn({ provider: 'aws', kind, code }, `AWS ${kind} prices unavailable; instance types listed without them`);
      return { prices: new Map(), warning: redactSecrets(`${kind} prices unavailable (${code}): ${(error as Error).message}`) };
    }
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
            ...osFamilyOf(image.PlatformDetails),
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

function withPrices(size: SizeV1, onDemand: number | undefined, spot: SpotPrice | undefined, warnings: readonly string[]): SizeV1 {
  return {
    ...size,
    hourlyPriceUsd: onDemand ?? null,
    spotHourlyPriceUsd: spot?.hourlyPriceUsd ?? null,
    providerMetadata: {
      ...size.providerMetadata,
      ...(spot ? { spotAvailabilityZone: spot.availabilityZone } : {}),
      ...(warnings.length > 0 ? { priceWarnings: warnings } : {}),
    },
  };
}

/** EC2's platform words as OS families; the account's own AMI names say nothing reliable about versions. */
const OS_FAMILY_OF_PLATFORM: Readonly<Record<string, string>> = {
  'Linux/UNIX': 'linux',
  Windows: 'windows',
  'Red Hat Enterprise Linux': 'rhel',
  'SUSE Linux': 'suse',
  'Ubuntu Pro': 'ubuntu',
};

function osFamilyOf(platformDetails: string | undefined): { osFamily?: string } {
  const family = platformDetails === undefined ? undefined : (OS_FAMILY_OF_PLATFORM[platformDetails] ?? OS_FAMILY_OF_PLATFORM[platformDetails.split(' with ')[0] ?? '']);
  return family ? { osFamily: family } : {};
}
