import type { Machine } from '@ohf/domain-core';
import type { z } from 'zod';
import type { CatalogCommands, CatalogQueries } from '../catalog/catalog-message-types.js';
import type { ListEventsResult, ListEventsSchema } from '../events/list-events.js';
import type { PruneEventsResult, PruneEventsSchema } from '../events/prune-events.js';
import type { GetMachineSchema } from '../machines/get-machine.js';
import type { GetCostsResult, GetCostsSchema } from '../machines/get-costs.js';
import type { ListMachinesResult, ListMachinesSchema } from '../machines/list-machines.js';
import type { PerformMachineActionResult, PerformMachineActionSchema } from '../machines/perform-machine-action.js';
import type { ConfigureProviderStrategyResult, ConfigureProviderStrategySchema } from '../providers/configure-provider-strategy.js';
import type { ExecuteProviderOperationResult, ExecuteProviderOperationSchema } from '../providers/execute-provider-operation.js';
import type { ListAvailableProvidersResult, ListAvailableProvidersSchema } from '../providers/list-available-providers.js';
import type { GetProviderCapabilitiesResult, GetProviderCapabilitiesSchema } from '../providers/provider-capabilities.js';
import type { GetProviderHealthResult, GetProviderHealthSchema } from '../providers/provider-health.js';
import type { PeriodicHealthCheckResult, RunPeriodicHealthChecksSchema } from '../providers/periodic-health-check.js';
import type { GetProviderMetricsResult, GetProviderMetricsSchema } from '../providers/provider-metrics.js';
import type { ListProviderTemplatesResult, ListProviderTemplatesSchema } from '../providers/provider-templates.js';
import type { RegisterProviderStrategyResult, RegisterProviderStrategySchema } from '../providers/register-provider-strategy.js';
import type { SelectProviderStrategyResult, SelectProviderStrategySchema } from '../providers/select-provider-strategy.js';
import type { UpdateProviderHealthResult, UpdateProviderHealthSchema } from '../providers/update-provider-health.js';
import type { ReconcileMachinesResult, ReconcileMachinesSchema } from '../reconcile/reconcile-machines.js';
import type { CancelRequestResult, CancelRequestSchema } from '../requests/cancel-request.js';
import type { GetRequestResult, GetRequestSchema } from '../requests/get-request.js';
import type { GetRequestStatusResult, GetRequestStatusSchema } from '../requests/get-request-status.js';
import type { GetReturnRequestsResult, GetReturnRequestsSchema } from '../requests/get-return-requests.js';
import type { ListRequestsResult, ListRequestsSchema } from '../requests/list-requests.js';
import type { ProvisionRequestResult, ProvisionRequestSchema } from '../requests/provision-request.js';
import type { RequestMachinesResult, RequestMachinesSchema } from '../requests/request-machines.js';
import type { ReturnMachinesResult, ReturnMachinesSchema } from '../requests/return-machines.js';
import type { CreateTemplateSchema, TemplateWriteResult } from '../templates/create-template.js';
import type { DeleteTemplateResult, DeleteTemplateSchema } from '../templates/delete-template.js';
import type { GetTemplateResult, GetTemplateSchema } from '../templates/get-template.js';
import type { ListTemplatesResult, ListTemplatesSchema } from '../templates/list-templates.js';
import type { GetTemplateUsageResult, GetTemplateUsageSchema } from '../templates/get-template-usage.js';
import type { RefreshTemplatesResult, RefreshTemplatesSchema } from '../templates/refresh-templates.js';
import type { UpdateTemplateSchema } from '../templates/update-template.js';
import type { ValidateTemplateResult, ValidateTemplateSchema } from '../templates/validate-template.js';

/** A message type: what callers send (defaults optional), what the handler gets, what it returns. */
interface Entry<Schema extends z.ZodType<{ readonly type: string }, unknown>, Result> {
  readonly input: z.input<Schema> & { readonly type: z.output<Schema>['type'] };
  readonly message: z.output<Schema>;
  readonly result: Result;
}

/**
 * For schemas that first rewrite their input (snake_case keys, Host Factory shapes, capability
 * flags): callers send the camelCase fields or the strategy guide's snake_case ones; the schema
 * is the judge.
 */
interface LooseEntry<Schema extends z.ZodType<{ readonly type: string }, unknown>, Result> {
  readonly input: { readonly type: z.output<Schema>['type'] } & Readonly<Record<string, unknown>>;
  readonly message: z.output<Schema>;
  readonly result: Result;
}

/** Every command: messages that change state (status polls included: they continue work and record what they learn). */
export interface ApplicationCommands extends CatalogCommands {
  RequestMachines: Entry<typeof RequestMachinesSchema, RequestMachinesResult>;
  ProvisionRequest: Entry<typeof ProvisionRequestSchema, ProvisionRequestResult>;
  ReturnMachines: Entry<typeof ReturnMachinesSchema, ReturnMachinesResult>;
  PerformMachineAction: Entry<typeof PerformMachineActionSchema, PerformMachineActionResult>;
  GetRequestStatus: LooseEntry<typeof GetRequestStatusSchema, GetRequestStatusResult>;
  GetReturnRequests: Entry<typeof GetReturnRequestsSchema, GetReturnRequestsResult>;
  CancelRequest: Entry<typeof CancelRequestSchema, CancelRequestResult>;
  ReconcileMachines: Entry<typeof ReconcileMachinesSchema, ReconcileMachinesResult>;
  CreateTemplate: Entry<typeof CreateTemplateSchema, TemplateWriteResult>;
  UpdateTemplate: Entry<typeof UpdateTemplateSchema, TemplateWriteResult>;
  DeleteTemplate: Entry<typeof DeleteTemplateSchema, DeleteTemplateResult>;
  RefreshTemplates: Entry<typeof RefreshTemplatesSchema, RefreshTemplatesResult>;
  ExecuteProviderOperation: LooseEntry<typeof ExecuteProviderOperationSchema, ExecuteProviderOperationResult>;
  SelectProviderStrategy: LooseEntry<typeof SelectProviderStrategySchema, SelectProviderStrategyResult>;
  RegisterProviderStrategy: LooseEntry<typeof RegisterProviderStrategySchema, RegisterProviderStrategyResult>;
  UpdateProviderHealth: LooseEntry<typeof UpdateProviderHealthSchema, UpdateProviderHealthResult>;
  ConfigureProviderStrategy: LooseEntry<typeof ConfigureProviderStrategySchema, ConfigureProviderStrategyResult>;
  RunPeriodicHealthChecks: Entry<typeof RunPeriodicHealthChecksSchema, PeriodicHealthCheckResult>;
  PruneEvents: Entry<typeof PruneEventsSchema, PruneEventsResult>;
}

/** Every query: messages that only read (provider health checks aside, which record what they learn). */
export interface ApplicationQueries extends CatalogQueries {
  ListRequests: Entry<typeof ListRequestsSchema, ListRequestsResult>;
  GetRequest: Entry<typeof GetRequestSchema, GetRequestResult>;
  ListMachines: Entry<typeof ListMachinesSchema, ListMachinesResult>;
  GetMachine: Entry<typeof GetMachineSchema, Machine>;
  GetCosts: Entry<typeof GetCostsSchema, GetCostsResult>;
  ListTemplates: Entry<typeof ListTemplatesSchema, ListTemplatesResult>;
  GetTemplate: Entry<typeof GetTemplateSchema, GetTemplateResult>;
  GetTemplateUsage: Entry<typeof GetTemplateUsageSchema, GetTemplateUsageResult>;
  ValidateTemplate: Entry<typeof ValidateTemplateSchema, ValidateTemplateResult>;
  GetProviderHealth: LooseEntry<typeof GetProviderHealthSchema, GetProviderHealthResult>;
  ListAvailableProviders: LooseEntry<typeof ListAvailableProvidersSchema, ListAvailableProvidersResult>;
  GetProviderMetrics: LooseEntry<typeof GetProviderMetricsSchema, GetProviderMetricsResult>;
  GetProviderCapabilities: LooseEntry<typeof GetProviderCapabilitiesSchema, GetProviderCapabilitiesResult>;
  ListProviderTemplates: LooseEntry<typeof ListProviderTemplatesSchema, ListProviderTemplatesResult>;
  ListEvents: Entry<typeof ListEventsSchema, ListEventsResult>;
}

export type CommandType = keyof ApplicationCommands;
export type QueryType = keyof ApplicationQueries;
export type ApplicationMessageType = CommandType | QueryType;

type AllMessages = ApplicationCommands & ApplicationQueries;

/** Any command or query as a caller sends it. */
export type ApplicationMessage = { [Type in ApplicationMessageType]: AllMessages[Type]['input'] }[ApplicationMessageType];

/** The result of a command or query by its type. */
export type ApplicationResult<Type extends string> = Type extends ApplicationMessageType ? AllMessages[Type]['result'] : unknown;

/** Message types whose handlers use provider selection (its state is loaded first). */
export const SELECTION_READS: ReadonlySet<string> = new Set<ApplicationMessageType>([
  'RequestMachines',
  'ProvisionRequest',
  'GetRequestStatus',
  'ReturnMachines',
  'GetReturnRequests',
  'CancelRequest',
  'ValidateTemplate',
  'ExecuteProviderOperation',
  'SelectProviderStrategy',
  'RegisterProviderStrategy',
  'UpdateProviderHealth',
  'ConfigureProviderStrategy',
  'RunPeriodicHealthChecks',
  'GetProviderHealth',
  'ListAvailableProviders',
  'GetProviderMetrics',
  'GetProviderCapabilities',
  'ListProviderTemplates',
]);

/** Message types that change selection state (saved after them, except dry runs). */
export const SELECTION_WRITES: ReadonlySet<string> = new Set<ApplicationMessageType>([
  'RequestMachines',
  'ProvisionRequest',
  'GetRequestStatus',
  'ReturnMachines',
  'GetReturnRequests',
  'CancelRequest',
  'ValidateTemplate',
  'ExecuteProviderOperation',
  'SelectProviderStrategy',
  'RegisterProviderStrategy',
  'UpdateProviderHealth',
  'ConfigureProviderStrategy',
  'RunPeriodicHealthChecks',
  'GetProviderHealth',
]);
