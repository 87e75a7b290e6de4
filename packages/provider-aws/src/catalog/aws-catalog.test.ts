import { DescribeInstanceTypesCommand, DescribeSpotPriceHistoryCommand } from '@aws-sdk/client-ec2';
import type { PricingClient } from '@aws-sdk/client-pricing';
import { GetProductsCommand } from '@aws-sdk/client-pricing';
import type { ProviderLoggerV1 } from '@ohf/provider-sdk';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsProvider } from '../aws-provider.js';
import { FakeAwsCloud, awsError } from '../test-support/index.js';
import { priceListEntry } from '../test-support/fake-aws-pricing.js';
import { FIXED_NOW, inputsOf, testProvider } from '../test-support/provider-fixtures.js';

const cloud = new FakeAwsCloud();
afterAll(() => cloud.restore());
beforeEach(() => cloud.reset());

const loggingProvider = (settings: Parameters<typeof createAwsProvider>[0] = {}) => {
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() } satisfies ProviderLoggerV1;
  const provider = createAwsProvider(
    { region: 'eu-west-1', ...settings },
    { instanceName: 'aws-eu', env: {}, sleep: async () => {}, random: () => 0.5, now: () => FIXED_NOW, logger },
  );
  return { provider, logger };
};

describe('AWS catalog', () => {
  it('lists instance types with GPUs, architecture, instance-store disk and both prices', async () => {
    cloud.ec2.on(DescribeInstanceTypesCommand).resolves({
      InstanceTypes: [
        {
          InstanceType: 'g5.xlarge',
          VCpuInfo: { DefaultVCpus: 4 },
          MemoryInfo: { SizeInMiB: 16384 },
          InstanceStorageInfo: { TotalSizeInGB: 250 },
          ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
          GpuInfo: { Gpus: [{ Name: 'A10G', Manufacturer: 'NVIDIA', Count: 1, MemoryInfo: { SizeInMiB: 24576 } }], TotalGpuMemoryInMiB: 24576 },
          SupportedUsageClasses: ['on-demand', 'spot'],
          CurrentGeneration: true,
        },
        { InstanceType: 'm7g.large', VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 }, ProcessorInfo: { SupportedArchitectures: ['arm64'] } },
        { InstanceType: 'mac2.metal', VCpuInfo: { DefaultVCpus: 8 }, MemoryInfo: { SizeInMiB: 16384 }, ProcessorInfo: { SupportedArchitectures: ['arm64_mac'] } },
      ],
    });
    cloud.pricing.on(GetProductsCommand).resolves({
      FormatVersion: 'aws_v1',
      PriceList: [priceListEntry('g5.xlarge', '1.0060000000', 'SKUG5XLARGE00001', 'eu-west-1'), priceListEntry('m7g.large', '0.0892000000', 'SKUM7GLARGE00001', 'eu-west-1')],
    });
    cloud.ec2.on(DescribeSpotPriceHistoryCommand).resolves({
      SpotPriceHistory: [{ InstanceType: 'g5.xlarge', AvailabilityZone: 'eu-west-1c', ProductDescription: 'Linux/UNIX', SpotPrice: '0.452300', Timestamp: new Date(FIXED_NOW) }],
    });

    const sizes = await testProvider({ region: 'eu-west-1' }).listSizes();

    expect(sizes[0]).toEqual({
      id: 'g5.xlarge',
      name: 'g5.xlarge',
      vcpus: 4,
      memoryMiB: 16384,
      diskGiB: 250,
      hourlyPriceUsd: 1.006,
      spotHourlyPriceUsd: 0.4523,
      gpus: 1,
      architecture: 'x86_64',
      providerMetadata: {
        architectures: ['x86_64'],
        usageClasses: ['on-demand', 'spot'],
        currentGeneration: true,
        gpuModels: ['NVIDIA A10G'],
        spotAvailabilityZone: 'eu-west-1c',
      },
    });
    expect(sizes.slice(1).map(({ id, architecture, gpus, diskGiB, hourlyPriceUsd, spotHourlyPriceUsd }) => ({ id, architecture, gpus, diskGiB, hourlyPriceUsd, spotHourlyPriceUsd }))).toEqual([
      { id: 'm7g.large', architecture: 'arm64', gpus: 0, diskGiB: 0, hourlyPriceUsd: 0.0892, spotHourlyPriceUsd: null },
      { id: 'mac2.metal', architecture: 'arm64', gpus: 0, diskGiB: 0, hourlyPriceUsd: null, spotHourlyPriceUsd: null },
    ]);
  });

  it('asks the Price List API in its own region, filtered to shared Linux, and both price sources for every page', async () => {
    const provider = testProvider({ region: 'eu-west-1' });
    await provider.listSizes();
    expect(inputsOf(cloud.pricing, GetProductsCommand)).toEqual([
      {
        ServiceCode: 'AmazonEC2',
        FormatVersion: 'aws_v1',
        Filters: [
          { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
          { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
          { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
          { Type: 'TERM_MATCH', Field: 'preInstalledSw', Value: 'NA' },
          { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
        ],
        MaxResults: 100,
      },
      expect.objectContaining({ NextToken: 'pricing-page-2' }),
    ]);
    const pricingClient = cloud.pricing.call(0).thisValue as PricingClient;
    expect(await pricingClient.config.region()).toBe('us-east-1');
    expect(inputsOf(cloud.ec2, DescribeSpotPriceHistoryCommand)).toEqual([
      { ProductDescriptions: ['Linux/UNIX'], StartTime: new Date(FIXED_NOW), MaxResults: 1000 },
      { ProductDescriptions: ['Linux/UNIX'], StartTime: new Date(FIXED_NOW), MaxResults: 1000, NextToken: 'spot-page-2' },
    ]);
  });

  it('takes the latest spot price of each zone across pages, then the cheapest zone', async () => {
    const [m5] = await testProvider().listSizes();
    // us-east-1a was cheaper earlier (0.03, on the second page) but is 0.0412 now; us-east-1b is 0.0387 now.
    expect(m5).toMatchObject({ id: 'm5.large', spotHourlyPriceUsd: 0.0387, providerMetadata: { spotAvailabilityZone: 'us-east-1b' } });
  });

  it('uses the configured pricing region, and no Price List call when pricing is disabled', async () => {
    await testProvider({ pricing: { region: 'ap-south-1' } }).listSizes();
    expect(await (cloud.pricing.call(0).thisValue as PricingClient).config.region()).toBe('ap-south-1');
    cloud.reset();
    const sizes = await testProvider({ pricing: { enabled: false } }).listSizes();
    expect(inputsOf(cloud.pricing, GetProductsCommand)).toEqual([]);
    expect(sizes.map((size) => [size.hourlyPriceUsd, size.spotHourlyPriceUsd, size.providerMetadata?.['priceWarnings']])).toEqual([
      [null, 0.0387, undefined],
      [null, 0.1481, undefined],
    ]);
  });

  it('still lists sizes when the Price List API refuses: null prices, a logged and returned warning', async () => {
    cloud.pricing.on(GetProductsCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: pricing:GetProducts', { status: 400 }));
    const { provider, logger } = loggingProvider();
    const sizes = await provider.listSizes();
    expect(sizes.map((size) => [size.id, size.hourlyPriceUsd, size.spotHourlyPriceUsd])).toEqual([
      ['m5.large', null, 0.0387],
      ['c5.2xlarge', null, 0.1481],
    ]);
    expect(sizes[0]?.providerMetadata?.['priceWarnings']).toEqual([expect.stringMatching(/^on-demand prices unavailable \(FORBIDDEN\): .*pricing:GetProducts/)]);
    expect(logger.warn).toHaveBeenCalledWith({ provider: 'aws', kind: 'on-demand', code: 'FORBIDDEN' }, expect.stringContaining('on-demand prices unavailable'));
  });

  it('still lists sizes when the Price List API is unreachable or the spot history fails', async () => {
    const unreachable = Object.assign(new Error('getaddrinfo ENOTFOUND api.pricing.us-east-1.amazonaws.com'), { name: 'Error', code: 'ENOTFOUND' });
    cloud.pricing.on(GetProductsCommand).rejects(unreachable);
    cloud.ec2.on(DescribeSpotPriceHistoryCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', { status: 403 }));
    const sizes = await testProvider().listSizes();
    expect(sizes.map((size) => [size.hourlyPriceUsd, size.spotHourlyPriceUsd])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(sizes[0]?.providerMetadata?.['priceWarnings']).toEqual([
      expect.stringMatching(/^on-demand prices unavailable \(PROVIDER_UNAVAILABLE\)/),
      expect.stringMatching(/^spot prices unavailable \(FORBIDDEN\)/),
    ]);
  });

  it('treats a Price List answer it cannot read as a warning too, never a failed catalog', async () => {
    cloud.pricing.on(GetProductsCommand).resolves({ PriceList: [JSON.stringify({ product: { attributes: {} }, terms: {} })] });
    const sizes = await testProvider().listSizes();
    expect(sizes[0]).toMatchObject({ hourlyPriceUsd: null, providerMetadata: { priceWarnings: [expect.stringMatching(/^on-demand prices unavailable \(API_ERROR\)/)] } });
  });
});
