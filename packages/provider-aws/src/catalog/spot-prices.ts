import type { DescribeSpotPriceHistoryCommandOutput } from '@aws-sdk/client-ec2';
import type { AwsCallScope } from '../aws-api.js';

/** The cheapest current spot price of one instance type in the region, and where it is. */
export interface SpotPrice {
  readonly hourlyPriceUsd: number;
  readonly availabilityZone: string;
}

// The most DescribeSpotPriceHistory returns per page.
const PAGE_SIZE = 1000;

/**
 * The current Linux/UNIX spot price of every instance type in the region: the latest price in
 * each availability zone, then the cheapest zone. A start time of now asks EC2 for the prices
 * in force now rather than their history.
 */
export async function readSpotPrices(scope: AwsCallScope, now: Date): Promise<Map<string, SpotPrice>> {
  const latest = new Map<string, { price: number; zone: string; at: number }>();
  let nextToken: string | undefined;
  do {
    const output = await scope.read<DescribeSpotPriceHistoryCommandOutput>('EC2', 'DescribeSpotPriceHistory', {
      ProductDescriptions: ['Linux/UNIX'],
      StartTime: now,
      MaxResults: PAGE_SIZE,
      ...(nextToken ? { NextToken: nextToken } : {}),
    });
    for (const entry of output.SpotPriceHistory ?? []) {
      const price = Number(entry.SpotPrice);
      if (!entry.InstanceType || !entry.AvailabilityZone || !Number.isFinite(price) || price < 0) continue;
      const key = `${entry.InstanceType} ${entry.AvailabilityZone}`;
      const at = entry.Timestamp?.getTime() ?? 0;
      if ((latest.get(key)?.at ?? -1) < at) latest.set(key, { price, zone: entry.AvailabilityZone, at });
    }
    nextToken = output.NextToken || undefined;
  } while (nextToken);

  const cheapest = new Map<string, SpotPrice>();
  for (const [key, { price, zone }] of latest) {
    const type = key.slice(0, key.indexOf(' '));
    const known = cheapest.get(type);
    if (!known || price < known.hourlyPriceUsd || (price === known.hourlyPriceUsd && zone < known.availabilityZone)) {
      cheapest.set(type, { hourlyPriceUsd: price, availabilityZone: zone });
    }
  }
  return cheapest;
}
