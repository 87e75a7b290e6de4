export { VERSION } from './version.js';

// Buses and middleware
export { CommandBus } from './bus/command-bus.js';
export { QueryBus } from './bus/query-bus.js';
export { HandlerBus, type HandlerBusOptions, type RegisteredMessageType } from './bus/handler-bus.js';
export { EventBus, type EventBusOptions, type EventSubscriber } from './bus/event-bus.js';
export {
  composeMiddleware,
  type Middleware,
  type MessageEnvelope,
  type NextMiddleware,
  type EnvelopeKind,
} from './bus/middleware.js';
export type {
  DispatchOptions,
  HandlerContext,
  MessageHandler,
  MessageKind,
  MessageMap,
  MessageRegistration,
  MessageTypeEntry,
} from './bus/message-map.js';
export { validationMiddleware, toValidationIssues, type ValidationIssue } from './bus/validation-middleware.js';
export { loggingMiddleware, type LoggingMiddlewareOptions } from './bus/logging-middleware.js';
export { metricsMiddleware, type MetricsMiddlewareOptions } from './bus/metrics-middleware.js';

// Ports
export { Logger, silentLogger } from './ports/logger.js';
export { MetricsSink, noopMetricsSink, APPLICATION_METRICS, type MetricLabels } from './ports/metrics-sink.js';
export { Clock, IdGenerator } from './ports/clock.js';
export {
  ProviderInstances,
  type ProviderInstanceDescriptor,
  type ProviderInstanceRegistration,
} from './ports/provider-instances.js';
export {
  SelectionStateStore,
  SELECTION_STATE_KEY,
  selectionStateStoreFrom,
} from './ports/selection-state-store.js';

// In-memory adapters (tests and in-process use)
export { InMemoryRequestRepository } from './adapters/in-memory-request-repository.js';
export { InMemoryMachineRepository } from './adapters/in-memory-machine-repository.js';
export { InMemoryTemplateRepository } from './adapters/in-memory-template-repository.js';
export { InMemoryStateStore } from './adapters/in-memory-state-store.js';
export { InMemoryProviderInstances, type InMemoryProviderInstance } from './adapters/in-memory-provider-instances.js';
export { InMemoryMetricsSink, type RecordedMetric } from './adapters/in-memory-metrics-sink.js';
export { MemoryLogger, type LogEntry } from './adapters/memory-logger.js';
export { ManualClock } from './adapters/manual-clock.js';
export { SequentialIdGenerator } from './adapters/sequential-id-generator.js';

// The application
export {
  createApplication,
  type Application,
  type ApplicationDependencies,
  type ApplicationOptions,
} from './application/create-application.js';
export {
  SELECTION_READS,
  SELECTION_WRITES,
  type ApplicationCommands,
  type ApplicationQueries,
  type ApplicationMessage,
  type ApplicationMessageType,
  type ApplicationResult,
  type CommandType,
  type QueryType,
} from './application/message-types.js';
export { selectionStateMiddleware, type SelectionStateMiddlewareOptions } from './application/selection-state-middleware.js';
export {
  DEFAULT_PROVISIONING_SETTINGS,
  type ProvisioningSettings,
  type OrchestrationContext,
} from './orchestration/orchestration-context.js';
export { ProvisioningService, type ProvisionProgress } from './orchestration/provisioning-service.js';
export { RequestTracker, type TrackOptions } from './orchestration/request-tracker.js';
export { MachineStateRefresher, type RefreshResult, type RefreshProblem } from './orchestration/machine-state-refresher.js';
export { MachineTermination, type TerminationResult } from './orchestration/machine-termination.js';
export { evaluateAcquireRequest, evaluateReturnRequest, type RequestVerdict } from './orchestration/request-evaluation.js';
export { classifyFailure, type FailureClass } from './orchestration/failure-classification.js';
export type {
  ProviderSelector,
  ProviderChoice,
  ChooseInput,
  ProvisionFailure,
  ProviderCallOutcome,
  ProviderPreference,
} from './orchestration/provider-selector.js';
export { SelectionEngineSelector } from './selection/selection-engine-selector.js';
export { SelectionStatePersistence } from './selection/selection-state-persistence.js';
export { PROVIDER_OPERATIONS, type ProviderOperation } from './orchestration/provider-operations.js';
export type { StoredSelection } from './orchestration/stored-selection.js';
export type { MachineReference } from './orchestration/machine-resolver.js';
export type { TrackedRequest } from './orchestration/request-tracker.js';
export type { TerminationPlan } from './orchestration/machine-termination.js';

// Commands and queries: schemas, messages, results, handlers
export {
  RequestMachinesSchema,
  RequestMachinesHandler,
  type RequestMachinesCommand,
  type RequestMachinesResult,
  type RequestMachinesDependencies,
} from './requests/request-machines.js';
export {
  ProvisionRequestSchema,
  ProvisionRequestHandler,
  type ProvisionRequestCommand,
  type ProvisionRequestResult,
} from './requests/provision-request.js';
export {
  ReturnMachinesSchema,
  ReturnMachinesHandler,
  type ReturnMachinesCommand,
  type ReturnMachinesResult,
  type ReturnMachinesDependencies,
} from './requests/return-machines.js';
export {
  GetRequestStatusSchema,
  GetRequestStatusHandler,
  type GetRequestStatusCommand,
  type GetRequestStatusResult,
} from './requests/get-request-status.js';
export {
  GetReturnRequestsSchema,
  GetReturnRequestsHandler,
  type GetReturnRequestsCommand,
  type GetReturnRequestsResult,
  type ReclaimedMachine,
  type GoneHost,
} from './requests/get-return-requests.js';
export {
  CancelRequestSchema,
  CancelRequestHandler,
  type CancelRequestCommand,
  type CancelRequestResult,
  type ReleasedAtInstance,
} from './requests/cancel-request.js';
export {
  ReconcileMachinesSchema,
  ReconcileMachinesHandler,
  type ReconcileMachinesCommand,
  type ReconcileMachinesResult,
} from './reconcile/reconcile-machines.js';
export {
  Reconciler,
  DEFAULT_RECONCILE_SETTINGS,
  type ReconcileSettings,
  type ReconcileReport,
  type ReconcileOptions,
  type ReconcileAction,
  type ReconciledInstance,
  type ProviderReconcileSummary,
} from './reconcile/reconciler.js';
export { ReconcileSchedule, RECONCILE_STATE_KEY, type ReconcileState } from './reconcile/reconcile-schedule.js';
export { MachineLookup, type LookupResult, type FoundInstance, type LookupProblem } from './orchestration/machine-lookup.js';
export { ListRequestsSchema, ListRequestsHandler, type ListRequestsQuery, type ListRequestsResult } from './requests/list-requests.js';
export { GetRequestSchema, GetRequestHandler, type GetRequestQuery, type GetRequestResult } from './requests/get-request.js';
export { ListMachinesSchema, ListMachinesHandler, type ListMachinesQuery, type ListMachinesResult } from './machines/list-machines.js';
export { GetMachineSchema, GetMachineHandler, type GetMachineQuery } from './machines/get-machine.js';
export {
  ListTemplatesSchema,
  ListTemplatesHandler,
  type ListTemplatesQuery,
  type ListTemplatesResult,
} from './templates/list-templates.js';
export {
  GetTemplateSchema,
  GetTemplateHandler,
  type GetTemplateQuery,
  type GetTemplateResult,
  type TemplateSourceInfo,
} from './templates/get-template.js';
export {
  GetTemplateUsageSchema,
  GetTemplateUsageHandler,
  type GetTemplateUsageQuery,
  type GetTemplateUsageResult,
} from './templates/get-template-usage.js';
export { templateUsage, MACHINE_STATES_HOLDING_A_PLACE } from './orchestration/template-usage.js';
export {
  ValidateTemplateSchema,
  ValidateTemplateHandler,
  type ValidateTemplateQuery,
  type ValidateTemplateResult,
  type ValidationFinding,
  type ValidateTemplateDependencies,
} from './templates/validate-template.js';
export {
  CreateTemplateSchema,
  CreateTemplateHandler,
  type CreateTemplateCommand,
  type TemplateWriteResult,
} from './templates/create-template.js';
export { UpdateTemplateSchema, UpdateTemplateHandler, type UpdateTemplateCommand } from './templates/update-template.js';
export {
  DeleteTemplateSchema,
  DeleteTemplateHandler,
  type DeleteTemplateCommand,
  type DeleteTemplateResult,
} from './templates/delete-template.js';
export {
  RefreshTemplatesSchema,
  RefreshTemplatesHandler,
  type RefreshTemplatesCommand,
  type RefreshTemplatesResult,
  type TemplateFileSummary,
} from './templates/refresh-templates.js';
export {
  GetProviderHealthSchema,
  GetProviderHealthHandler,
  checkProviderHealth,
  type HealthCheckOutcome,
  type GetProviderHealthQuery,
  type GetProviderHealthResult,
  type ProviderHealthReport,
} from './providers/provider-health.js';
export {
  ListAvailableProvidersSchema,
  ListAvailableProvidersHandler,
  type ListAvailableProvidersQuery,
  type ListAvailableProvidersResult,
  type AvailableProvider,
} from './providers/list-available-providers.js';
export {
  GetProviderMetricsSchema,
  GetProviderMetricsHandler,
  type GetProviderMetricsQuery,
  type GetProviderMetricsResult,
} from './providers/provider-metrics.js';
export {
  GetProviderCapabilitiesSchema,
  GetProviderCapabilitiesHandler,
  type GetProviderCapabilitiesQuery,
  type GetProviderCapabilitiesResult,
  type ProviderCapabilitiesReport,
} from './providers/provider-capabilities.js';
export {
  PeriodicHealthCheck,
  RunPeriodicHealthChecksSchema,
  RunPeriodicHealthChecksHandler,
  type PeriodicHealthCheckResult,
  type RunPeriodicHealthChecksCommand,
} from './providers/periodic-health-check.js';
export {
  ListProviderTemplatesSchema,
  ListProviderTemplatesHandler,
  canServe,
  type ListProviderTemplatesQuery,
  type ListProviderTemplatesResult,
  type ServingInstance,
  type ResolutionDefaults,
} from './providers/provider-templates.js';
export {
  PROVIDER_OPERATION_TYPES,
  SelectProviderStrategySchema,
  SelectProviderStrategyHandler,
  type ProviderOperationType,
  type SelectProviderStrategyCommand,
  type SelectProviderStrategyResult,
} from './providers/select-provider-strategy.js';
export {
  ExecuteProviderOperationSchema,
  ExecuteProviderOperationHandler,
  type ExecuteProviderOperationCommand,
  type ExecuteProviderOperationResult,
  type ExecuteProviderOperationDependencies,
} from './providers/execute-provider-operation.js';
export {
  RegisterProviderStrategySchema,
  RegisterProviderStrategyHandler,
  type RegisterProviderStrategyCommand,
  type RegisterProviderStrategyResult,
} from './providers/register-provider-strategy.js';
export {
  UpdateProviderHealthSchema,
  UpdateProviderHealthHandler,
  type UpdateProviderHealthCommand,
  type UpdateProviderHealthResult,
} from './providers/update-provider-health.js';
export {
  ConfigureProviderStrategySchema,
  ConfigureProviderStrategyHandler,
  type ConfigureProviderStrategyCommand,
  type ConfigureProviderStrategyResult,
} from './providers/configure-provider-strategy.js';

// Host Factory words
export {
  toHostFactoryRequestStatus,
  toHostFactoryMachineStatus,
  toHostFactoryMachineResult,
  toHostFactoryMachine,
  toHostFactoryRequest,
  toHostFactoryLookup,
  toHostFactoryStatusResponse,
  toHostFactoryReturnRequests,
  type HostFactoryRequestStatus,
  type HostFactoryMachineResult,
  type HostFactoryMachineStatus,
  type HostFactoryMachine,
  type HostFactoryRequest,
  type HostFactoryReturnRequests,
} from './host-factory/host-factory-status.js';
export { firstStepMessage } from './host-factory/first-step-message.js';
