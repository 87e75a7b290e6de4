import { OrganizationIdSchema } from '@ohf/domain-core';
import { SELECTION_POLICIES } from '@ohf/selection-engine';
import { z } from 'zod';
import { LOG_LEVELS, toLogLevel } from './log-level.js';
import { CatalogConfigurationSchema, PricingConfigurationSchema } from './pricing-configuration.js';

export { SELECTION_POLICIES, LOG_LEVELS };

/** How long audit events are kept when the configuration does not say. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

export const ProviderInstanceConfigurationSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'provider instance names may contain letters, digits, ".", "_" and "-"'),
  type: z.string().min(1),
  enabled: z.boolean().default(true),
  priority: z.number().int().default(100),
  weight: z.number().nonnegative().default(1),
  capabilities: z.array(z.string().min(1)).default([]),
  /** Only these organizations may use the instance; absent: every organization. */
  organizations: z.array(OrganizationIdSchema).min(1).optional(),
  /** Provider-specific settings, validated by the provider's own schema when it is created. */
  config: z.record(z.string(), z.unknown()).default({}),
});
export type ProviderInstanceConfiguration = z.infer<typeof ProviderInstanceConfigurationSchema>;

export const SelectionCriteriaConfigurationSchema = z.object({
  required_capabilities: z.array(z.string()).optional(),
  min_success_rate: z.number().min(0).max(100).optional(),
  max_response_time_ms: z.number().positive().optional(),
  require_healthy: z.boolean().optional(),
  exclude_strategies: z.array(z.string()).optional(),
  prefer_strategies: z.array(z.string()).optional(),
  /** Skip instances whose plan for the template costs more per hour (markup included). */
  max_price_hourly: z.number().positive().optional(),
});

export const ProvidersConfigurationSchema = z.object({
  selection_policy: z.enum(SELECTION_POLICIES).default('WEIGHTED_ROUND_ROBIN'),
  default_provider_type: z.string().min(1).optional(),
  default_provider_instance: z.string().min(1).optional(),
  fallback: z.array(z.string().min(1)).default([]),
  selection_criteria: SelectionCriteriaConfigurationSchema.default({}),
  circuit_breaker: z
    .object({
      failure_threshold: z.number().int().positive().default(5),
      recovery_timeout: z.number().positive().default(60),
    })
    .default({ failure_threshold: 5, recovery_timeout: 60 }),
  capacity_block_ttl_seconds: z.record(z.string(), z.number().nonnegative()).default({
    insufficient_capacity: 180,
    quota_exceeded: 900,
    rate_limit_exceeded: 30,
    provider_unavailable: 60,
  }),
  providers: z.array(ProviderInstanceConfigurationSchema).default([]),
});

export const StorageConfigurationSchema = z.object({
  strategy: z.enum(['sqlite', 'json', 'postgres']).default('sqlite'),
  /** Paths are relative to the work directory ($HF_PROVIDER_WORKDIR). */
  sqlite: z
    .object({ path: z.string().min(1).default('request_database.db'), busy_timeout_ms: z.number().int().nonnegative().optional() })
    .default({ path: 'request_database.db' }),
  json: z
    .object({ path: z.string().min(1).default('request_database.json'), lock_timeout_ms: z.number().int().positive().optional() })
    .default({ path: 'request_database.json' }),
  /** `url` defaults to $DATABASE_URL. */
  postgres: z
    .object({
      url: z.string().optional(),
      schema: z.string().optional(),
      pool_size: z.number().int().positive().optional(),
      prepared_statements: z.boolean().optional(),
    })
    .default({}),
});


export const ConfigurationSchema = z.object({
  providers: ProvidersConfigurationSchema.default(ProvidersConfigurationSchema.parse({})),
  storage: StorageConfigurationSchema.default(StorageConfigurationSchema.parse({})),
  logging: z
    .object({
      /** Ours (`debug`, `info`, …) or Symphony's (`LOG_DEBUG`, `LOG_INFO`, …), any case. */
      level: z.preprocess((value) => (typeof value === 'string' ? (toLogLevel(value) ?? value) : value), z.enum(LOG_LEVELS)).default('info'),
    })
    .default({ level: 'info' }),
  templates: z
    .object({ validation_level: z.enum(['STRICT', 'LENIENT', 'BASIC']).default('LENIENT') })
    .default({ validation_level: 'LENIENT' }),
  /** Tunables of provisioning and tracking (see the application's ProvisioningSettings). */
  provisioning: z
    .object({
      deadline_seconds: z.number().positive().optional(),
      in_flight_attempt_lease_seconds: z.number().positive().optional(),
      max_transient_attempts_per_instance: z.number().int().positive().optional(),
      missing_machine_grace_seconds: z.number().nonnegative().optional(),
      /** Time budget of one operation (a Host Factory call, an API route, a worker step); HF_PROVIDER_ACTION_TIMEOUT wins. */
      operation_timeout_seconds: z.number().positive().optional(),
    })
    .default({}),
  /** Reconciliation of the instances we launched with storage (see the application's ReconcileSettings). */
  reconcile: z
    .object({
      /** Status polls and the API worker reconcile at most once per this many seconds; 0 turns the automatic runs off. */
      interval_seconds: z.number().nonnegative().default(600),
      /** Terminate instances of finished or unknown requests instead of only reporting them. */
      terminate_orphans: z.boolean().default(false),
    })
    .default({ interval_seconds: 600, terminate_orphans: false }),
  /** Markup on the providers' prices (rules by provider type, instance or plan). */
  pricing: PricingConfigurationSchema.default({ currency: 'USD', markups: [] }),
  /** The stored catalog of plans, regions, images and apps. */
  catalog: CatalogConfigurationSchema.default({ sync_interval_minutes: 360 }),
  /** The audit trail (events of every change). */
  audit: z
    .object({
      /** Days events are kept before retention deletes them; 0 keeps them forever. */
      retention_days: z.number().int().nonnegative().default(DEFAULT_AUDIT_RETENTION_DAYS),
    })
    .default({ retention_days: DEFAULT_AUDIT_RETENTION_DAYS }),
  /** REST API settings (apps/api). */
  api: z.record(z.string(), z.unknown()).default({}),
});
export type Configuration = z.infer<typeof ConfigurationSchema>;
export type ProvidersConfiguration = Configuration['providers'];
export type StorageConfiguration = Configuration['storage'];

/** Top-level sections that `HF_<SECTION>__<KEY>` environment variables may override. */
export const CONFIGURATION_SECTIONS = ['providers', 'storage', 'logging', 'templates', 'provisioning', 'reconcile', 'pricing', 'catalog', 'audit', 'api'] as const;
