import type { ResolvedSelectionCriteria } from '../config/selection-criteria.js';

/** Criteria turned into what the hot loop checks cheaply: sets, fractions, sentinels. */
export interface CompiledQuery {
  readonly criteria: ResolvedSelectionCriteria;
  readonly excluded: ReadonlySet<string> | null;
  readonly preferred: ReadonlySet<string> | null;
  readonly required: readonly string[];
  readonly requireHealthy: boolean;
  /** -1 when there is no minimum. */
  readonly minSuccessFraction: number;
  /** Infinity when there is no maximum. */
  readonly maxMeanLatencyMs: number;
  /** Infinity when there is no maximum. */
  readonly maxPriceHourly: number;
}

export function compileQuery(criteria: ResolvedSelectionCriteria): CompiledQuery {
  return Object.freeze({
    criteria,
    excluded: criteria.excludeStrategies.length === 0 ? null : new Set(criteria.excludeStrategies),
    preferred: criteria.preferStrategies.length === 0 ? null : new Set(criteria.preferStrategies),
    required: criteria.requiredCapabilities,
    requireHealthy: criteria.requireHealthy,
    minSuccessFraction: criteria.minSuccessRate === null ? -1 : criteria.minSuccessRate / 100,
    maxMeanLatencyMs: criteria.maxResponseTimeMs ?? Number.POSITIVE_INFINITY,
    maxPriceHourly: criteria.maxPriceHourly ?? Number.POSITIVE_INFINITY,
  });
}
