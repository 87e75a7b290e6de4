import { monthlyPriceFromHourly, type CatalogPlan } from '@ohf/domain-core';
import { z } from 'zod';

/**
 * One line of the price file: the price of a plan for every instance of a provider type, or for
 * one provider instance, optionally in one region. It fills in prices a cloud does not publish
 * to an account (the AWS Pricing API is not reachable everywhere) or overrides negotiated ones.
 */
export const PriceFileEntrySchema = z
  .object({
    provider_type: z.string().min(1).optional(),
    /** A provider instance name. */
    provider: z.string().min(1).optional(),
    plan_id: z.string().min(1),
    region: z.string().min(1).optional(),
    price_hourly: z.number().nonnegative(),
    /** Default: `price_hourly` × 730. */
    price_monthly: z.number().nonnegative().optional(),
    spot_price_hourly: z.number().nonnegative().optional(),
  })
  .strict()
  .refine((entry) => entry.provider !== undefined || entry.provider_type !== undefined, {
    message: 'give provider (an instance name) or provider_type',
    path: ['provider'],
  });
export type PriceFileEntry = z.infer<typeof PriceFileEntrySchema>;

/** `prices.json` in the configuration directory (or `catalog.price_file`). */
export const PriceFileSchema = z.object({ prices: z.array(PriceFileEntrySchema) }).strict();
export type PriceFile = z.infer<typeof PriceFileSchema>;

function covers(entry: PriceFileEntry, plan: CatalogPlan): boolean {
  return (
    entry.plan_id === plan.planId &&
    (entry.provider === undefined || entry.provider === plan.providerInstance) &&
    (entry.provider_type === undefined || entry.provider_type === plan.providerType) &&
    (entry.region === undefined || plan.regions.length === 0 || plan.regions.includes(entry.region))
  );
}

/** An instance entry beats a provider-type one; a regional entry beats one for every region. */
function specificity(entry: PriceFileEntry): number {
  return (entry.provider === undefined ? 0 : 2) + (entry.region === undefined ? 0 : 1);
}

/** The plans with the price file's prices in place of (or in the absence of) the cloud's. */
export function applyPriceFile(plans: readonly CatalogPlan[], entries: readonly PriceFileEntry[]): CatalogPlan[] {
  if (entries.length === 0) return [...plans];
  return plans.map((plan) => {
    const entry = entries.filter((candidate) => covers(candidate, plan)).sort((left, right) => specificity(right) - specificity(left))[0];
    if (entry === undefined) return plan;
    return {
      ...plan,
      basePriceHourly: entry.price_hourly,
      basePriceMonthly: entry.price_monthly ?? monthlyPriceFromHourly(entry.price_hourly),
      spotPriceHourly: entry.spot_price_hourly ?? plan.spotPriceHourly,
    };
  });
}
