import type { AuditLog, Clock, IdGenerator, MachineRepository, RequestRepository, TemplateRepository, TenancyRepository } from '@ohf/domain-core';
import type { EventBus } from '../bus/event-bus.js';
import type { CatalogPrices } from '../catalog/catalog-prices.js';
import type { Logger } from '../ports/logger.js';
import type { MetricsSink } from '../ports/metrics-sink.js';
import type { ProviderInstances } from '../ports/provider-instances.js';
import type { ProviderSelector } from './provider-selector.js';

/** Tunables of provisioning and tracking; every one has a documented default. */
export interface ProvisioningSettings {
  /**
   * How long a request may keep waiting for machines (throttled or unavailable instances, fleets
   * still launching) before it is settled as partial or failed; a return request, for its
   * machines to terminate and for providers it could not ask. Default 30 minutes.
   */
  readonly deadlineMs: number;
  /**
   * An attempt saved without its outcome is taken as still running in another process for this
   * long; after it, as interrupted by a crash, and resumed. Default 2 minutes.
   */
  readonly inFlightAttemptLeaseMs: number;
  /** Throttling or outage failures of one instance before a request stops trying it. Default 3. */
  readonly maxTransientAttemptsPerInstance: number;
  /**
   * A machine the provider no longer reports is taken as terminated once it is older than this
   * (clouds list new machines with a delay). Default 5 minutes.
   */
  readonly missingMachineGraceMs: number;
}

export const DEFAULT_PROVISIONING_SETTINGS: ProvisioningSettings = Object.freeze({
  deadlineMs: 30 * 60_000,
  inFlightAttemptLeaseMs: 2 * 60_000,
  maxTransientAttemptsPerInstance: 3,
  missingMachineGraceMs: 5 * 60_000,
});

/** The ports the orchestration works with, shared by the handlers. */
export interface OrchestrationContext {
  readonly requests: RequestRepository;
  readonly machines: MachineRepository;
  readonly templates: TemplateRepository;
  readonly providers: ProviderInstances;
  readonly selector: ProviderSelector;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly metrics: MetricsSink;
  readonly settings: ProvisioningSettings;
  /** Priced catalog plans: resolves templates' requirements and prices launches; without it nothing is priced. */
  readonly prices?: CatalogPrices;
  /** The audit trail, for events that record no stored change and for reading; saves write theirs through the repositories. */
  readonly audit?: AuditLog;
  /** Organizations and their quotas; without it no quota is checked. */
  readonly tenancy?: TenancyRepository;
  /** Milliseconds for latency measurement; injectable for tests. */
  readonly monotonicNow: () => number;
}
