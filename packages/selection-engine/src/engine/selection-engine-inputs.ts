import type { Clock, DomainEvent } from '@ohf/domain-core';
import type { CapacityBlockKind, CapacityBlockTtlSeconds } from '../config/capacity-block-kind.js';
import type { CandidatePrices } from '../config/candidate-price.js';
import type { CircuitBreakerConfig } from '../config/circuit-breaker-config.js';
import type { ProviderInstanceInput } from '../config/provider-instance.js';
import type { SelectionCriteria } from '../config/selection-criteria.js';
import type { RandomWeighting, SelectionPolicy } from '../config/selection-policy.js';
import type { RandomSource } from '../random/random-source.js';

export interface SelectionEngineOptions {
  readonly instances?: readonly ProviderInstanceInput[];
  /** Default WEIGHTED_ROUND_ROBIN, like the configuration file. */
  readonly policy?: SelectionPolicy;
  readonly defaults?: { readonly providerType?: string | null; readonly providerInstance?: string | null };
  readonly fallback?: readonly string[];
  readonly criteria?: SelectionCriteria;
  readonly circuitBreaker?: Partial<CircuitBreakerConfig>;
  readonly capacityBlockTtlSeconds?: CapacityBlockTtlSeconds;
  readonly randomWeighting?: RandomWeighting;
  /** Seconds of history behind success-rate and latency decisions; default 600. */
  readonly selectionWindowSeconds?: number;
  /** Hours of metrics kept per instance; default 24. */
  readonly metricsRetentionHours?: number;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Receives CircuitOpened, CircuitClosed and ProviderHealthChanged after the state changed. */
  readonly onEvent?: (event: DomainEvent) => void;
}

export interface SelectOptions {
  /** Build the explanation (allocates; leave off on hot paths). */
  readonly explain?: boolean;
  /** Leave rotation state and half-open probes untouched (plans, `--dry-run`). */
  readonly dryRun?: boolean;
  /** A provider API the instance must declare (checked against capacity blocks too). */
  readonly api?: string;
  readonly instanceTypes?: readonly string[];
  /** Each candidate's plan and price (LOWEST_COST ranks by it, `maxPriceHourly` filters by it). */
  readonly prices?: CandidatePrices;
  /** Only these instances take part (see `ResolveOptions.allowedInstances`). */
  readonly allowedInstances?: ReadonlySet<string>;
}

export interface ResolveOptions {
  readonly criteria?: SelectionCriteria;
  readonly explain?: boolean;
  readonly dryRun?: boolean;
  /** Look in the configured fallback list when the template's own candidates are unusable (default true). */
  readonly useFallback?: boolean;
  /** Each candidate's plan and price for this template (LOWEST_COST ranks by it, `maxPriceHourly` filters by it). */
  readonly prices?: CandidatePrices;
  /**
   * Only these instances exist for this selection (an organization's usable instances): the
   * others are never chosen, never listed in the explanation or in error details, and naming
   * one fails as naming an unknown instance. Absent: every instance.
   */
  readonly allowedInstances?: ReadonlySet<string>;
}

/** The template fields selection looks at; a domain-core Template fits. */
export interface TemplateSelectionInput {
  readonly templateId?: string;
  readonly providerName?: string;
  readonly providerType?: string;
  readonly providerApi?: string;
  readonly vmType?: string;
  readonly vmTypes?: Readonly<Record<string, number>>;
}

export interface FailureInput {
  readonly errorCode: string;
  readonly api?: string;
  readonly instanceType?: string;
  readonly message?: string;
  /** The provider's own Retry-After; used as the block's lifetime instead of the configured TTL. */
  readonly retryAfterMs?: number;
}

export interface OutcomeInput {
  /** CREATE_INSTANCES, TERMINATE_INSTANCES, HEALTH_CHECK…; default UNKNOWN. */
  readonly operation?: string;
  readonly success: boolean;
  readonly latencyMs?: number;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly api?: string;
  readonly instanceType?: string;
  readonly retryAfterMs?: number;
}

export interface CapacityBlockInput {
  readonly instance: string;
  /** Omitted or null: every API. */
  readonly api?: string | null;
  /** Omitted or null: every instance type. */
  readonly instanceType?: string | null;
  /** The kind, or an error code it derives from; default insufficient_capacity. */
  readonly kind?: CapacityBlockKind;
  readonly errorCode?: string;
  /** Default: the configured TTL of the kind. */
  readonly ttlSeconds?: number;
  readonly reason?: string;
}

export interface CapacityBlockQuery {
  readonly instance: string;
  readonly api?: string;
  readonly instanceType?: string;
}

/** An operation in flight on an instance; `end` records its outcome with the measured latency. */
export interface OperationHandle {
  readonly instance: string;
  readonly operation: string;
  /** False when the instance was unknown at begin time: nothing is counted. */
  readonly tracked: boolean;
  end(outcome?: Omit<OutcomeInput, 'operation'>): void;
}

export interface HealthOptions {
  readonly includeHistory?: boolean;
}
