import { z } from 'zod';
import { camelCaseKeys, isPlainObject } from './case-keys.js';
import { parseInput } from './parse-input.js';

/** Same rule as the configuration file: names appear in file names, tags and log lines. */
export const ProviderInstanceNameSchema = z
  .string()
  .min(1, 'provider instance name must not be empty')
  .max(64, 'provider instance name must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'provider instance names may contain letters, digits, ".", "_" and "-"');

/**
 * A configured provider instance as the selection engine sees it. `capabilities` holds the
 * provider APIs the instance serves (`EC2Fleet`, `SpotFleet`…) and any free-form capability
 * words (`spot_instances`) that selection criteria may require.
 */
export const ProviderInstanceSchema = z.object({
  name: ProviderInstanceNameSchema,
  type: z.string().min(1, 'provider type must not be empty'),
  enabled: z.boolean().default(true),
  /** Lower numbers win under the PRIORITY policy and break ties everywhere else. */
  priority: z.number().int().default(100),
  /** Share of selections under WEIGHTED_ROUND_ROBIN and weighted RANDOM; 0 makes it a standby. */
  weight: z.number().nonnegative().finite().default(1),
  capabilities: z.array(z.string().min(1)).default([]),
});

export type ProviderInstance = z.output<typeof ProviderInstanceSchema>;
export type ProviderInstanceInput = z.input<typeof ProviderInstanceSchema>;

/** Maps the CLI/API spellings of an instance onto the schema's keys (no validation). */
export function normalizeProviderInstance(input: unknown): unknown {
  const converted = camelCaseKeys(input);
  if (!isPlainObject(converted)) return converted;
  const normalized: Record<string, unknown> = { ...converted };
  if (normalized.name === undefined && normalized.strategyName !== undefined) normalized.name = normalized.strategyName;
  if (normalized.type === undefined && normalized.providerType !== undefined) normalized.type = normalized.providerType;
  if (isPlainObject(normalized.capabilities)) {
    normalized.capabilities = Object.entries(normalized.capabilities)
      .filter(([, supported]) => supported === true)
      .map(([capability]) => capability);
  }
  return normalized;
}

/**
 * Parses a provider instance from the CLI/API (`registerProviderStrategy`): accepts camelCase or
 * snake_case keys, `strategy_name`/`provider_type` as aliases of `name`/`type`, and capabilities
 * either as a list or as a map of flags (`{"spot_instances": true, "load_balancers": false}`).
 */
export function parseProviderInstance(input: unknown): ProviderInstance {
  return parseInput(ProviderInstanceSchema, normalizeProviderInstance(input), 'provider instance');
}
