import type { Handler } from './fake-aws-world.js';

/**
 * One GetProducts PriceList entry as the Price List Query API sends it (a JSON string): the
 * product's attributes, the on-demand term with its hourly dimension, and a reserved term
 * the provider must ignore. Shapes and codes are copied from a real us-east-1 answer.
 */
export function priceListEntry(instanceType: string, hourlyUsd: string, sku: string, regionCode = 'us-east-1'): string {
  const onDemand = `${sku}.JRTCKXETXF`;
  const reserved = `${sku}.4NA7Y494T4`;
  return JSON.stringify({
    product: {
      productFamily: 'Compute Instance',
      attributes: {
        instanceType,
        regionCode,
        location: 'US East (N. Virginia)',
        locationType: 'AWS Region',
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
        licenseModel: 'No License required',
        marketoption: 'OnDemand',
        operation: 'RunInstances',
        usagetype: `BoxUsage:${instanceType}`,
        servicecode: 'AmazonEC2',
      },
      sku,
    },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [onDemand]: {
          priceDimensions: {
            [`${onDemand}.6YS6EN2CT7`]: {
              unit: 'Hrs',
              endRange: 'Inf',
              description: `$${Number(hourlyUsd)} per On Demand Linux ${instanceType} Instance Hour`,
              appliesTo: [],
              rateCode: `${onDemand}.6YS6EN2CT7`,
              beginRange: '0',
              pricePerUnit: { USD: hourlyUsd },
            },
          },
          sku,
          effectiveDate: '2025-01-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
      Reserved: {
        [reserved]: {
          priceDimensions: {
            [`${reserved}.2TG2D8R56U`]: { unit: 'Quantity', description: 'Upfront Fee', rateCode: `${reserved}.2TG2D8R56U`, pricePerUnit: { USD: '500' } },
          },
          sku,
          effectiveDate: '2025-01-01T00:00:00Z',
          offerTermCode: '4NA7Y494T4',
          termAttributes: { LeaseContractLength: '1yr', OfferingClass: 'standard', PurchaseOption: 'Partial Upfront' },
        },
      },
    },
    version: '20250101000000',
    publicationDate: '2025-01-01T00:00:00Z',
  });
}

/** The Price List Query API: the on-demand prices of the fake's two instance types, over two pages. */
export function fakePricingHandlers(): Record<string, Handler> {
  return {
    GetProducts: (input) =>
      input['NextToken']
        ? { FormatVersion: 'aws_v1', PriceList: [priceListEntry('c5.2xlarge', '0.3400000000', 'ZV4GJXJ3QUHE6XKD')] }
        : { FormatVersion: 'aws_v1', PriceList: [priceListEntry('m5.large', '0.0960000000', '2WTMTR9HDDT7AA73')], NextToken: 'pricing-page-2' },
  };
}
