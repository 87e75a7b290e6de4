import type { CandidatePrices } from '../config/candidate-price.js';
import type { SelectionPolicy } from '../config/selection-policy.js';
import type { CompiledQuery } from './compiled-query.js';
import type { EngineSnapshot } from './engine-snapshot.js';

/** Everything one selection needs, read once at its start. */
export interface SelectionContext {
  readonly snapshot: EngineSnapshot;
  readonly policy: SelectionPolicy;
  readonly query: CompiledQuery;
  /** The provider API the template needs (a required capability). */
  readonly api: string | undefined;
  readonly instanceTypes: readonly string[] | undefined;
  /** Only instances of this type (fallback candidates of a typed template). */
  readonly providerType: string | undefined;
  readonly tried: ReadonlySet<string> | undefined;
  readonly nowMs: number;
  /** Each candidate's plan and price for this template, from the caller (LOWEST_COST, maxPriceHourly). */
  readonly prices: CandidatePrices | undefined;
  /** Only these instances take part (see `ResolveOptions.allowedInstances`); undefined: all. */
  readonly allowed: ReadonlySet<string> | undefined;
  /** Criteria ask for it, or the policy is HEALTH_BASED. */
  readonly requireHealthy: boolean;
}
