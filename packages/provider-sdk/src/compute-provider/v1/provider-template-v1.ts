import { z } from 'zod';
import { TemplateRequirementsV1Schema } from './template-requirements-v1.js';

/** The pricing models a template asks for and a provider declares (`capabilities.pricingModels`). */
export const PRICE_TYPES = ['ondemand', 'spot', 'heterogeneous'] as const;
export type PriceType = (typeof PRICE_TYPES)[number];

/** How a fleet is kept: one-off (`instant`), filled once (`request`) or refilled (`maintain`). */
export const FLEET_TYPES = ['instant', 'request', 'maintain'] as const;
export type FleetType = (typeof FLEET_TYPES)[number];

/**
 * What a provider receives of a template, and the one list of a template's fields: domain-core's
 * `TemplateSchema` is built on this shape (adding its stricter rules and its own fields), the
 * template loader and the neutral spec v2 derive their field lists from it. A field added here
 * reaches every package. Provider-specific input lives in `providerOptions[providerId]`,
 * validated by the provider; in v1 the AWS fields (`AWS_TEMPLATE_FIELDS`) are top-level, in
 * v2 they move under `providerOptions.aws`.
 */
export const ProviderTemplateV1Schema = z.object({
  templateId: z.string().min(1),
  maxNumber: z.number().int().optional(),
  attributes: z.record(z.string(), z.tuple([z.string(), z.string()])).optional(),
  providerApi: z.string().optional(),
  imageId: z.string().optional(),
  vmType: z.string().optional(),
  vmTypes: z.record(z.string(), z.number()).optional(),
  vmTypesOnDemand: z.record(z.string(), z.number()).optional(),
  vmTypesPriority: z.record(z.string(), z.number()).optional(),
  /** Resources instead of a size: resolved per provider instance to its cheapest matching plan. */
  requirements: TemplateRequirementsV1Schema.optional(),
  priceType: z.enum(PRICE_TYPES).optional(),
  percentOnDemand: z.number().optional(),
  allocationStrategy: z.string().optional(),
  allocationStrategyOnDemand: z.string().optional(),
  subnetIds: z.array(z.string()).default([]),
  securityGroupIds: z.array(z.string()).default([]),
  keyName: z.string().optional(),
  instanceTags: z.record(z.string(), z.string()).default({}),
  userData: z.string().optional(),
  fleetType: z.enum(FLEET_TYPES).optional(),
  fleetRole: z.string().optional(),
  maxSpotPrice: z.string().optional(),
  spotFleetRequestExpiry: z.number().optional(),
  poolsCount: z.number().optional(),
  rootDeviceVolumeSize: z.number().optional(),
  volumeType: z.string().optional(),
  iops: z.number().optional(),
  instanceProfile: z.string().optional(),
  launchTemplateId: z.string().optional(),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});
export type ProviderTemplateV1 = z.input<typeof ProviderTemplateV1Schema>;
