import {
  type AuditLog,
  CommandError,
  type CatalogRepository,
  type PricingConfig,
  randomIdGenerator,
  systemClock,
  type MachineRepository,
  type RequestRepository,
  type StateStore,
  type TemplateRepository,
  type TenancyRepository,
} from '@ohf/domain-core';
import type { SelectionEngine } from '@ohf/selection-engine';
import type { TemplateLoader, ValidationLevel } from '@ohf/template-loader';
import { CommandBus } from '../bus/command-bus.js';
import { EventBus } from '../bus/event-bus.js';
import { auditProviderEvents } from '../events/provider-events-audit.js';
import type { RegisteredMessageType } from '../bus/handler-bus.js';
import { loggingMiddleware } from '../bus/logging-middleware.js';
import type { DispatchOptions } from '../bus/message-map.js';
import { metricsMiddleware } from '../bus/metrics-middleware.js';
import type { Middleware } from '../bus/middleware.js';
import { QueryBus } from '../bus/query-bus.js';
import { validationMiddleware } from '../bus/validation-middleware.js';
import { CatalogPrices } from '../catalog/catalog-prices.js';
import { MachineStateRefresher } from '../orchestration/machine-state-refresher.js';
import { PeriodicHealthCheck } from '../providers/periodic-health-check.js';
import { MachineTermination } from '../orchestration/machine-termination.js';
import {
  DEFAULT_PROVISIONING_SETTINGS,
  type OrchestrationContext,
  type ProvisioningSettings,
} from '../orchestration/orchestration-context.js';
import { RequestTracker } from '../orchestration/request-tracker.js';
import { ReconcileSchedule } from '../reconcile/reconcile-schedule.js';
import { DEFAULT_RECONCILE_SETTINGS, Reconciler, type ReconcileSettings } from '../reconcile/reconciler.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import { silentLogger, type Logger } from '../ports/logger.js';
import { noopMetricsSink, type MetricsSink } from '../ports/metrics-sink.js';
import type { ProviderInstances } from '../ports/provider-instances.js';
import type { SelectionStateStore } from '../ports/selection-state-store.js';
import { SelectionEngineSelector } from '../selection/selection-engine-selector.js';
import { SelectionStatePersistence } from '../selection/selection-state-persistence.js';
import { CatalogSyncSchedule } from '../catalog/catalog-sync-schedule.js';
import { registerCatalogHandlers } from '../catalog/register-catalog-handlers.js';
import type { PriceFileEntry } from '../catalog/price-file.js';
import { registerHandlers } from './register-handlers.js';
import type { ApplicationCommands, ApplicationMessage, ApplicationQueries, ApplicationResult } from './message-types.js';
import { SELECTION_READS, SELECTION_WRITES } from './message-types.js';
import { selectionStateMiddleware } from './selection-state-middleware.js';

export interface ApplicationOptions {
  /** RequestMachines takes its first provisioning step before answering (default true: the CLI). */
  readonly provisionInline?: boolean;
  readonly provisioning?: Partial<ProvisioningSettings>;
  /** Level for template validation when a message does not name one (default LENIENT). */
  readonly templateValidationLevel?: ValidationLevel;
  /** See `SelectionStateMiddlewareOptions.reload`; default `every-message`. */
  readonly selectionStateReload?: 'every-message' | 'first-message';
  /** Milliseconds for latency measurement; default `performance.now`. */
  readonly monotonicNow?: () => number;
  /**
   * Who runs the periodic health checks of `health_check_interval`: `on-messages` (default, the
   * CLI) before the first message using selection once they are due; `worker` (a long-running
   * process) only when RunPeriodicHealthChecks is dispatched.
   */
  readonly periodicHealthChecks?: 'on-messages' | 'worker';
  /** Reconciliation of the instances we launched with storage (`DEFAULT_RECONCILE_SETTINGS`). */
  readonly reconcile?: Partial<ReconcileSettings>;
  /** How often SyncCatalog with `ifDue` reads the providers again; default 6 hours, 0 never. */
  readonly catalogSyncIntervalMs?: number;
}

const DEFAULT_CATALOG_SYNC_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** What the runtime binds; the optional ones have in-process defaults. */
export interface ApplicationDependencies {
  readonly requests: RequestRepository;
  readonly machines: MachineRepository;
  readonly templates: TemplateRepository;
  readonly providers: ProviderInstances;
  /** Built by the runtime from the `providers:` configuration. */
  readonly selection: SelectionEngine;
  /** Keeps selection state between processes; without it each process starts fresh. */
  readonly selectionState?: SelectionStateStore;
  /** Small shared state (when reconciliation last ran); without it each process keeps its own. */
  readonly stateStore?: StateStore;
  /** Template files: source information, refresh and file-aware validation. */
  readonly templateLoader?: TemplateLoader;
  /** The stored catalog (plans, prices); without it nothing is priced and LOWEST_COST cannot rank. */
  readonly catalog?: CatalogRepository;
  /**
   * The audit trail (persistence's `Storage.events`): ListEvents and PruneEvents read and prune
   * it, and events that record no stored change (provider health, circuits) are appended to it.
   * The events of a change are written by the repositories' saves, in the same transaction.
   */
  readonly audit?: AuditLog;
  /** Organizations (quotas); without it RequestMachines checks no quota. */
  readonly tenancy?: TenancyRepository;
  /** `pricing:` from the configuration: currency and markup rules. */
  readonly pricing?: PricingConfig;
  /** The price file's entries (`catalog.price_file`), read at each catalog sync. */
  readonly loadPriceFile?: () => Promise<readonly PriceFileEntry[]>;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly logger?: Logger;
  readonly metrics?: MetricsSink;
  /** Extra middleware, run inside the built-in logging, metrics and validation middleware. */
  readonly middleware?: readonly Middleware[];
  readonly options?: ApplicationOptions;
}

export interface Application {
  readonly commands: CommandBus<ApplicationCommands>;
  readonly queries: QueryBus<ApplicationQueries>;
  readonly events: EventBus;
  /** Sends a command or query to whichever bus handles its type. */
  dispatch<Message extends ApplicationMessage>(message: Message, options?: DispatchOptions): Promise<ApplicationResult<Message['type']>>;
  /** The same, for input not yet known to be a message (parsed CLI/HTTP input). */
  dispatch(message: unknown, options?: DispatchOptions): Promise<unknown>;
  /** Every command and query type with its description. */
  messageTypes(): { readonly commands: readonly RegisteredMessageType[]; readonly queries: readonly RegisteredMessageType[] };
}

/**
 * Builds the buses with every handler registered, over the given ports. The runtime calls it
 * once per process (CLI) or once at start-up (API).
 */
export function createApplication(dependencies: ApplicationDependencies): Application {
  const logger = dependencies.logger ?? silentLogger;
  const metrics = dependencies.metrics ?? noopMetricsSink;
  const options = dependencies.options ?? {};
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const events = new EventBus({ logger, metrics, middleware: [loggingMiddleware({ logger, now: monotonicNow }), metricsMiddleware({ metrics, now: monotonicNow })] });
  const context: OrchestrationContext = {
    requests: dependencies.requests,
    machines: dependencies.machines,
    templates: dependencies.templates,
    providers: dependencies.providers,
    selector: new SelectionEngineSelector(dependencies.selection),
    events,
    clock: dependencies.clock ?? systemClock,
    ids: dependencies.ids ?? randomIdGenerator,
    logger,
    metrics,
    settings: { ...DEFAULT_PROVISIONING_SETTINGS, ...options.provisioning },
    ...(dependencies.audit === undefined ? {} : { audit: dependencies.audit }),
    ...(dependencies.tenancy === undefined ? {} : { tenancy: dependencies.tenancy }),
    ...(dependencies.catalog === undefined ? {} : { prices: new CatalogPrices(dependencies.catalog, dependencies.pricing?.markups ?? []) }),
    monotonicNow,
  };
  const persistence = new SelectionStatePersistence(dependencies.selection, dependencies.selectionState, dependencies.providers, logger);
  const periodicHealthCheck = new PeriodicHealthCheck({ context, selection: dependencies.selection, persistence });
  const middleware: Middleware[] = [
    loggingMiddleware({ logger, now: monotonicNow }),
    metricsMiddleware({ metrics, now: monotonicNow }),
    validationMiddleware(),
    selectionStateMiddleware({
      persistence,
      reads: SELECTION_READS,
      writes: SELECTION_WRITES,
      ...(options.selectionStateReload === undefined ? {} : { reload: options.selectionStateReload }),
      ...(options.periodicHealthChecks === 'worker' ? {} : { periodicHealthCheck }),
    }),
    ...(dependencies.middleware ?? []),
  ];
  if (dependencies.audit !== undefined) auditProviderEvents(events, dependencies.audit, dependencies.providers);
  const commands = new CommandBus<ApplicationCommands>({ middleware });
  const queries = new QueryBus<ApplicationQueries>({ middleware });
  const tracker = new RequestTracker(context);
  const reconcileSettings = { ...DEFAULT_RECONCILE_SETTINGS, ...options.reconcile };
  registerHandlers({
    reconciler: new Reconciler(context, reconcileSettings),
    reconcileSchedule: new ReconcileSchedule(reconcileSettings.intervalMs, context.clock, dependencies.stateStore),
    commands,
    queries,
    context,
    tracker,
    refresher: new MachineStateRefresher(context),
    termination: new MachineTermination(context),
    selection: dependencies.selection,
    persistence,
    periodicHealthCheck,
    ...(dependencies.templateLoader === undefined ? {} : { templateLoader: dependencies.templateLoader }),
    provisionInline: options.provisionInline ?? true,
    templateValidationLevel: options.templateValidationLevel ?? 'LENIENT',
  });
  registerCatalogHandlers({
    commands,
    queries,
    context,
    catalog: dependencies.catalog,
    markups: dependencies.pricing?.markups ?? [],
    schedule: new CatalogSyncSchedule(options.catalogSyncIntervalMs ?? DEFAULT_CATALOG_SYNC_INTERVAL_MS, context.clock, dependencies.stateStore),
    ...(dependencies.loadPriceFile === undefined ? {} : { loadPriceFile: dependencies.loadPriceFile }),
  });

  async function dispatch(message: unknown, dispatchOptions?: DispatchOptions): Promise<unknown> {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && queries.has(type)) return queries.execute(message, dispatchOptions);
    if (typeof type === 'string' && !commands.has(type)) {
      const knownCommands = commands.registeredTypes().map((entry) => entry.type);
      const knownQueries = queries.registeredTypes().map((entry) => entry.type);
      throw new CommandError(
        'VALIDATION_ERROR',
        `Unknown message "${type}". Known commands: ${knownCommands.join(', ')}. Known queries: ${knownQueries.join(', ')}.`,
        { details: { type, known: [...knownCommands, ...knownQueries].sort(), known_commands: knownCommands, known_queries: knownQueries } },
      );
    }
    return commands.execute(message, dispatchOptions);
  }

  return {
    commands,
    queries,
    events,
    dispatch: dispatch as Application['dispatch'],
    messageTypes: () => ({ commands: commands.registeredTypes(), queries: queries.registeredTypes() }),
  };
}
