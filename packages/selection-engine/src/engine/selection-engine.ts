import {
  BusinessRuleError,
  domainEvent,
  instanceTypesOf,
  systemClock,
  ValidationError,
  type Clock,
  type DomainEvent,
} from '@ohf/domain-core';
import {
  CAPACITY_BLOCK_SCOPES,
  capacityBlockKindOf,
  DEFAULT_CAPACITY_BLOCK_TTL_SECONDS,
  type CapacityBlockKind,
  type CapacityBlockTtlSeconds,
} from '../config/capacity-block-kind.js';
import { DEFAULT_CIRCUIT_BREAKER_CONFIG, type CircuitBreakerConfig } from '../config/circuit-breaker-config.js';
import {
  EngineConfigurationSchema,
  SelectionEngineConfigSchema,
  type EngineConfiguration,
  type EngineConfigurationInput,
} from '../config/engine-configuration.js';
import { HealthUpdateSchema, type HealthUpdate } from '../config/health-update.js';
import { parseInput } from '../config/parse-input.js';
import { ProviderInstanceSchema, type ProviderInstance, type ProviderInstanceInput } from '../config/provider-instance.js';
import {
  DEFAULT_SELECTION_CRITERIA,
  resolveSelectionCriteria,
  SelectionCriteriaSchema,
  type SelectionCriteria,
} from '../config/selection-criteria.js';
import type { RandomWeighting, SelectionPolicy } from '../config/selection-policy.js';
import { BREAKER_NEUTRAL_ERROR_CODES } from '../health/breaker-neutral-errors.js';
import { CIRCUIT_PROBE } from '../health/circuit-breaker.js';
import { isHealthyAt, type HealthRecord } from '../health/health-record.js';
import type { RandomSource } from '../random/random-source.js';
import { compileQuery, type CompiledQuery } from './compiled-query.js';
import { buildSnapshot, emptyPool, type EngineSettings, type EngineSnapshot, type InstanceEntry, type Pool } from './engine-snapshot.js';
import {
  healthOf,
  metricsOf,
  viewBlock,
  type CapacityBlockView,
  type InstanceHealth,
  type InstanceMetrics,
  type MetricsOptions,
} from './instance-reports.js';
import { InstanceRuntime } from './instance-runtime.js';
import type { SelectionContext } from './selection-context.js';
import {
  SelectionDecisionSchema,
  type FailoverRecord,
  type ResolutionMode,
  type SelectionDecision,
  type SelectionRoute,
} from './selection-decision.js';
import { noCandidate, providerDisabled, providerNotFound, providerTypeNotFound } from './selection-errors.js';
import { TRANSIENT_SKIP_REASONS, type ExplanationStep, type SelectionExplanation } from './selection-explanation.js';
import { exportSnapshotState, importSnapshotState, SelectionStateSchema, type ImportStateReport, type SelectionState } from './selection-state.js';
import { explainFallback, explainPool, selectFromFallback, selectFromPool } from './selection-step.js';

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
}

export interface ResolveOptions {
  readonly criteria?: SelectionCriteria;
  readonly explain?: boolean;
  readonly dryRun?: boolean;
  /** Look in the configured fallback list when the template's own candidates are unusable (default true). */
  readonly useFallback?: boolean;
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

const DEFAULT_SETTINGS: EngineSettings = Object.freeze({
  policy: 'WEIGHTED_ROUND_ROBIN',
  defaultProviderType: null,
  defaultProviderInstance: null,
  fallback: Object.freeze([]) as readonly string[],
  criteria: DEFAULT_SELECTION_CRITERIA,
  circuitBreaker: DEFAULT_CIRCUIT_BREAKER_CONFIG,
  capacityBlockTtlSeconds: DEFAULT_CAPACITY_BLOCK_TTL_SECONDS,
  randomWeighting: 'weighted',
  selectionWindowSeconds: 600,
});

function applyConfiguration(base: EngineSettings, changes: EngineConfiguration): EngineSettings {
  const ttl: Record<CapacityBlockKind, number> = { ...base.capacityBlockTtlSeconds };
  for (const [kind, seconds] of Object.entries(changes.capacityBlockTtlSeconds ?? {})) {
    if (seconds !== undefined) ttl[kind as CapacityBlockKind] = seconds;
  }
  const defaults = changes.defaults ?? {};
  return Object.freeze({
    policy: changes.policy ?? base.policy,
    defaultProviderType: defaults.providerType === undefined ? base.defaultProviderType : defaults.providerType,
    defaultProviderInstance: defaults.providerInstance === undefined ? base.defaultProviderInstance : defaults.providerInstance,
    fallback: changes.fallback === undefined ? base.fallback : Object.freeze([...changes.fallback]),
    criteria: changes.criteria === undefined ? base.criteria : resolveSelectionCriteria(DEFAULT_SELECTION_CRITERIA, changes.criteria),
    circuitBreaker: Object.freeze({ ...base.circuitBreaker, ...stripUndefined(changes.circuitBreaker ?? {}) }),
    capacityBlockTtlSeconds: Object.freeze(ttl),
    randomWeighting: changes.randomWeighting ?? base.randomWeighting,
    selectionWindowSeconds: changes.selectionWindowSeconds ?? base.selectionWindowSeconds,
  });
}

function stripUndefined<Value extends object>(value: Value): Partial<Value> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<Value>;
}

/** Effective availability for ProviderHealthChanged: reported healthy and circuit closed. */
function availabilityOf(runtime: InstanceRuntime, nowMs: number): boolean {
  return isHealthyAt(runtime.health, nowMs) && runtime.breaker.state === 'closed';
}

/**
 * Chooses provider instances for templates and operations, learns from outcomes (metrics,
 * circuit breakers, capacity blocks) and explains every decision. Configuration lives in an
 * immutable snapshot swapped whole on every change; run-time state lives per instance. All
 * methods are synchronous, so a selection always runs against one consistent snapshot.
 */
export class SelectionEngine {
  private current: EngineSnapshot;
  private readonly runtimes = new Map<string, InstanceRuntime>();
  private readonly clock: Clock;
  private readonly random: RandomSource;
  private readonly onEvent: ((event: DomainEvent) => void) | undefined;
  private readonly retentionHours: number;
  /**
   * Bumped by every change that can alter which instances are eligible or how they rank
   * (circuit transitions, health, blocks, probes, active operations, snapshots); pool caches
   * built under an older epoch are rebuilt on their next use.
   */
  private epoch = 0;
  /** Bumped by every recorded outcome: success rates and latencies moved. */
  private metricsEpoch = 0;

  constructor(options: SelectionEngineOptions = {}) {
    const { clock, random, onEvent, ...data } = options;
    const config = parseInput(SelectionEngineConfigSchema, data, 'selection engine options');
    this.clock = clock ?? systemClock;
    this.random = random ?? Math.random;
    this.onEvent = onEvent;
    this.retentionHours = config.metricsRetentionHours ?? 24;
    const seen = new Set<string>();
    for (const instance of config.instances) {
      if (seen.has(instance.name)) {
        throw new ValidationError(`Provider instance '${instance.name}' is configured twice; names must be unique`, {
          details: { duplicate: instance.name },
        });
      }
      seen.add(instance.name);
    }
    const settings = applyConfiguration(DEFAULT_SETTINGS, config);
    this.current = this.build(1, settings, config.instances, undefined);
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  private runtimeFor(name: string): InstanceRuntime {
    let runtime = this.runtimes.get(name);
    if (runtime === undefined) {
      runtime = new InstanceRuntime(name, this.retentionHours, this.nowMs());
      this.runtimes.set(name, runtime);
    }
    return runtime;
  }

  private build(version: number, settings: EngineSettings, descriptors: readonly ProviderInstance[], previous: EngineSnapshot | undefined) {
    // Frozen so a descriptor handed out by listInstances() cannot change a snapshot behind its back.
    const frozen = descriptors.map((descriptor) =>
      Object.freeze({ ...descriptor, capabilities: Object.freeze([...descriptor.capabilities]) as string[] }),
    );
    const snapshot = buildSnapshot(version, settings, frozen, (name) => this.runtimeFor(name), previous);
    for (const name of [...this.runtimes.keys()]) if (!snapshot.byName.has(name)) this.runtimes.delete(name);
    return snapshot;
  }

  /** Builds the next snapshot and publishes it with one assignment. */
  private swap(settings: EngineSettings, descriptors: readonly ProviderInstance[]): void {
    const previous = this.current;
    this.current = this.build(previous.version + 1, settings, descriptors, previous);
    this.epoch += 1;
  }

  private emit(events: readonly DomainEvent[]): void {
    if (this.onEvent === undefined || events.length === 0) return;
    // Every listener call happens after the state changed; a throwing listener does not stop
    // the others and its error surfaces once all were told.
    let failure: { error: unknown } | undefined;
    for (const event of events) {
      try {
        this.onEvent(event);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  }

  private healthEvents(runtime: InstanceRuntime, before: boolean, nowMs: number, events: DomainEvent[], reason: string | null): void {
    const after = availabilityOf(runtime, nowMs);
    if (after === before) return;
    const message = reason ?? runtime.health.message ?? undefined;
    events.push(
      domainEvent(
        'ProviderHealthChanged',
        { providerInstance: runtime.name, healthy: after, ...(message === undefined ? {} : { message }) },
        new Date(nowMs),
      ),
    );
  }

  // ---------------------------------------------------------------- configuration views

  /** The configuration in force: policy, defaults, fallback, criteria, breaker, TTLs. */
  settings(): EngineSettings {
    return this.current.settings;
  }

  /** Increments on every registration, unregistration, update and reconfiguration. */
  get snapshotVersion(): number {
    return this.current.version;
  }

  listInstances(): readonly ProviderInstance[] {
    return this.current.instances.map((entry) => entry.descriptor);
  }

  getInstance(name: string): ProviderInstance | undefined {
    return this.current.byName.get(name)?.descriptor;
  }

  // ---------------------------------------------------------------- selection

  private queryFor(snapshot: EngineSnapshot, criteria: SelectionCriteria | undefined): CompiledQuery {
    if (criteria === undefined) return snapshot.defaultQuery;
    const cached = snapshot.queryCache.get(criteria);
    if (cached !== undefined) return cached;
    const parsed = parseInput(SelectionCriteriaSchema, criteria, 'selection criteria');
    const compiled = compileQuery(resolveSelectionCriteria(snapshot.settings.criteria, parsed));
    snapshot.queryCache.set(criteria, compiled);
    return compiled;
  }

  private context(
    snapshot: EngineSnapshot,
    query: CompiledQuery,
    nowMs: number,
    api: string | undefined,
    instanceTypes: readonly string[] | undefined,
    providerType: string | undefined,
    tried: ReadonlySet<string> | undefined,
  ): SelectionContext {
    const policy = snapshot.settings.policy;
    return {
      snapshot,
      policy,
      query,
      api,
      instanceTypes,
      providerType,
      tried,
      nowMs,
      requireHealthy: query.requireHealthy || policy === 'HEALTH_BASED',
    };
  }

  /**
   * Chooses an instance among all configured ones by the policy and criteria
   * (`selectProviderStrategy`). Throws NO_ENABLED_PROVIDERS or NO_COMPATIBLE_PROVIDER, with
   * the explanation in the error details, when none qualifies.
   */
  select(criteria?: SelectionCriteria, options: SelectOptions = {}): SelectionDecision {
    const snapshot = this.current;
    const nowMs = this.nowMs();
    const query = this.queryFor(snapshot, criteria);
    const context = this.context(snapshot, query, nowMs, options.api, options.instanceTypes, undefined, undefined);
    return this.decide(context, snapshot.criteriaRoute, 'criteria', options.explain === true, options.dryRun === true, 'the selection criteria');
  }

  /**
   * Resolves the instance for a template: `providerName` (that instance; PROVIDER_NOT_FOUND /
   * PROVIDER_DISABLED when it is missing or disabled), else `providerType` (balanced among the
   * type's instances by the policy), else `providerApi` (instances declaring that API), else
   * the defaults (`defaults.providerInstance`, then `defaults.providerType`, else all instances).
   * The fallback list follows when those candidates are all unusable.
   */
  resolveForTemplate(template: TemplateSelectionInput, options: ResolveOptions = {}): SelectionDecision {
    const snapshot = this.current;
    const nowMs = this.nowMs();
    const query = this.queryFor(snapshot, options.criteria);
    const api = template.providerApi;
    const typeNames = Object.keys(instanceTypesOf(template));
    const instanceTypes = typeNames.length === 0 ? undefined : typeNames;
    const useFallback = options.useFallback ?? true;
    const subject = template.templateId === undefined ? 'the template' : `template ${template.templateId}`;
    let route: SelectionRoute;
    let mode: ResolutionMode;
    if (template.providerName !== undefined) {
      const entry = snapshot.byName.get(template.providerName);
      if (entry === undefined) throw providerNotFound(template.providerName, snapshot.instances.map((instance) => instance.name));
      if (!entry.enabled) {
        throw providerDisabled(
          template.providerName,
          snapshot.instances.filter((instance) => instance.enabled).map((instance) => instance.name),
        );
      }
      route = { pools: [`instance:${entry.name}`], providerType: template.providerType ?? entry.type, useFallback };
      mode = 'explicit';
    } else if (template.providerType !== undefined) {
      if (!snapshot.pools.has(`type:${template.providerType}`)) {
        throw providerTypeNotFound(
          template.providerType,
          [...new Set(snapshot.instances.map((instance) => instance.type))],
          snapshot.instances.map((instance) => instance.name),
        );
      }
      route = { pools: [`type:${template.providerType}`], providerType: template.providerType, useFallback };
      mode = 'provider_type';
    } else if (api !== undefined) {
      route = { pools: [`capability:${api}`], providerType: null, useFallback };
      mode = 'provider_api';
    } else {
      route = useFallback ? snapshot.defaultRoute : { ...snapshot.defaultRoute, useFallback: false };
      mode = 'default';
    }
    const context = this.context(snapshot, query, nowMs, api, instanceTypes, route.providerType ?? undefined, undefined);
    return this.decide(context, route, mode, options.explain === true, options.dryRun === true, subject);
  }

  /**
   * The next candidate after `decision`'s instance failed: blocks capacity when the error calls
   * for it, then looks through the rest of the decision's candidates (policy order) and the
   * fallback list, skipping tried, blocked and open-circuit instances. The new decision always
   * carries an explanation. Throws NO_COMPATIBLE_PROVIDER / NO_ENABLED_PROVIDERS when the chain
   * is exhausted. `decision` may come back from JSON.
   */
  failover(decision: SelectionDecision, failure: FailureInput, options: { readonly dryRun?: boolean } = {}): SelectionDecision {
    const previous = parseInput(SelectionDecisionSchema, decision, 'selection decision');
    const snapshot = this.current;
    const nowMs = this.nowMs();
    const kind = capacityBlockKindOf(failure.errorCode);
    if (kind !== undefined) {
      this.blockForFailure(snapshot, previous.instance, kind, failure.api ?? previous.api ?? undefined, failure.instanceType, failure.retryAfterMs, failure.message, nowMs);
    }
    const tried = previous.tried.includes(previous.instance) ? previous.tried : [...previous.tried, previous.instance];
    const query = compileQuery(Object.freeze({ ...previous.criteria }));
    const context = this.context(
      snapshot,
      query,
      nowMs,
      previous.api ?? undefined,
      previous.instanceTypes ?? undefined,
      previous.route.providerType ?? undefined,
      new Set(tried),
    );
    const subject = `failover after ${previous.instance} failed with ${failure.errorCode}`;
    return this.decideExplained(context, previous.route, previous.mode, options.dryRun === true, subject, {
      attempt: previous.attempt + 1,
      tried,
      failover: { from: previous.instance, errorCode: failure.errorCode },
    });
  }

  private poolFor(snapshot: EngineSnapshot, key: string): Pool {
    return key === 'all' ? snapshot.allPool : (snapshot.pools.get(key) ?? emptyPool(key));
  }

  private decide(
    context: SelectionContext,
    route: SelectionRoute,
    mode: ResolutionMode,
    explain: boolean,
    dryRun: boolean,
    subject: string,
  ): SelectionDecision {
    if (explain) return this.decideExplained(context, route, mode, dryRun, subject, undefined);
    const snapshot = context.snapshot;
    const pools = route.pools;
    for (let index = 0; index < pools.length; index += 1) {
      const pool = this.poolFor(snapshot, pools[index]!);
      const position = selectFromPool(pool, context, dryRun, this.random, this.epoch, this.metricsEpoch);
      if (position !== -1) return this.finish(pool.entries[position]!, pool.key, context, route, mode, dryRun, undefined, null);
    }
    if (route.useFallback && snapshot.settings.fallback.length > 0) {
      const entry = selectFromFallback(context);
      if (entry !== undefined) return this.finish(entry, 'fallback', context, route, mode, dryRun, undefined, null);
    }
    // Nothing qualified: redo it with explanations (touching no state) to build the error.
    return this.decideExplained(context, route, mode, true, subject, undefined);
  }

  private decideExplained(
    context: SelectionContext,
    route: SelectionRoute,
    mode: ResolutionMode,
    dryRun: boolean,
    subject: string,
    chain: { attempt: number; tried: readonly string[]; failover: FailoverRecord } | undefined,
  ): SelectionDecision {
    const snapshot = context.snapshot;
    const steps: ExplanationStep[] = [];
    let chosen: InstanceEntry | undefined;
    let source = '';
    for (const key of route.pools) {
      const pool = this.poolFor(snapshot, key);
      const { position, step } = explainPool(pool, context, dryRun, this.random);
      steps.push(step);
      if (position !== -1) {
        chosen = pool.entries[position]!;
        source = pool.key;
        break;
      }
    }
    if (chosen === undefined && route.useFallback && snapshot.settings.fallback.length > 0) {
      const { entry, step } = explainFallback(context);
      steps.push(step);
      if (entry !== undefined) {
        chosen = entry;
        source = 'fallback';
      }
    }
    const explanation = this.explanation(context, mode, steps, chosen, source, subject, chain?.failover ?? null);
    if (chosen === undefined) throw this.exhausted(context, mode, explanation, subject, chain?.tried);
    return this.finish(chosen, source, context, route, mode, dryRun, chain, explanation);
  }

  private finish(
    entry: InstanceEntry,
    source: string,
    context: SelectionContext,
    route: SelectionRoute,
    mode: ResolutionMode,
    dryRun: boolean,
    chain: { attempt: number; tried: readonly string[]; failover: FailoverRecord } | undefined,
    explanation: SelectionExplanation | null,
  ): SelectionDecision {
    const runtime = entry.runtime;
    if (!dryRun && runtime.breaker.state !== 'closed' && runtime.breaker.admission(context.nowMs, context.snapshot.recoveryMs) === CIRCUIT_PROBE) {
      runtime.breaker.claimProbe(context.nowMs);
      this.epoch += 1;
    }
    const instanceTypes = context.instanceTypes;
    return {
      instance: entry.name,
      providerType: entry.type,
      policy: context.policy,
      mode,
      source,
      attempt: chain === undefined ? 1 : chain.attempt,
      tried: chain === undefined ? [entry.name] : [...chain.tried, entry.name],
      route,
      criteria: context.query.criteria,
      api: context.api ?? null,
      instanceTypes: instanceTypes ?? null,
      availableInstanceTypes:
        instanceTypes === undefined ? null : runtime.blocks.unblockedTypes(context.api, instanceTypes, context.nowMs),
      failover: chain === undefined ? null : chain.failover,
      explanation,
    };
  }

  private explanation(
    context: SelectionContext,
    mode: ResolutionMode,
    steps: readonly ExplanationStep[],
    chosen: InstanceEntry | undefined,
    source: string,
    subject: string,
    failover: FailoverRecord | null,
  ): SelectionExplanation {
    const candidates = steps.flatMap((step) => step.candidates);
    const skipped = candidates.filter((candidate) => candidate.skipped.length > 0).length;
    const after = failover === null ? '' : ` after ${failover.from} failed with ${failover.errorCode}`;
    const summary =
      chosen === undefined
        ? `No provider instance for ${subject}${after}: all ${candidates.length} candidates were skipped`
        : `Selected ${chosen.name} (${chosen.type}) for ${subject} from ${source} by ${context.policy}${after}; ` +
          `${skipped} of ${candidates.length} candidates skipped`;
    return {
      policy: context.policy,
      mode,
      summary,
      criteria: context.query.criteria,
      api: context.api ?? null,
      instanceTypes: context.instanceTypes ?? null,
      steps,
      selected: chosen?.name ?? null,
      decidedAt: new Date(context.nowMs).toISOString(),
    };
  }

  private exhausted(
    context: SelectionContext,
    mode: ResolutionMode,
    explanation: SelectionExplanation,
    subject: string,
    tried: readonly string[] | undefined,
  ): BusinessRuleError {
    const candidates = explanation.steps.flatMap((step) => step.candidates);
    const configured = candidates.filter((candidate) => candidate.providerType !== null);
    const enabled = configured.filter((candidate) => !candidate.skipped.some((detail) => detail.reason === 'disabled'));
    const details = {
      mode,
      policy: context.policy,
      ...(context.api === undefined ? {} : { requested_api: context.api }),
      ...(tried === undefined ? {} : { tried: [...tried] }),
    };
    if (configured.length > 0 && enabled.length === 0) {
      const names = [...new Set(configured.map((candidate) => candidate.instance))].join(', ');
      return noCandidate(
        'NO_ENABLED_PROVIDERS',
        `No enabled provider instance for ${subject}: ${names} ${configured.length === 1 ? 'is' : 'are'} disabled; enable one in the configuration`,
        explanation,
        context.nowMs,
        details,
      );
    }
    if (configured.length === 0 && mode !== 'provider_api') {
      return noCandidate(
        'NO_ENABLED_PROVIDERS',
        `No provider instance is configured for ${subject}; add one under providers.providers`,
        explanation,
        context.nowMs,
        details,
      );
    }
    const reasons = [...new Map(candidates.map((candidate) => [candidate.instance, candidate])).values()]
      .map((candidate) => {
        // What lapses by itself is told in full (what blocks it, why, until when): the caller waits for it.
        const lapses = (detail: (typeof candidate.skipped)[number]) => TRANSIENT_SKIP_REASONS.has(detail.reason) && detail.until !== null;
        const reasons = [
          ...new Set(candidate.skipped.map((detail) => (lapses(detail) ? detail.message.replace(`${candidate.instance}: `, '') : detail.reason.replaceAll('_', ' ')))),
        ];
        return `${candidate.instance} (${reasons.join('; ')})`;
      })
      .join(', ');
    const what = context.api === undefined ? '' : ` with API ${context.api}`;
    const nobodyDeclares = mode === 'provider_api' && explanation.steps[0]?.candidates.length === 0;
    const message = nobodyDeclares
      ? `No configured provider instance declares ${context.api} for ${subject}; add it to an instance's capabilities` +
        (reasons === '' ? '' : ` (fallback candidates: ${reasons})`)
      : `No provider instance can serve ${subject}${what}: ${reasons}`;
    return noCandidate(
      'NO_COMPATIBLE_PROVIDER',
      message,
      explanation,
      context.nowMs,
      details,
    );
  }

  // ---------------------------------------------------------------- outcomes and operations

  /**
   * Records the outcome of an operation on an instance: metrics, the circuit breaker (failures
   * about the request itself, like a bad template or missing capacity, are neutral), recent
   * errors, and a capacity block for capacity, quota, throttling and outage errors. Returns
   * false, recording nothing, when the instance is not registered (any more).
   */
  recordOutcome(instance: string, outcome: OutcomeInput): boolean {
    const runtime = this.runtimes.get(instance);
    if (runtime === undefined) return false;
    const snapshot = this.current;
    const nowMs = this.nowMs();
    const operation = outcome.operation ?? 'UNKNOWN';
    const events: DomainEvent[] = [];
    const breakerBefore = runtime.breaker.state;
    this.metricsEpoch += 1;
    const before = availabilityOf(runtime, nowMs);
    runtime.recordSample(nowMs, { operation, success: outcome.success, latencyMs: outcome.latencyMs, errorCode: outcome.errorCode });
    let reason: string | null = null;
    if (outcome.success) {
      if (runtime.breaker.recordSuccess(nowMs, snapshot.recoveryMs)) {
        events.push(domainEvent('CircuitClosed', { providerInstance: instance }, new Date(nowMs)));
        reason = 'circuit closed after a successful probe';
      }
    } else {
      const code = outcome.errorCode ?? 'UNKNOWN';
      runtime.recordError({
        atMs: nowMs,
        code,
        message: outcome.errorMessage ?? null,
        operation,
        api: outcome.api ?? null,
        instanceType: outcome.instanceType ?? null,
      });
      if (!BREAKER_NEUTRAL_ERROR_CODES.has(code) && runtime.breaker.recordFailure(nowMs, snapshot.settings.circuitBreaker.failureThreshold)) {
        const failures = runtime.breaker.consecutiveFailures;
        events.push(domainEvent('CircuitOpened', { providerInstance: instance, consecutiveFailures: failures }, new Date(nowMs)));
        reason = `circuit opened after ${failures} consecutive failures (last: ${code})`;
      }
      const kind = capacityBlockKindOf(code);
      if (kind !== undefined) {
        this.blockForFailure(snapshot, instance, kind, outcome.api, outcome.instanceType, outcome.retryAfterMs, outcome.errorMessage, nowMs);
      }
    }
    // A circuit that opened or closed changes eligibility for every policy; capacity blocks
    // bump the epoch themselves; anything else only moved the metrics.
    if (runtime.breaker.state !== breakerBefore) this.epoch += 1;
    this.healthEvents(runtime, before, nowMs, events, reason);
    this.emit(events);
    return true;
  }

  /** Counts an operation as active (LEAST_CONNECTIONS) until the handle's `end`. */
  beginOperation(instance: string, operation = 'UNKNOWN'): OperationHandle {
    const runtime = this.runtimes.get(instance);
    const startedAtMs = this.nowMs();
    runtime?.beginOperation(operation);
    this.epoch += 1;
    let ended = false;
    return {
      instance,
      operation,
      tracked: runtime !== undefined,
      end: (outcome) => {
        if (ended || runtime === undefined) return;
        ended = true;
        runtime.endOperation(operation);
        this.epoch += 1;
        if (outcome !== undefined) {
          this.recordOutcome(instance, { latencyMs: this.nowMs() - startedAtMs, ...outcome, operation });
        }
      },
    };
  }

  /** Ends one active operation without a handle (e.g. from another call site); returns the active count. */
  endOperation(instance: string, operation = 'UNKNOWN'): number {
    this.epoch += 1;
    return this.runtimes.get(instance)?.endOperation(operation) ?? 0;
  }

  // ---------------------------------------------------------------- capacity blocks

  private blockForFailure(
    snapshot: EngineSnapshot,
    instance: string,
    kind: CapacityBlockKind,
    api: string | undefined,
    instanceType: string | undefined,
    retryAfterMs: number | undefined,
    reason: string | undefined,
    nowMs: number,
  ): void {
    const runtime = snapshot.byName.get(instance)?.runtime;
    if (runtime === undefined) return;
    const lifetimeMs = retryAfterMs ?? snapshot.settings.capacityBlockTtlSeconds[kind] * 1000;
    if (lifetimeMs <= 0) return;
    const scope = CAPACITY_BLOCK_SCOPES[kind];
    this.epoch += 1;
    runtime.blocks.add({
      instance,
      api: scope === 'instance' ? null : (api ?? null),
      instanceType: scope === 'instance_type' ? (instanceType ?? null) : null,
      kind,
      reason: reason ?? null,
      blockedAtMs: nowMs,
      expiresAtMs: nowMs + lifetimeMs,
    });
  }

  private entryOrThrow(name: string): InstanceEntry {
    const entry = this.current.byName.get(name);
    if (entry === undefined) throw providerNotFound(name, this.current.instances.map((instance) => instance.name));
    return entry;
  }

  /** Blocks exactly the given scope (null/omitted api or instance type: all of them). */
  blockCapacity(input: CapacityBlockInput): CapacityBlockView {
    const entry = this.entryOrThrow(input.instance);
    const snapshot = this.current;
    const nowMs = this.nowMs();
    const kind = input.kind ?? capacityBlockKindOf(input.errorCode) ?? 'insufficient_capacity';
    const seconds = input.ttlSeconds ?? snapshot.settings.capacityBlockTtlSeconds[kind];
    this.epoch += 1;
    const block = entry.runtime.blocks.add({
      instance: entry.name,
      api: input.api ?? null,
      instanceType: input.instanceType ?? null,
      kind,
      reason: input.reason ?? null,
      blockedAtMs: nowMs,
      expiresAtMs: nowMs + seconds * 1000,
    });
    return viewBlock(block);
  }

  /** True when an active block covers this instance, API and instance type. */
  isBlocked(query: CapacityBlockQuery): boolean {
    const runtime = this.current.byName.get(query.instance)?.runtime;
    return runtime !== undefined && runtime.blocks.covers(query.api, query.instanceType, this.nowMs());
  }

  capacityBlocks(instance?: string): readonly CapacityBlockView[] {
    const nowMs = this.nowMs();
    const entries = instance === undefined ? this.current.instances : [this.entryOrThrow(instance)];
    return entries.flatMap((entry) => entry.runtime.blocks.active(nowMs).map(viewBlock));
  }

  /** Removes the block of exactly this scope; true when there was one. */
  unblockCapacity(input: { readonly instance: string; readonly api?: string | null; readonly instanceType?: string | null }): boolean {
    const entry = this.entryOrThrow(input.instance);
    this.epoch += 1;
    return entry.runtime.blocks.remove(input.api ?? null, input.instanceType ?? null);
  }

  /** Drops every block of one instance, or of all; returns how many were dropped. */
  clearCapacityBlocks(instance?: string): number {
    const entries = instance === undefined ? this.current.instances : [this.entryOrThrow(instance)];
    this.epoch += 1;
    return entries.reduce((count, entry) => count + entry.runtime.blocks.clear(), 0);
  }

  // ---------------------------------------------------------------- registration and configuration

  /**
   * Adds an instance (`registerProviderStrategy`). A name already registered is a CONFLICT
   * unless `replace` is set; a replaced instance keeps its metrics, health and breaker.
   */
  registerInstance(input: ProviderInstanceInput, options: { readonly replace?: boolean } = {}): ProviderInstance {
    const descriptor = parseInput(ProviderInstanceSchema, input, 'provider instance');
    const snapshot = this.current;
    const descriptors = snapshot.instances.map((entry) => entry.descriptor);
    if (snapshot.byName.has(descriptor.name)) {
      if (options.replace !== true) {
        throw new BusinessRuleError('CONFLICT', `Provider instance '${descriptor.name}' is already registered; pass replace to change it`, {
          details: { provider: descriptor.name },
        });
      }
      this.swap(
        snapshot.settings,
        descriptors.map((existing) => (existing.name === descriptor.name ? descriptor : existing)),
      );
    } else {
      this.swap(snapshot.settings, [...descriptors, descriptor]);
    }
    return this.current.byName.get(descriptor.name)!.descriptor;
  }

  /** Removes an instance and its run-time state; false when it was not registered. */
  unregisterInstance(name: string): boolean {
    const snapshot = this.current;
    if (!snapshot.byName.has(name)) return false;
    this.swap(
      snapshot.settings,
      snapshot.instances.filter((entry) => entry.name !== name).map((entry) => entry.descriptor),
    );
    return true;
  }

  /** Changes some fields of a registered instance (enable/disable, weight, priority, capabilities). */
  updateInstance(name: string, changes: Partial<Omit<ProviderInstanceInput, 'name'>>): ProviderInstance {
    const entry = this.entryOrThrow(name);
    return this.registerInstance({ ...entry.descriptor, ...stripUndefined(changes), name }, { replace: true });
  }

  /**
   * Changes policy, defaults, fallback, default criteria, breaker settings, block TTLs, random
   * weighting or the selection window (`configureProviderStrategy`). Rotation state carries over.
   */
  configure(changes: EngineConfigurationInput): EngineSettings {
    const parsed = parseInput(EngineConfigurationSchema, changes, 'provider strategy configuration');
    const snapshot = this.current;
    this.swap(applyConfiguration(snapshot.settings, parsed), snapshot.instances.map((entry) => entry.descriptor));
    return this.current.settings;
  }

  /** Records a health report (`updateProviderHealth`) and returns the instance's health. */
  updateHealth(instance: string, update: HealthUpdate): InstanceHealth {
    const parsed = parseInput(HealthUpdateSchema, update, 'health update');
    const entry = this.entryOrThrow(instance);
    const runtime = entry.runtime;
    const nowMs = this.nowMs();
    const before = availabilityOf(runtime, nowMs);
    const record: HealthRecord = Object.freeze({
      healthy: parsed.healthy,
      message: parsed.message ?? null,
      errorDetails: parsed.errorDetails === undefined ? null : Object.freeze({ ...parsed.errorDetails }),
      source: parsed.source ?? null,
      updatedAtMs: nowMs,
      retryAtMs: parsed.healthy || parsed.retryAfterSeconds === undefined ? null : nowMs + parsed.retryAfterSeconds * 1000,
    });
    runtime.setHealth(record);
    this.epoch += 1;
    const events: DomainEvent[] = [];
    this.healthEvents(runtime, before, nowMs, events, null);
    this.emit(events);
    return healthOf(entry, nowMs, this.current.recoveryMs, this.current.windowMs, false);
  }

  // ---------------------------------------------------------------- reports

  /** Health of one instance (`getProviderHealth`). */
  health(instance: string, options?: HealthOptions): InstanceHealth;
  /** Health of every instance, in configuration order. */
  health(instance?: undefined, options?: HealthOptions): readonly InstanceHealth[];
  health(instance?: string, options: HealthOptions = {}): InstanceHealth | readonly InstanceHealth[] {
    const snapshot = this.current;
    const nowMs = this.nowMs();
    const report = (entry: InstanceEntry) => healthOf(entry, nowMs, snapshot.recoveryMs, snapshot.windowMs, options.includeHistory === true);
    return instance === undefined ? snapshot.instances.map(report) : report(this.entryOrThrow(instance));
  }

  /** Metrics of one instance over a window (`getProviderMetrics`). */
  metrics(instance: string, options?: MetricsOptions): InstanceMetrics;
  /** Metrics of every instance, in configuration order. */
  metrics(instance?: undefined, options?: MetricsOptions): readonly InstanceMetrics[];
  metrics(instance?: string, options: MetricsOptions = {}): InstanceMetrics | readonly InstanceMetrics[] {
    const nowMs = this.nowMs();
    if (instance !== undefined) return metricsOf(this.entryOrThrow(instance), nowMs, options);
    return this.current.instances.map((entry) => metricsOf(entry, nowMs, options));
  }

  // ---------------------------------------------------------------- persistence

  /** Everything learned at run time as plain JSON (see `SelectionStateSchema`). */
  exportState(): SelectionState {
    return exportSnapshotState(this.current, this.nowMs());
  }

  /**
   * Restores state exported by this or an earlier version, replacing the state of the
   * instances it names. Instances not configured any more are skipped and reported.
   */
  importState(state: unknown): ImportStateReport {
    const parsed = parseInput(SelectionStateSchema, state, 'selection state');
    this.epoch += 1;
    return importSnapshotState(this.current, parsed, this.nowMs());
  }
}

export function createSelectionEngine(options: SelectionEngineOptions = {}): SelectionEngine {
  return new SelectionEngine(options);
}
