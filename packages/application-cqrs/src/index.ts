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
