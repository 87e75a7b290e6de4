import type { CandidatePrices } from '../config/candidate-price.js';
import type { EngineConfigurationInput } from '../config/engine-configuration.js';
import type { HealthUpdate } from '../config/health-update.js';
import { parseInput } from '../config/parse-input.js';
import type { ProviderInstance, ProviderInstanceInput } from '../config/provider-instance.js';
import type { SelectionCriteria } from '../config/selection-criteria.js';
import {
  blockCapacity,
  capacityBlocks,
  clearCapacityBlocks,
  isBlocked,
  unblockCapacity,
} from './engine-capacity-blocks.js';
import type { EngineCore } from './engine-core.js';
import { beginOperation, endOperation, recordOutcome, updateHealth } from './engine-outcomes.js';
import { configure, createEngineCore, registerInstance, unregisterInstance, updateInstance } from './engine-registration.js';
import { failover, resolveForTemplate, select } from './engine-selection.js';
import type { EngineSettings, InstanceEntry } from './engine-snapshot.js';
import {
  healthOf,
  metricsOf,
  type CapacityBlockView,
  type InstanceHealth,
  type InstanceMetrics,
  type MetricsOptions,
} from './instance-reports.js';
import type { SelectionDecision } from './selection-decision.js';
import type {
  CapacityBlockInput,
  CapacityBlockQuery,
  FailureInput,
  HealthOptions,
  OperationHandle,
  OutcomeInput,
  ResolveOptions,
  SelectionEngineOptions,
  SelectOptions,
  TemplateSelectionInput,
} from './selection-engine-inputs.js';
import { exportSnapshotState, importSnapshotState, SelectionStateSchema, type ImportStateReport, type SelectionState } from './selection-state.js';

export type {
  CapacityBlockInput,
  CapacityBlockQuery,
  FailureInput,
  HealthOptions,
  OperationHandle,
  OutcomeInput,
  ResolveOptions,
  SelectionEngineOptions,
  SelectOptions,
  TemplateSelectionInput,
} from './selection-engine-inputs.js';

/**
 * Chooses provider instances for templates and operations, learns from outcomes (metrics,
 * circuit breakers, capacity blocks) and explains every decision. Configuration lives in an
 * immutable snapshot swapped whole on every change; run-time state lives per instance. All
 * methods are synchronous, so a selection always runs against one consistent snapshot.
 *
 * This class is the one public face; each concern lives in its own module over the shared
 * `EngineCore`: registration and configuration, selection, outcomes and health, capacity blocks.
 */
export class SelectionEngine {
  private readonly core: EngineCore;

  constructor(options: SelectionEngineOptions = {}) {
    this.core = createEngineCore(options);
  }

  // ---------------------------------------------------------------- configuration views

  /** The configuration in force: policy, defaults, fallback, criteria, breaker, TTLs. */
  settings(): EngineSettings {
    return this.core.current.settings;
  }

  /** Increments on every registration, unregistration, update and reconfiguration. */
  get snapshotVersion(): number {
    return this.core.current.version;
  }

  listInstances(): readonly ProviderInstance[] {
    return this.core.current.instances.map((entry) => entry.descriptor);
  }

  getInstance(name: string): ProviderInstance | undefined {
    return this.core.current.byName.get(name)?.descriptor;
  }

  // ---------------------------------------------------------------- selection

  /**
   * Chooses an instance among all configured ones by the policy and criteria
   * (`selectProviderStrategy`). Throws NO_ENABLED_PROVIDERS or NO_COMPATIBLE_PROVIDER, with
   * the explanation in the error details, when none qualifies.
   */
  select(criteria?: SelectionCriteria, options: SelectOptions = {}): SelectionDecision {
    return select(this.core, criteria, options);
  }

  /**
   * Resolves the instance for a template: `providerName` (that instance; PROVIDER_NOT_FOUND /
   * PROVIDER_DISABLED when it is missing or disabled), else `providerType` (balanced among the
   * type's instances by the policy), else `providerApi` (instances declaring that API), else
   * the defaults (`defaults.providerInstance`, then `defaults.providerType`, else all instances).
   * The fallback list follows when those candidates are all unusable.
   */
  resolveForTemplate(template: TemplateSelectionInput, options: ResolveOptions = {}): SelectionDecision {
    return resolveForTemplate(this.core, template, options);
  }

  /**
   * The next candidate after `decision`'s instance failed: blocks capacity when the error calls
   * for it, then looks through the rest of the decision's candidates (policy order) and the
   * fallback list, skipping tried, blocked and open-circuit instances. The new decision always
   * carries an explanation. Throws NO_COMPATIBLE_PROVIDER / NO_ENABLED_PROVIDERS when the chain
   * is exhausted. `decision` may come back from JSON.
   */
  failover(
    decision: SelectionDecision,
    failure: FailureInput,
    options: { readonly dryRun?: boolean; readonly prices?: CandidatePrices; readonly allowedInstances?: ReadonlySet<string> } = {},
  ): SelectionDecision {
    return failover(this.core, decision, failure, options);
  }

  // ---------------------------------------------------------------- outcomes and operations

  /**
   * Records the outcome of an operation on an instance: metrics, the circuit breaker (failures
   * about the request itself, like a bad template or missing capacity, are neutral), recent
   * errors, and a capacity block for capacity, quota, throttling and outage errors. Returns
   * false, recording nothing, when the instance is not registered (any more).
   */
  recordOutcome(instance: string, outcome: OutcomeInput): boolean {
    return recordOutcome(this.core, instance, outcome);
  }

  /** Counts an operation as active (LEAST_CONNECTIONS) until the handle's `end`. */
  beginOperation(instance: string, operation = 'UNKNOWN'): OperationHandle {
    return beginOperation(this.core, instance, operation);
  }

  /** Ends one active operation without a handle (e.g. from another call site); returns the active count. */
  endOperation(instance: string, operation = 'UNKNOWN'): number {
    return endOperation(this.core, instance, operation);
  }

  // ---------------------------------------------------------------- capacity blocks

  /** Blocks exactly the given scope (null/omitted api or instance type: all of them). */
  blockCapacity(input: CapacityBlockInput): CapacityBlockView {
    return blockCapacity(this.core, input);
  }

  /** True when an active block covers this instance, API and instance type. */
  isBlocked(query: CapacityBlockQuery): boolean {
    return isBlocked(this.core, query);
  }

  capacityBlocks(instance?: string): readonly CapacityBlockView[] {
    return capacityBlocks(this.core, instance);
  }

  /** Removes the block of exactly this scope; true when there was one. */
  unblockCapacity(input: { readonly instance: string; readonly api?: string | null; readonly instanceType?: string | null }): boolean {
    return unblockCapacity(this.core, input);
  }

  /** Drops every block of one instance, or of all; returns how many were dropped. */
  clearCapacityBlocks(instance?: string): number {
    return clearCapacityBlocks(this.core, instance);
  }

  // ---------------------------------------------------------------- registration and configuration

  /**
   * Adds an instance (`registerProviderStrategy`). A name already registered is a CONFLICT
   * unless `replace` is set; a replaced instance keeps its metrics, health and breaker.
   */
  registerInstance(input: ProviderInstanceInput, options: { readonly replace?: boolean } = {}): ProviderInstance {
    return registerInstance(this.core, input, options);
  }

  /** Removes an instance and its run-time state; false when it was not registered. */
  unregisterInstance(name: string): boolean {
    return unregisterInstance(this.core, name);
  }

  /** Changes some fields of a registered instance (enable/disable, weight, priority, capabilities). */
  updateInstance(name: string, changes: Partial<Omit<ProviderInstanceInput, 'name'>>): ProviderInstance {
    return updateInstance(this.core, name, changes);
  }

  /**
   * Changes policy, defaults, fallback, default criteria, breaker settings, block TTLs, random
   * weighting or the selection window (`configureProviderStrategy`). Rotation state carries over.
   */
  configure(changes: EngineConfigurationInput): EngineSettings {
    return configure(this.core, changes);
  }

  /** Records a health report (`updateProviderHealth`) and returns the instance's health. */
  updateHealth(instance: string, update: HealthUpdate): InstanceHealth {
    return updateHealth(this.core, instance, update);
  }

  // ---------------------------------------------------------------- reports

  /** Health of one instance (`getProviderHealth`). */
  health(instance: string, options?: HealthOptions): InstanceHealth;
  /** Health of every instance, in configuration order. */
  health(instance?: undefined, options?: HealthOptions): readonly InstanceHealth[];
  health(instance?: string, options: HealthOptions = {}): InstanceHealth | readonly InstanceHealth[] {
    const snapshot = this.core.current;
    const nowMs = this.core.nowMs();
    const report = (entry: InstanceEntry) => healthOf(entry, nowMs, snapshot.recoveryMs, snapshot.windowMs, options.includeHistory === true);
    return instance === undefined ? snapshot.instances.map(report) : report(this.core.entryOrThrow(instance));
  }

  /** Metrics of one instance over a window (`getProviderMetrics`). */
  metrics(instance: string, options?: MetricsOptions): InstanceMetrics;
  /** Metrics of every instance, in configuration order. */
  metrics(instance?: undefined, options?: MetricsOptions): readonly InstanceMetrics[];
  metrics(instance?: string, options: MetricsOptions = {}): InstanceMetrics | readonly InstanceMetrics[] {
    const nowMs = this.core.nowMs();
    if (instance !== undefined) return metricsOf(this.core.entryOrThrow(instance), nowMs, options);
    return this.core.current.instances.map((entry) => metricsOf(entry, nowMs, options));
  }

  // ---------------------------------------------------------------- persistence

  /** Everything learned at run time as plain JSON (see `SelectionStateSchema`). */
  exportState(): SelectionState {
    return exportSnapshotState(this.core.current, this.core.nowMs());
  }

  /**
   * Restores state exported by this or an earlier version, replacing the state of the
   * instances it names. Instances not configured any more are skipped and reported.
   */
  importState(state: unknown): ImportStateReport {
    const parsed = parseInput(SelectionStateSchema, state, 'selection state');
    this.core.epoch += 1;
    return importSnapshotState(this.core.current, parsed, this.core.nowMs());
  }
}

export function createSelectionEngine(options: SelectionEngineOptions = {}): SelectionEngine {
  return new SelectionEngine(options);
}
