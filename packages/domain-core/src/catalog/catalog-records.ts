import { z } from 'zod';

/**
 * The catalog as users see it: plans, regions, images and one-click apps of every provider
 * instance, normalized across clouds and kept in storage, so that listing them costs no call.
 * Prices are the provider's (`base…`); what users pay adds the markup (see `markup.ts`).
 */
export const CURRENCIES = ['USD'] as const;
export const CurrencySchema = z.enum(CURRENCIES);
export type Currency = z.infer<typeof CurrencySchema>;

/** Hours in the month the clouds bill by (Linode, DigitalOcean and AWS all use 730). */
export const HOURS_PER_MONTH = 730;

const catalogEntryBase = {
  /** The configured provider instance, e.g. `aws-us-east-1`. */
  providerInstance: z.string().min(1),
  providerType: z.string().min(1),
  /** ISO 8601 time of the sync that wrote this entry. */
  updatedAt: z.string(),
};

export const CatalogPlanSchema = z.object({
  ...catalogEntryBase,
  /** The cloud's own id: `t3.large`, `g6-standard-2`, `s-2vcpu-4gb`. */
  planId: z.string().min(1),
  name: z.string(),
  vcpus: z.number().nonnegative(),
  memoryGb: z.number().nonnegative(),
  diskGb: z.number().nonnegative(),
  gpus: z.number().int().nonnegative().default(0),
  /** `x86_64`, `arm64`, or null when the cloud does not say. */
  architecture: z.string().nullable().default(null),
  /** Region ids the plan is offered in; empty when the cloud does not say (AWS: the instance's region). */
  regions: z.array(z.string()).default([]),
  /** Outbound transfer included per month, GB. */
  transferGb: z.number().nonnegative().nullable().default(null),
  /** The provider's price; null when it is not known (no Pricing API access, no price file entry). */
  basePriceHourly: z.number().nonnegative().nullable(),
  basePriceMonthly: z.number().nonnegative().nullable(),
  /** Spot price per hour in the instance's region (AWS), before markup. */
  spotPriceHourly: z.number().nonnegative().nullable().default(null),
  currency: CurrencySchema.default('USD'),
  /** False when the last sync no longer saw the plan: kept for the machines that use it, never chosen. */
  active: z.boolean().default(true),
});
export type CatalogPlan = z.infer<typeof CatalogPlanSchema>;
export type CatalogPlanInput = z.input<typeof CatalogPlanSchema>;

export const CatalogRegionSchema = z.object({
  ...catalogEntryBase,
  regionId: z.string().min(1),
  name: z.string(),
  country: z.string().nullable().default(null),
  available: z.boolean().default(true),
});
export type CatalogRegion = z.infer<typeof CatalogRegionSchema>;

export const CatalogImageSchema = z.object({
  ...catalogEntryBase,
  imageId: z.string().min(1),
  name: z.string(),
  /** Lower-case OS family: `ubuntu`, `debian`, `amazon-linux`, …; null when unknown. */
  osFamily: z.string().nullable().default(null),
  osVersion: z.string().nullable().default(null),
});
export type CatalogImage = z.infer<typeof CatalogImageSchema>;

export const CatalogAppSchema = z.object({
  ...catalogEntryBase,
  appId: z.string().min(1),
  name: z.string(),
  /** A Linode StackScript or a DigitalOcean Marketplace app. */
  kind: z.enum(['stackscript', 'marketplace']),
  description: z.string().nullable().default(null),
  /** Images the app deploys on; empty when any will do. */
  imageIds: z.array(z.string()).default([]),
});
export type CatalogApp = z.infer<typeof CatalogAppSchema>;

/** Everything one sync read from one provider instance; stored as a whole, atomically. */
export interface ProviderCatalog {
  readonly plans: readonly CatalogPlan[];
  readonly regions: readonly CatalogRegion[];
  readonly images: readonly CatalogImage[];
  readonly apps: readonly CatalogApp[];
}
