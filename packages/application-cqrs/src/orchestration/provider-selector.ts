import type { Template } from '@ohf/domain-core';
import type { CandidatePrices } from '@ohf/selection-engine';

/** Where the caller wants machines from, above what the template says (REST `providerPreference`). */
export interface ProviderPreference {
  readonly type?: string;
  readonly instance?: string;
}

/** One chosen provider instance, with the selection data stored on the request. */
export interface ProviderChoice {
  readonly providerInstance: string;
  readonly providerType: string;
  readonly providerApi?: string;
  /**
   * The selection decision (candidates, skipped ones and why, policy): stored on the request as
   * `selectionExplanation` and handed back for failover by a later process. Plain JSON.
   */
  readonly decision: unknown;
}

export interface ChooseInput {
  readonly template: Template;
  readonly preference?: ProviderPreference;
  /** Selection criteria in camelCase or the strategy guide's snake_case. */
  readonly criteria?: unknown;
  /** Instances this request will not use again. */
  readonly exclude?: readonly string[];
  /** Plan only: leave rotation state and circuit probes untouched. */
  readonly dryRun?: boolean;
  /** Each instance's plan and price for the template (LOWEST_COST, `maxPriceHourly`). */
  readonly prices?: CandidatePrices;
  /** The instances the request's organization may use; absent: all (see `allowedInstancesFor`). */
  readonly allowedInstances?: ReadonlySet<string>;
}

export interface ProvisionFailure {
  readonly code: string;
  readonly message: string;
  readonly providerApi?: string;
  readonly instanceType?: string;
  readonly retryAfterMs?: number;
}

/** Why selection has no instance for a request now. */
export interface NoCandidateNow {
  /** Selection's own sentence, every candidate with its reasons. */
  readonly message: string;
  /** The candidates held only by something that lapses (a capacity block, an open circuit): what holds each, until when. */
  readonly blocked: readonly { readonly providerInstance: string; readonly reason: string; readonly until: string }[];
}

export interface ProviderCallOutcome {
  readonly providerInstance: string;
  /** One of `PROVIDER_OPERATIONS`, e.g. `CREATE_INSTANCES`. */
  readonly operation: string;
  readonly success: boolean;
  readonly latencyMs: number;
  readonly errorCode?: string;
  /** The provider's explanation, redacted (kept with recent errors and capacity blocks). */
  readonly errorMessage?: string;
  readonly providerApi?: string;
  readonly instanceType?: string;
  readonly retryAfterMs?: number;
}

/**
 * What provisioning needs from provider selection. Implemented over the selection engine by
 * `SelectionEngineSelector`; kept narrow so the orchestration reads as the rules it follows.
 */
export interface ProviderSelector {
  /** The first choice for a template; throws NO_ENABLED_PROVIDERS / NO_COMPATIBLE_PROVIDER / PROVIDER_* with the explanation in details. */
  choose(input: ChooseInput): ProviderChoice;
  /** A choice now, or undefined when every candidate is excluded, blocked or unhealthy. */
  tryChoose(input: ChooseInput): ProviderChoice | undefined;
  /** The next instance of the failover chain after `previous` failed, or undefined. */
  failover(previous: ProviderChoice, failure: ProvisionFailure, input: ChooseInput): ProviderChoice | undefined;
  /** Whether any configured, enabled instance could serve the template at all (blocks and breakers aside). */
  hasCandidates(input: ChooseInput): boolean;
  /**
   * Why no instance can take the request now, or undefined when one can. Changes nothing.
   */
  whyNoneNow(input: ChooseInput): NoCandidateNow | undefined;
  /** Feeds health, circuit breakers and metrics; failures with capacity codes also block. */
  recordOutcome(outcome: ProviderCallOutcome): void;
  /** Counts an operation as active (LEAST_CONNECTIONS) until `endOperation` with the same names. */
  beginOperation(providerInstance: string, operation: string): void;
  endOperation(providerInstance: string, operation: string): void;
}
