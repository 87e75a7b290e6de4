import { FLEET_TYPES, PRICE_TYPES, ProviderTemplateV1Schema, type FleetType, type PriceType } from '@ohf/provider-sdk';
import { z } from 'zod';
import { TemplateIdSchema } from '../shared/identifiers.js';

/** Host Factory attribute pairs: `["Numeric", "2"]`; the value is always a string on the wire. */
export const AttributeValueSchema = z.tuple([z.enum(['String', 'Numeric', 'Boolean']), z.string()]);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

export const TemplateAttributesSchema = z
  .object({
    type: AttributeValueSchema,
    ncpus: AttributeValueSchema,
    nram: AttributeValueSchema,
    rank: AttributeValueSchema.optional(),
    priceInfo: AttributeValueSchema.optional(),
  })
  .catchall(AttributeValueSchema);
export type TemplateAttributes = z.infer<typeof TemplateAttributesSchema>;

// The spec's vocabulary, the same for templates and provider capabilities.
export { FLEET_TYPES, PRICE_TYPES, type FleetType, type PriceType };

/** The AWS APIs; other providers declare their own API names, so the field stays a string. */
export const AWS_PROVIDER_APIS = ['EC2Fleet', 'SpotFleet', 'ASG', 'RunInstances'] as const;

export const ALLOCATION_STRATEGIES = [
  'capacityOptimized',
  'capacityOptimizedPrioritized',
  'diversified',
  'lowestPrice',
  'priceCapacityOptimized',
] as const;

const positiveWeights = z.record(z.string().min(1), z.number().positive());

const { templateId: _specTemplateId, maxNumber: _specMaxNumber, attributes: _specAttributes, ...provisioningFields } = ProviderTemplateV1Schema.shape;

/**
 * The persisted (and canonical, camelCase) form of a Template. Its fields are the provider
 * spec's template fields (`ProviderTemplateV1Schema`, the one list every package derives from)
 * in the spec's order, after the domain's own identity and routing fields; the domain only
 * tightens the rules of some of them and adds the fields providers never see.
 */
export const TemplateSchema = z.object({
  templateId: TemplateIdSchema,
  maxNumber: z.number().int().min(-1),
  attributes: TemplateAttributesSchema,
  enabled: z.boolean().default(true),
  description: z.string().optional(),
  providerType: z.string().min(1).optional(),
  providerName: z.string().min(1).optional(),
  /** Only this organization may use it (set for templates added through the API); absent: every organization may. */
  organizationId: z.string().min(1).optional(),
  ...provisioningFields,
  // Stricter than the spec: what a file or an API caller may store.
  providerApi: z.string().min(1).optional(),
  imageId: z.string().min(1).optional(),
  vmType: z.string().min(1).optional(),
  vmTypes: positiveWeights.optional(),
  vmTypesOnDemand: positiveWeights.optional(),
  vmTypesPriority: positiveWeights.optional(),
  percentOnDemand: z.number().min(0).max(100).optional(),
  allocationStrategy: z.enum(ALLOCATION_STRATEGIES).optional(),
  allocationStrategyOnDemand: z.enum(['lowestPrice', 'prioritized']).optional(),
  subnetIds: z.array(z.string().min(1)).default([]),
  securityGroupIds: z.array(z.string().min(1)).default([]),
  keyName: z.string().min(1).optional(),
  fleetRole: z.string().min(1).optional(),
  maxSpotPrice: z.string().regex(/^\d+(\.\d+)?$/, 'maxSpotPrice must be a decimal number').optional(),
  spotFleetRequestExpiry: z.number().int().positive().optional(),
  poolsCount: z.number().int().positive().optional(),
  rootDeviceVolumeSize: z.number().int().positive().optional(),
  volumeType: z.string().min(1).optional(),
  iops: z.number().int().positive().optional(),
  instanceProfile: z.string().min(1).optional(),
  launchTemplateId: z.string().min(1).optional(),
  // Host Factory's own field, read by the scheduler's scripts, never by a provider.
  userDataScript: z.string().optional(),
});

export type Template = z.infer<typeof TemplateSchema>;
export type TemplateInput = z.input<typeof TemplateSchema>;

/** maxNumber -1 means no limit. */
export function allowsCount(template: Pick<Template, 'maxNumber'>, count: number): boolean {
  return template.maxNumber === -1 || count <= template.maxNumber;
}

/**
 * How many more machines a template allows while `inUse` of its machines are alive or on order:
 * maxNumber caps machines at once (IBM's meaning), never below 0; -1 (no limit) stays -1.
 */
export function availableNumberOf(template: Pick<Template, 'maxNumber'>, inUse: number): number {
  return template.maxNumber === -1 ? -1 : Math.max(0, template.maxNumber - inUse);
}

/** All instance types a template may launch, with their weights (vmType alone has weight 1). */
export function instanceTypesOf(template: Pick<Template, 'vmType' | 'vmTypes'>): Record<string, number> {
  if (template.vmTypes && Object.keys(template.vmTypes).length > 0) return { ...template.vmTypes };
  return template.vmType ? { [template.vmType]: 1 } : {};
}

/** Parses `"k=v;k2=v2"` (the Host Factory instanceTags string) into a map. */
export function parseInstanceTags(value: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of value.split(';')) {
    const trimmed = pair.trim();
    if (trimmed === '') continue;
    const separator = trimmed.indexOf('=');
    if (separator <= 0) {
      throw new Error(`instanceTags entry "${trimmed}" is not of the form key=value`);
    }
    tags[trimmed.slice(0, separator).trim()] = trimmed.slice(separator + 1).trim();
  }
  return tags;
}

export function formatInstanceTags(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(';');
}
