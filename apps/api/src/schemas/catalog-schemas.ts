import { MarkupRuleSchema, PLAN_SORT_KEYS } from '@ohf/domain-core';
import { z } from 'zod';
import { plainText } from './common-schemas.js';

const price = z.number().nonnegative().nullable();
const syncedAt = z.record(z.string(), z.string()).describe('When each provider instance was last synced (ISO 8601); empty until the first sync.');

export const CatalogPlanItemSchema = z
  .object({
    provider: z.string().describe('The provider instance.'),
    providerType: z.string(),
    planId: z.string(),
    name: z.string(),
    vcpus: z.number(),
    memoryGb: z.number(),
    diskGb: z.number(),
    gpus: z.number().int(),
    architecture: z.string().nullable(),
    regions: z.array(z.string()),
    transferGb: z.number().nullable(),
    priceHourly: price.describe('What users pay per hour: base + markup; null when the base is unknown.'),
    priceMonthly: price,
    currency: z.string(),
    basePriceHourly: price.optional().describe("The provider's price per hour; admin keys only."),
    basePriceMonthly: price.optional().describe('Admin keys only.'),
    spotPriceHourly: price.optional().describe('AWS spot price per hour, before markup; admin keys only.'),
    markupRuleId: z.string().nullable().optional().describe('The markup rule applied; admin keys only.'),
  })
  .meta({ id: 'CatalogPlan' });

export const CatalogPlanListSchema = z.object({ plans: z.array(CatalogPlanItemSchema), total: z.number().int(), syncedAt }).meta({ id: 'CatalogPlanList' });

export const CatalogPlansQuerySchema = z.object({
  provider: z.string().min(1).optional().describe('Only this provider instance.'),
  provider_type: z.string().min(1).optional().describe('Only instances of this provider type: aws, linode, digitalocean.'),
  region: z.string().min(1).optional().describe('Only plans offered in this region.'),
  min_vcpus: z.coerce.number().nonnegative().optional(),
  min_memory_gb: z.coerce.number().nonnegative().optional(),
  gpus: z.coerce.number().int().nonnegative().optional().describe('At least this many GPUs.'),
  sort: z.enum(PLAN_SORT_KEYS).default('price').describe('Cheapest first by default; unknown prices last.'),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const CatalogScopeQuerySchema = z.object({
  provider: z.string().min(1).optional().describe('Only this provider instance.'),
  provider_type: z.string().min(1).optional(),
});

const entryFields = { providerInstance: z.string(), providerType: z.string(), updatedAt: z.string() };

export const CatalogRegionListSchema = z
  .object({
    regions: z.array(
      z.object({ ...entryFields, regionId: z.string(), name: z.string(), country: z.string().nullable(), available: z.boolean() }).meta({ id: 'CatalogRegion' }),
    ),
    syncedAt,
  })
  .meta({ id: 'CatalogRegionList' });

export const CatalogImageListSchema = z
  .object({
    images: z.array(
      z.object({ ...entryFields, imageId: z.string(), name: z.string(), osFamily: z.string().nullable(), osVersion: z.string().nullable() }).meta({ id: 'CatalogImage' }),
    ),
    syncedAt,
  })
  .meta({ id: 'CatalogImageList' });

export const CatalogAppListSchema = z
  .object({
    apps: z.array(
      z
        .object({
          ...entryFields,
          appId: z.string(),
          name: z.string(),
          kind: z.enum(['stackscript', 'marketplace']),
          description: z.string().nullable(),
          imageIds: z.array(z.string()),
        })
        .meta({ id: 'CatalogApp' }),
    ),
    syncedAt,
  })
  .meta({ id: 'CatalogAppList' });

export const CatalogSyncResultSchema = z
  .object({
    syncedAt: z.string(),
    providers: z.array(
      z.object({
        provider: z.string(),
        providerType: z.string(),
        ok: z.boolean(),
        plans: z.number().int(),
        regions: z.number().int(),
        images: z.number().int(),
        apps: z.number().int(),
        error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).optional().describe('Why the instance could not be read; its stored catalog is unchanged.'),
      }),
    ),
  })
  .meta({ id: 'CatalogSyncResult' });

export const CatalogSyncBodySchema = z.object({ provider: plainText().optional().describe('Only this provider instance; every enabled one when absent.') }).strict();

/** A markup rule as admins write it: its id is in the path. */
// The owner is the caller's organization (a platform admin's rules are global): a body may not name one.
export const MarkupRuleBodySchema = MarkupRuleSchema.omit({ id: true, organizationId: true })
  .extend({ providerType: plainText().optional(), providerInstance: plainText().optional(), planId: plainText().optional() })
  .meta({ id: 'MarkupRuleBody' });
export const MarkupRuleItemSchema = MarkupRuleSchema.extend({
  source: z.enum(['configuration', 'stored']).optional().describe('configuration: from pricing.markups in the configuration file; stored: added through the API.'),
}).meta({ id: 'MarkupRule' });
export const MarkupRuleListSchema = z.object({ rules: z.array(MarkupRuleItemSchema) }).meta({ id: 'MarkupRuleList' });
export const MarkupRuleParamsSchema = z.object({ id: z.string().min(1).max(100).describe('The markup rule id.') });
