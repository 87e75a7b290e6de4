import { z } from 'zod';
import { camelCaseKeys, isPlainObject } from './case-keys.js';
import { CapacityBlockTtlSecondsSchema } from './capacity-block-kind.js';
import { CircuitBreakerConfigSchema } from './circuit-breaker-config.js';
import { parseInput } from './parse-input.js';
import { normalizeProviderInstance, ProviderInstanceSchema } from './provider-instance.js';
import { SelectionCriteriaSchema } from './selection-criteria.js';
import { normalizePolicyName, RANDOM_WEIGHTINGS, SelectionPolicySchema } from './selection-policy.js';

/**
 * What `configure()` may change while the engine runs (the `configureProviderStrategy`
 * operation). Fields left out keep their current value; `null` in `defaults` clears a default.
 */
export const EngineConfigurationSchema = z.object({
  policy: SelectionPolicySchema.optional(),
  defaults: z
    .object({
      providerType: z.string().min(1).nullable().optional(),
      providerInstance: z.string().min(1).nullable().optional(),
    })
    .optional(),
  /** Instance names tried in this order once a decision's own candidates are used up. */
  fallback: z.array(z.string().min(1)).optional(),
  /** Replaces the default criteria every selection starts from. */
  criteria: SelectionCriteriaSchema.optional(),
  circuitBreaker: CircuitBreakerConfigSchema.partial().optional(),
  capacityBlockTtlSeconds: CapacityBlockTtlSecondsSchema.optional(),
  randomWeighting: z.enum(RANDOM_WEIGHTINGS).optional(),
  /** Seconds of history behind success-rate and latency decisions (60–3600). */
  selectionWindowSeconds: z.number().int().min(60).max(3600).optional(),
});

export type EngineConfiguration = z.output<typeof EngineConfigurationSchema>;
export type EngineConfigurationInput = z.input<typeof EngineConfigurationSchema>;

/** The data part of `createSelectionEngine` options: the configuration plus instances. */
export const SelectionEngineConfigSchema = EngineConfigurationSchema.extend({
  instances: z.array(ProviderInstanceSchema).default([]),
  /** Hours of per-instance metrics kept (1–744); older buckets are overwritten. */
  metricsRetentionHours: z.number().int().min(1).max(744).optional(),
});

export type SelectionEngineConfig = z.output<typeof SelectionEngineConfigSchema>;

const aliases: ReadonlyArray<readonly [string, string]> = [
  ['defaultSelectionPolicy', 'policy'],
  ['selectionPolicy', 'policy'],
  ['selectionCriteria', 'criteria'],
  ['fallbackStrategies', 'fallback'],
  ['circuitBreakerConfig', 'circuitBreaker'],
  ['providers', 'instances'],
];

function normalizeConfiguration(input: unknown): unknown {
  const converted = camelCaseKeys(input ?? {});
  if (!isPlainObject(converted)) return converted;
  const normalized: Record<string, unknown> = { ...converted };
  for (const [alias, name] of aliases) {
    if (normalized[alias] !== undefined && normalized[name] === undefined) normalized[name] = normalized[alias];
    delete normalized[alias];
  }
  if (normalized.policy !== undefined) normalized.policy = normalizePolicyName(normalized.policy);
  if (normalized.criteria !== undefined) normalized.criteria = camelCaseKeys(normalized.criteria);
  if (normalized.defaultProviderType !== undefined || normalized.defaultProviderInstance !== undefined) {
    const defaults = isPlainObject(normalized.defaults) ? { ...normalized.defaults } : {};
    if (normalized.defaultProviderType !== undefined) defaults.providerType = normalized.defaultProviderType;
    if (normalized.defaultProviderInstance !== undefined) defaults.providerInstance = normalized.defaultProviderInstance;
    normalized.defaults = defaults;
  }
  delete normalized.defaultProviderType;
  delete normalized.defaultProviderInstance;
  const breaker = camelCaseKeys(normalized.circuitBreaker);
  if (isPlainObject(breaker)) {
    const { recoveryTimeout, ...rest } = breaker;
    normalized.circuitBreaker =
      recoveryTimeout !== undefined && rest.recoveryTimeoutSeconds === undefined
        ? { ...rest, recoveryTimeoutSeconds: recoveryTimeout }
        : rest;
  }
  if (Array.isArray(normalized.instances)) {
    normalized.instances = normalized.instances.map(normalizeProviderInstance);
  }
  return normalized;
}

/**
 * Parses a `configureProviderStrategy` payload from the CLI or the API. Accepts camelCase or
 * snake_case and the strategy guide's names (`default_selection_policy`, `selection_criteria`,
 * `fallback_strategies`, `circuit_breaker_config` with `recovery_timeout`); keys the engine has
 * no use for (`health_check_interval`) are ignored.
 */
export function parseEngineConfiguration(input: unknown): EngineConfiguration {
  return parseInput(EngineConfigurationSchema, normalizeConfiguration(input), 'provider strategy configuration');
}

/**
 * Parses the `providers:` section of the configuration file (snake_case, as in config.yaml) or
 * its camelCase equivalent into `createSelectionEngine` data options.
 */
export function parseSelectionEngineConfig(input: unknown): SelectionEngineConfig {
  return parseInput(SelectionEngineConfigSchema, normalizeConfiguration(input), 'providers configuration');
}
