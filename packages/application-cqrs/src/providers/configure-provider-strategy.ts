import { ValidationError } from '@ohf/domain-core';
import { parseEngineConfiguration, type EngineSettings, type SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { SelectionStatePersistence } from '../selection/selection-state-persistence.js';

/**
 * The strategy guide's payload: `default_selection_policy`, `selection_criteria`,
 * `fallback_strategies`, `circuit_breaker_config` (`failure_threshold`, `recovery_timeout`),
 * `capacity_block_ttl_seconds`, `health_check_interval` (seconds between periodic health
 * checks; 0 turns them off)…, camelCase or snake_case.
 */
export const ConfigureProviderStrategySchema = z.object({ type: z.literal('ConfigureProviderStrategy') }).catchall(z.unknown());
export type ConfigureProviderStrategyCommand = z.infer<typeof ConfigureProviderStrategySchema>;

export interface ConfigureProviderStrategyResult {
  readonly settings: EngineSettings;
  /** Seconds between periodic health checks of every enabled instance; null: none. */
  readonly healthCheckIntervalSeconds: number | null;
}

const HealthCheckIntervalSchema = z.number().nonnegative().max(7 * 24 * 3600);

/** Changes the selection policy, criteria, fallback chain, breaker, block settings and health-check interval at run time (kept across processes). */
export class ConfigureProviderStrategyHandler {
  constructor(private readonly dependencies: { readonly selection: SelectionEngine; readonly persistence: SelectionStatePersistence }) {}

  async handle(command: ConfigureProviderStrategyCommand): Promise<ConfigureProviderStrategyResult> {
    const { type: _type, health_check_interval: snakeInterval, healthCheckInterval, ...payload } = command;
    const interval = healthCheckInterval ?? snakeInterval;
    let intervalSeconds: number | undefined;
    if (interval !== undefined) {
      const parsed = HealthCheckIntervalSchema.safeParse(interval);
      if (!parsed.success) {
        throw new ValidationError('health_check_interval must be a number of seconds from 0 (off) to 604800 (a week).', {
          details: { field: 'health_check_interval' },
        });
      }
      intervalSeconds = parsed.data;
    }
    const changes = parseEngineConfiguration(payload);
    const settings = this.dependencies.selection.configure(changes);
    this.dependencies.persistence.rememberConfiguration(changes);
    if (intervalSeconds !== undefined) this.dependencies.persistence.rememberHealthCheckInterval(intervalSeconds);
    const current = this.dependencies.persistence.healthCheckSchedule().intervalSeconds;
    return { settings, healthCheckIntervalSeconds: current === undefined || current === 0 ? null : current };
  }
}
