export { VERSION } from './version.js';

// The application: its buses behind one dispatch, typed by the message map
export {
  createApplication,
  type Application,
  type ApplicationDependencies,
  type ApplicationOptions,
} from './application/create-application.js';
export type {
  ApplicationCommands,
  ApplicationQueries,
  ApplicationMessage,
  ApplicationMessageType,
  ApplicationResult,
  CommandType,
  QueryType,
} from './application/message-types.js';
export type { DispatchOptions, HandlerContext } from './bus/message-map.js';
export { newEventId } from './events/event-id.js';
export type { ListEventsResult } from './events/list-events.js';
export type { PruneEventsResult } from './events/prune-events.js';
export type { Middleware, MessageEnvelope, NextMiddleware } from './bus/middleware.js';
export type { ProvisioningSettings } from './orchestration/orchestration-context.js';
export type { ReconcileSettings } from './reconcile/reconciler.js';

// Results the apps name
export type { GetRequestResult } from './requests/get-request.js';
export type { TrackedRequest } from './orchestration/request-tracker.js';
export type { PerformMachineActionResult } from './machines/perform-machine-action.js';

// Ports the runtime binds
export { Logger, silentLogger } from './ports/logger.js';
export { MetricsSink, noopMetricsSink, APPLICATION_METRICS, type MetricLabels } from './ports/metrics-sink.js';
export { Clock, IdGenerator } from './ports/clock.js';
export {
  ProviderInstances,
  type ProviderInstanceDescriptor,
  type ProviderInstanceRegistration,
} from './ports/provider-instances.js';
export { SelectionStateStore, selectionStateStoreFrom } from './ports/selection-state-store.js';

// Host Factory words
export { toHostFactoryStatusResponse, toHostFactoryReturnRequests } from './host-factory/host-factory-status.js';
export { firstStepMessage } from './host-factory/first-step-message.js';

// Catalog and prices
export { CatalogPrices } from './catalog/catalog-prices.js';
export { resolveAgainst, type PlanTarget, type ResolvedTemplate } from './catalog/plan-resolution.js';
export { PlanIndex } from './catalog/plan-index.js';
export { PriceFileSchema, PriceFileEntrySchema, applyPriceFile, type PriceFile, type PriceFileEntry } from './catalog/price-file.js';
export type { SyncCatalogResult, ProviderSyncOutcome } from './catalog/sync-catalog.js';
export type { ListCatalogPlansResult } from './catalog/list-catalog-plans.js';
export type { ListCatalogRegionsResult, ListCatalogImagesResult, ListCatalogAppsResult } from './catalog/list-catalog-entries.js';
export type { EffectiveMarkupRule, ListMarkupRulesResult } from './catalog/markup-rules.js';
export { planView, type PlanView } from './catalog/plan-view.js';
