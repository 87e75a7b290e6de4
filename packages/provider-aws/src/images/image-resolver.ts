import type { DescribeImagesCommandOutput } from '@aws-sdk/client-ec2';
import type { GetParameterCommandOutput } from '@aws-sdk/client-ssm';
import { ProviderValidationError, TtlCache } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import { AWS_PROVIDER_ID } from '../aws-errors.js';

/** AMI ids behind SSM parameters change a few times a month; an hour keeps creates cheap. */
const SSM_IMAGE_TTL_MS = 60 * 60_000;
const DEFAULT_ROOT_DEVICE = '/dev/xvda';

/** True for image ids that name an SSM parameter (`/aws/service/…`, `ssm:/…`, `resolve:ssm:/…`). */
export function isSsmImageReference(imageId: string): boolean {
  return imageId.startsWith('/') || imageId.startsWith('ssm:') || imageId.startsWith('resolve:ssm:');
}

export function ssmParameterName(imageId: string): string {
  if (imageId.startsWith('resolve:ssm:')) return imageId.slice('resolve:ssm:'.length);
  if (imageId.startsWith('ssm:')) return imageId.slice('ssm:'.length);
  return imageId;
}

/** Resolves SSM-parameter image ids to AMI ids through SSM GetParameter, with a cache. */
export class ImageResolver {
  readonly #cache: TtlCache<string>;
  readonly #rootDevices: TtlCache<string>;

  constructor(options: { now?: () => number } = {}) {
    const clock = options.now ? { now: options.now } : {};
    this.#cache = new TtlCache<string>({ ttlMs: SSM_IMAGE_TTL_MS, maxEntries: 500, ...clock });
    this.#rootDevices = new TtlCache<string>({ ttlMs: SSM_IMAGE_TTL_MS, maxEntries: 500, ...clock });
  }

  get stats(): { hits: number; misses: number } {
    return this.#cache.stats;
  }

  /**
   * The AMI id to launch. In a dry run nothing is sent: a cached value is used, else EC2's own
   * `resolve:ssm:` syntax, which EC2 resolves at launch.
   */
  async resolve(scope: AwsCallScope, imageId: string): Promise<string> {
    if (!isSsmImageReference(imageId)) return imageId;
    const name = ssmParameterName(imageId);
    if (scope.dryRun) return this.#cache.get(name) ?? `resolve:ssm:${name}`;
    return this.#cache.getOrLoad(name, async () => {
      const output = await scope.read<GetParameterCommandOutput>('SSM', 'GetParameter', { Name: name });
      const value = output.Parameter?.Value;
      if (!value || !/^ami-[0-9a-f]+$/.test(value)) {
        throw new ProviderValidationError(`SSM parameter ${name} does not hold an AMI id (found ${JSON.stringify(value ?? null)})`, {
          providerId: AWS_PROVIDER_ID,
          operation: 'SSM.GetParameter',
          field: 'imageId',
        });
      }
      return value;
    });
  }

  /**
   * The device name of the image's root volume (`/dev/xvda`, `/dev/sda1`…), needed to resize
   * it. A dry run that has not seen the image assumes the Amazon Linux name.
   */
  async rootDeviceName(scope: AwsCallScope, amiId: string): Promise<string> {
    if (scope.dryRun || amiId.startsWith('resolve:ssm:')) return this.#rootDevices.get(amiId) ?? DEFAULT_ROOT_DEVICE;
    return this.#rootDevices.getOrLoad(amiId, async () => {
      const output = await scope.read<DescribeImagesCommandOutput>('EC2', 'DescribeImages', { ImageIds: [amiId] });
      return output.Images?.[0]?.RootDeviceName ?? DEFAULT_ROOT_DEVICE;
    });
  }

  clear(): void {
    this.#cache.clear();
    this.#rootDevices.clear();
  }
}
