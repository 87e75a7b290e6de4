import { z } from 'zod';

/**
 * The plan a candidate instance would launch for a template and its hourly price as users pay
 * it, worked out by the caller from its catalog: the engine ranks and filters by it (LOWEST_COST,
 * `maxPriceHourly`) without knowing where prices come from. `priceHourly` null: the plan's
 * price is unknown.
 */
export const CandidatePriceSchema = z.object({
  planId: z.string().min(1),
  priceHourly: z.number().nonnegative().nullable(),
  currency: z.string().min(1).default('USD'),
});
export type CandidatePrice = z.output<typeof CandidatePriceSchema>;

/** Prices by instance name; instances left out have no known price. */
export const CandidatePricesSchema = z.record(z.string().min(1), CandidatePriceSchema);
export type CandidatePrices = Readonly<Record<string, CandidatePrice>>;

/** The hourly price of an instance's plan, or undefined when it has none. */
export function priceOf(prices: CandidatePrices | undefined, instance: string): number | undefined {
  if (prices === undefined || !Object.hasOwn(prices, instance)) return undefined;
  return prices[instance]!.priceHourly ?? undefined;
}
