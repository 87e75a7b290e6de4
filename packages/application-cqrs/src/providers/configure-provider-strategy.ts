import { parseEngineConfiguration, type EngineSettings, type SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { SelectionStatePersistence } from '../selection/selection-state-persistence.js';

/**
 * The strategy guide's payload: `default_selection_policy`, `selection_criteria`,
 * `fallback_strategies`, `circuit_breaker_config` (`failure_threshold`, `recovery_timeout`),
 * `capacity_block_ttl_seconds`…, camelCase or snake_case; keys selection has no use for
 * (`health_check_interval`) are ignored.
 */
export const ConfigureProviderStrategySchema = z.object({ type: z.literal('ConfigureProviderStrategy') }).catchall(z.unknown());
export type ConfigureProviderStrategyCommand = z.infer<typeof ConfigureProviderStrategySchema>;

export interface ConfigureProviderStrategyResult {
  readonly settings: EngineSettings;
}

/** Changes the selection policy, criteria, fallback chain, breaker and block settings at run time (kept across processes). */
export class ConfigureProviderStrategyHandler {
  constructor(private readonly dependencies: { readonly selection: SelectionEngine; readonly persistence: SelectionStatePersistence }) {}

  async handle(command: ConfigureProviderStrategyCommand): Promise<ConfigureProviderStrategyResult> {
    const { type: _type, ...payload } = command;
    const changes = parseEngineConfiguration(payload);
    const settings = this.dependencies.selection.configure(changes);
    this.dependencies.persistence.rememberConfiguration(changes);
    return { settings };
  }
}
