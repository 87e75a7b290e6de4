import { z } from 'zod';
import { camelCaseKeys } from './case-keys.js';
import { parseInput } from './parse-input.js';

/**
 * Constraints on which provider instances may be chosen (the strategy guide's
 * `selection_criteria`). Every field is optional; missing fields fall back to the engine's
 * configured defaults.
 */
export const SelectionCriteriaSchema = z.object({
  /** Capabilities the instance must declare, e.g. `["EC2Fleet"]` or `["spot_instances"]`. */
  requiredCapabilities: z.array(z.string().min(1)).optional(),
  /** Percent (0–100) of successful operations in the selection window; instances without data pass. */
  minSuccessRate: z.number().min(0).max(100).optional(),
  /** Mean latency in the selection window; instances without data pass. */
  maxResponseTimeMs: z.number().positive().optional(),
  /** Skip instances reported unhealthy (default true). */
  requireHealthy: z.boolean().optional(),
  /** Instance names never to choose. */
  excludeStrategies: z.array(z.string().min(1)).optional(),
  /** Instance names to choose among first when any of them is eligible. */
  preferStrategies: z.array(z.string().min(1)).optional(),
  /** Skip instances whose plan for the template costs more per hour; instances without a known price pass. */
  maxPriceHourly: z.number().positive().optional(),
});

export type SelectionCriteria = z.output<typeof SelectionCriteriaSchema>;

/** Criteria with every default applied: what a decision was actually made with. */
export const ResolvedSelectionCriteriaSchema = z.object({
  requiredCapabilities: z.array(z.string()).default([]),
  minSuccessRate: z.number().min(0).max(100).nullable().default(null),
  maxResponseTimeMs: z.number().positive().nullable().default(null),
  requireHealthy: z.boolean().default(true),
  excludeStrategies: z.array(z.string()).default([]),
  preferStrategies: z.array(z.string()).default([]),
  maxPriceHourly: z.number().positive().nullable().default(null),
});

export interface ResolvedSelectionCriteria {
  readonly requiredCapabilities: readonly string[];
  readonly minSuccessRate: number | null;
  readonly maxResponseTimeMs: number | null;
  readonly requireHealthy: boolean;
  readonly excludeStrategies: readonly string[];
  readonly preferStrategies: readonly string[];
  readonly maxPriceHourly: number | null;
}

export const DEFAULT_SELECTION_CRITERIA: ResolvedSelectionCriteria = Object.freeze({
  requiredCapabilities: Object.freeze([]) as readonly string[],
  minSuccessRate: null,
  maxResponseTimeMs: null,
  requireHealthy: true,
  excludeStrategies: Object.freeze([]) as readonly string[],
  preferStrategies: Object.freeze([]) as readonly string[],
  maxPriceHourly: null,
});

/** Applies `override` field by field on top of `base`; the result is frozen and shareable. */
export function resolveSelectionCriteria(
  base: ResolvedSelectionCriteria,
  override: SelectionCriteria | undefined,
): ResolvedSelectionCriteria {
  if (override === undefined) return base;
  return Object.freeze({
    requiredCapabilities: Object.freeze([...(override.requiredCapabilities ?? base.requiredCapabilities)]),
    minSuccessRate: override.minSuccessRate ?? base.minSuccessRate,
    maxResponseTimeMs: override.maxResponseTimeMs ?? base.maxResponseTimeMs,
    requireHealthy: override.requireHealthy ?? base.requireHealthy,
    excludeStrategies: Object.freeze([...(override.excludeStrategies ?? base.excludeStrategies)]),
    preferStrategies: Object.freeze([...(override.preferStrategies ?? base.preferStrategies)]),
    maxPriceHourly: override.maxPriceHourly ?? base.maxPriceHourly,
  });
}

/** Parses criteria given in camelCase or snake_case (`min_success_rate`) from the CLI or the API. */
export function parseSelectionCriteria(input: unknown): SelectionCriteria {
  return parseInput(SelectionCriteriaSchema, camelCaseKeys(input ?? {}), 'selection criteria');
}
