import { z } from 'zod';
import { CurrencySchema } from './catalog-records.js';

/**
 * The plan a machine was launched with and the hourly price users pay for it (markup
 * included), as known at launch: later price changes do not rewrite what was launched. Every
 * field is optional, so records written before prices were recorded still parse.
 */
export const LaunchCostSchema = z.object({
  planId: z.string().min(1).optional(),
  priceHourly: z.number().nonnegative().optional(),
  currency: CurrencySchema.optional(),
});
export type LaunchCost = z.infer<typeof LaunchCostSchema>;
