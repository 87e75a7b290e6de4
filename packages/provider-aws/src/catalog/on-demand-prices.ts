import type { GetProductsCommandOutput } from '@aws-sdk/client-pricing';
import { parseProviderResponse } from '@ohf/provider-sdk';
import { z } from 'zod';
import type { AwsCallScope } from '../aws-api.js';
import { AWS_PROVIDER_ID } from '../aws-errors.js';

/** One PriceList entry (a JSON string in GetProducts' answer), only the fields read. */
const PriceListEntrySchema = z.object({
  product: z.object({ attributes: z.object({ instanceType: z.string().min(1) }) }),
  terms: z.object({
    OnDemand: z
      .record(
        z.string(),
        z.object({
          priceDimensions: z.record(
            z.string(),
            z.object({ unit: z.string(), pricePerUnit: z.object({ USD: z.string().regex(/^\d+(\.\d+)?$/).transform(Number) }) }),
          ),
        }),
      )
      .default({}),
  }),
});

/** Linux, shared tenancy, no pre-installed software, not a capacity reservation: what a plan costs. */
const filtersFor = (regionCode: string) =>
  Object.entries({ regionCode, operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used' }).map(([Field, Value]) => ({
    Type: 'TERM_MATCH' as const,
    Field,
    Value,
  }));

// The most GetProducts returns per page.
const PAGE_SIZE = 100;

/**
 * The on-demand hourly USD price of every instance type in `regionCode`, from the AWS Price
 * List Query API, every page. When several entries price one type, the lowest hourly rate is
 * kept (the filters leave one per type; the rule only makes the answer deterministic).
 */
export async function readOnDemandPrices(scope: AwsCallScope, regionCode: string): Promise<Map<string, number>> {
  const prices = new Map<string, number>();
  let nextToken: string | undefined;
  do {
    const output = await scope.read<GetProductsCommandOutput>('Pricing', 'GetProducts', {
      ServiceCode: 'AmazonEC2',
      FormatVersion: 'aws_v1',
      Filters: filtersFor(regionCode),
      MaxResults: PAGE_SIZE,
      ...(nextToken ? { NextToken: nextToken } : {}),
    });
    for (const text of output.PriceList ?? []) {
      const entry = parseProviderResponse(PriceListEntrySchema, JSON.parse(text), { providerId: AWS_PROVIDER_ID, operation: 'Pricing.GetProducts' });
      for (const term of Object.values(entry.terms.OnDemand)) {
        for (const dimension of Object.values(term.priceDimensions)) {
          if (dimension.unit !== 'Hrs') continue;
          const type = entry.product.attributes.instanceType;
          const known = prices.get(type);
          if (known === undefined || dimension.pricePerUnit.USD < known) prices.set(type, dimension.pricePerUnit.USD);
        }
      }
    }
    nextToken = output.NextToken || undefined;
  } while (nextToken);
  return prices;
}
