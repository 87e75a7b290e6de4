import { CurrencySchema, MarkupRuleSchema, type PricingConfig } from '@ohf/domain-core';
import { z } from 'zod';

/** One markup rule as the configuration file writes it (snake_case, like every other key there). */
export const MarkupRuleConfigurationSchema = z
  .object({
    id: z.string().min(1).max(100),
    provider_type: z.string().min(1).optional(),
    /** A provider instance name. */
    provider: z.string().min(1).optional(),
    plan_id: z.string().min(1).optional(),
    /** e.g. 20 for +20 %. */
    percent: z.number().min(0).max(1000).optional(),
    /** Added per hour after the percentage, in the pricing currency. */
    fixed_hourly: z.number().min(0).optional(),
  })
  .strict();

/** `pricing:`: the currency prices are shown in and the markup added to the providers' prices. */
export const PricingConfigurationSchema = z.object({
  currency: CurrencySchema.default('USD'),
  markups: z.array(MarkupRuleConfigurationSchema).default([]),
});

/** `catalog:`: how often the API refreshes the stored catalog, and the price file. */
export const CatalogConfigurationSchema = z.object({
  /** The API's catalog worker syncs every provider instance this often; 0 turns it off. */
  sync_interval_minutes: z.number().nonnegative().default(360),
  /** Relative to the config directory; default `prices.json` there, when the file exists. */
  price_file: z.string().min(1).optional(),
});

/** The `pricing:` section in the application's terms. */
export function toPricingConfig(section: z.infer<typeof PricingConfigurationSchema>): PricingConfig {
  return {
    currency: section.currency,
    markups: section.markups.map((rule) =>
      MarkupRuleSchema.parse({
        id: rule.id,
        ...(rule.provider_type === undefined ? {} : { providerType: rule.provider_type }),
        ...(rule.provider === undefined ? {} : { providerInstance: rule.provider }),
        ...(rule.plan_id === undefined ? {} : { planId: rule.plan_id }),
        ...(rule.percent === undefined ? {} : { percent: rule.percent }),
        ...(rule.fixed_hourly === undefined ? {} : { fixedHourly: rule.fixed_hourly }),
      }),
    ),
  };
}
