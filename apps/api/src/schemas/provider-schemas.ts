import { z } from 'zod';

export const ProviderSummarySchema = z
  .looseObject({
    name: z.string(),
    providerType: z.string(),
    enabled: z.boolean(),
    priority: z.number(),
    weight: z.number(),
    capabilities: z.array(z.string()),
    status: z.string().describe('unknown (never checked) | healthy | recovering | unhealthy | circuit_open | circuit_half_open | disabled'),
    available: z.boolean().describe('Selection may send work to it now.'),
    reason: z.string().optional().describe('Why it is unhealthy without a check, e.g. "no credentials: …" with how to provide them (never a secret).'),
    registered: z
      .boolean()
      .optional()
      .describe('true: registered at run time (enabled and disabled with PATCH /providers/{name}); false: from the configuration file.'),
  })
  .meta({ id: 'ProviderSummary' });

export const ProviderListSchema = z
  .object({
    providers: z.array(ProviderSummarySchema),
    policy: z.string().describe('The selection policy in force.'),
    fallback: z.array(z.string()).describe('The failover chain.'),
  })
  .meta({ id: 'ProviderList' });

export const ProviderDetailSchema = ProviderSummarySchema.extend({
  settings: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('The instance settings from the configuration, with credentials masked.'),
}).meta({ id: 'ProviderDetail' });

export const ProviderHealthReportSchema = z
  .looseObject({
    name: z.string(),
    providerType: z.string(),
    enabled: z.boolean(),
    status: z.string(),
    healthy: z.boolean(),
    available: z.boolean(),
    message: z.string().nullable(),
    check: z.record(z.string(), z.unknown()).optional().describe('The live health check, when one ran (latency, message).'),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ProviderHealth' });

export const ProviderHealthListSchema = z
  .object({ providers: z.array(ProviderHealthReportSchema), healthyCount: z.number().int(), total: z.number().int() })
  .meta({ id: 'ProviderHealthList' });

export const ProviderCapabilitiesSchema = z
  .looseObject({
    name: z.string(),
    providerType: z.string(),
    declared: z.array(z.string()).describe('Capabilities named in the configuration.'),
    apis: z.array(z.string()).optional(),
    pricingModels: z.array(z.string()).optional(),
    fleetTypes: z.array(z.string()).optional(),
    supportsDryRun: z.boolean().optional(),
    supportsStopStart: z.boolean().optional(),
    limitations: z.object({ maxInstancesPerCall: z.number(), describeBatchSize: z.number() }).optional(),
    performance: z.record(z.string(), z.unknown()).optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'ProviderCapabilities' });

export const ProviderCapabilitiesListSchema = z
  .object({ providers: z.array(ProviderCapabilitiesSchema) })
  .meta({ id: 'ProviderCapabilitiesList' });

export const ProviderMetricsListSchema = z
  .object({ providers: z.array(z.record(z.string(), z.unknown())) })
  .meta({ id: 'ProviderMetricsList', description: 'Per instance: calls, success rate, latency, per-operation breakdown and recent errors over the window.' });

/** Strategy operation results are passed through as the application returns them. */
export const StrategyResultSchema = z.record(z.string(), z.unknown()).meta({ id: 'StrategyResult' });

const ActivityCountsShape = {
  attempts: z.number().int().describe('Provisioning attempts started.'),
  failures: z.number().int().describe('Attempts that ended having delivered none of the machines asked for.'),
  partial: z.number().int().describe('Attempts that ended having delivered only some.'),
  machinesLaunched: z.number().int().describe('Machines created.'),
  meanAttemptSeconds: z.number().nullable().describe('Mean time from an attempt’s start to its end, over the attempts that ended; null when none did.'),
};

export const ProviderActivitySchema = z
  .object({
    providerInstance: z.string(),
    hours: z.number().int(),
    from: z.string().describe('The first hour’s start (a clock hour, UTC).'),
    to: z.string().describe('The window’s end: now.'),
    buckets: z
      .array(z.object({ start: z.string().describe('The hour’s start.'), ...ActivityCountsShape }))
      .describe('Oldest first, one per clock hour; the last is the current, unfinished hour.'),
    totals: z.object(ActivityCountsShape),
    truncated: z.boolean().describe('The window held more audit events than one answer reads: the counts cover its oldest part.'),
  })
  .meta({ id: 'ProviderActivity' });

export const ProviderChangeSchema = z
  .object({ enabled: z.boolean().describe('false: selection stops sending work to it (its machines are still watched and returned); true: it is used again.') })
  .meta({ id: 'ProviderChange' });
