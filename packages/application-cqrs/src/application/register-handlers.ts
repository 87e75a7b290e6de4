import type { SelectionEngine } from '@ohf/selection-engine';
import type { TemplateLoader, ValidationLevel } from '@ohf/template-loader';
import type { CommandBus } from '../bus/command-bus.js';
import type { QueryBus } from '../bus/query-bus.js';
import { ListEventsHandler, ListEventsSchema } from '../events/list-events.js';
import { PruneEventsHandler, PruneEventsSchema } from '../events/prune-events.js';
import { GetCostsHandler, GetCostsSchema } from '../machines/get-costs.js';
import { GetMachineHandler, GetMachineSchema } from '../machines/get-machine.js';
import { ListMachinesHandler, ListMachinesSchema } from '../machines/list-machines.js';
import { PerformMachineActionHandler, PerformMachineActionSchema } from '../machines/perform-machine-action.js';
import type { MachineStateRefresher } from '../orchestration/machine-state-refresher.js';
import type { MachineTermination } from '../orchestration/machine-termination.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import type { RequestTracker } from '../orchestration/request-tracker.js';
import { ConfigureProviderStrategyHandler, ConfigureProviderStrategySchema } from '../providers/configure-provider-strategy.js';
import { ExecuteProviderOperationHandler, ExecuteProviderOperationSchema } from '../providers/execute-provider-operation.js';
import { ListAvailableProvidersHandler, ListAvailableProvidersSchema } from '../providers/list-available-providers.js';
import { GetProviderCapabilitiesHandler, GetProviderCapabilitiesSchema } from '../providers/provider-capabilities.js';
import { GetProviderHealthHandler, GetProviderHealthSchema } from '../providers/provider-health.js';
import { type PeriodicHealthCheck, RunPeriodicHealthChecksHandler, RunPeriodicHealthChecksSchema } from '../providers/periodic-health-check.js';
import { GetProviderMetricsHandler, GetProviderMetricsSchema } from '../providers/provider-metrics.js';
import { ListProviderTemplatesHandler, ListProviderTemplatesSchema } from '../providers/provider-templates.js';
import { RegisterProviderStrategyHandler, RegisterProviderStrategySchema } from '../providers/register-provider-strategy.js';
import { SelectProviderStrategyHandler, SelectProviderStrategySchema } from '../providers/select-provider-strategy.js';
import { UpdateProviderHealthHandler, UpdateProviderHealthSchema } from '../providers/update-provider-health.js';
import { CancelRequestHandler, CancelRequestSchema } from '../requests/cancel-request.js';
import { GetRequestHandler, GetRequestSchema } from '../requests/get-request.js';
import { GetRequestStatusHandler, GetRequestStatusSchema } from '../requests/get-request-status.js';
import { GetReturnRequestsHandler, GetReturnRequestsSchema } from '../requests/get-return-requests.js';
import { ListRequestsHandler, ListRequestsSchema } from '../requests/list-requests.js';
import { ProvisionRequestHandler, ProvisionRequestSchema } from '../requests/provision-request.js';
import { OrganizationQuotaCheck } from '../requests/organization-quotas.js';
import { RequestMachinesHandler, RequestMachinesSchema } from '../requests/request-machines.js';
import { ReturnMachinesHandler, ReturnMachinesSchema } from '../requests/return-machines.js';
import { ReconcileMachinesHandler, ReconcileMachinesSchema } from '../reconcile/reconcile-machines.js';
import type { ReconcileSchedule } from '../reconcile/reconcile-schedule.js';
import type { Reconciler } from '../reconcile/reconciler.js';
import type { SelectionStatePersistence } from '../selection/selection-state-persistence.js';
import { CreateTemplateHandler, CreateTemplateSchema } from '../templates/create-template.js';
import { DeleteTemplateHandler, DeleteTemplateSchema } from '../templates/delete-template.js';
import { GetTemplateHandler, GetTemplateSchema } from '../templates/get-template.js';
import { ListTemplatesHandler, ListTemplatesSchema } from '../templates/list-templates.js';
import { GetTemplateUsageHandler, GetTemplateUsageSchema } from '../templates/get-template-usage.js';
import { RefreshTemplatesHandler, RefreshTemplatesSchema } from '../templates/refresh-templates.js';
import { UpdateTemplateHandler, UpdateTemplateSchema } from '../templates/update-template.js';
import { ValidateTemplateHandler, ValidateTemplateSchema } from '../templates/validate-template.js';
import type { ApplicationCommands, ApplicationQueries } from './message-types.js';

export interface HandlerWiring {
  readonly commands: CommandBus<ApplicationCommands>;
  readonly queries: QueryBus<ApplicationQueries>;
  readonly context: OrchestrationContext;
  readonly tracker: RequestTracker;
  readonly refresher: MachineStateRefresher;
  readonly termination: MachineTermination;
  readonly selection: SelectionEngine;
  readonly persistence: SelectionStatePersistence;
  readonly periodicHealthCheck: PeriodicHealthCheck;
  readonly templateLoader?: TemplateLoader;
  readonly provisionInline: boolean;
  readonly templateValidationLevel: ValidationLevel;
  readonly reconciler: Reconciler;
  readonly reconcileSchedule: ReconcileSchedule;
}

/** One handler per message type, each given only the ports it uses. */
export function registerHandlers(wiring: HandlerWiring): void {
  const { commands, queries, context, tracker, selection, templateLoader } = wiring;
  const level = wiring.templateValidationLevel;
  const loader = templateLoader === undefined ? {} : { templateLoader };

  const requestMachines = new RequestMachinesHandler({ context, tracker, provisionInline: wiring.provisionInline, quotas: new OrganizationQuotaCheck(context) });
  const returnMachines = new ReturnMachinesHandler({ context, termination: wiring.termination });
  const validateTemplate = new ValidateTemplateHandler({ context, defaultLevel: level, ...loader });
  const getMachine = new GetMachineHandler({ machines: context.machines });

  commands
    .register({ type: 'RequestMachines', schema: RequestMachinesSchema, description: 'Request machines from a template (Host Factory requestMachines).' }, requestMachines)
    .register(
      { type: 'ProvisionRequest', schema: ProvisionRequestSchema, description: 'Take the next provisioning step of an acquire request (background workers).' },
      new ProvisionRequestHandler({ tracker }),
    )
    .register(
      { type: 'PerformMachineAction', schema: PerformMachineActionSchema, description: 'Boot, shut down or reboot one machine through its provider.' },
      new PerformMachineActionHandler({ context, refresher: wiring.refresher, getMachine }),
    )
    .register({ type: 'ReturnMachines', schema: ReturnMachinesSchema, description: 'Terminate machines through a return request (requestReturnMachines).' }, returnMachines)
    .register(
      { type: 'GetRequestStatus', schema: GetRequestStatusSchema, description: 'Continue, refresh and report requests (getRequestStatus).' },
      new GetRequestStatusHandler({
        tracker,
        reconciliation: { reconciler: wiring.reconciler, schedule: wiring.reconcileSchedule, logger: context.logger },
      }),
    )
    .register(
      { type: 'ReconcileMachines', schema: ReconcileMachinesSchema, description: 'Compare the instances we launched with storage: adopt, report, terminate.' },
      new ReconcileMachinesHandler({ reconciler: wiring.reconciler, schedule: wiring.reconcileSchedule }),
    )
    .register(
      { type: 'GetReturnRequests', schema: GetReturnRequestsSchema, description: 'Machines ended outside a return request (getReturnRequests).' },
      new GetReturnRequestsHandler({ context, refresher: wiring.refresher }),
    )
    .register(
      { type: 'CancelRequest', schema: CancelRequestSchema, description: 'Stop provisioning of an unfinished acquire request.' },
      new CancelRequestHandler({ context, returnMachines }),
    )
    .register({ type: 'CreateTemplate', schema: CreateTemplateSchema, description: 'Add a template.' }, new CreateTemplateHandler({ context, level }))
    .register({ type: 'UpdateTemplate', schema: UpdateTemplateSchema, description: 'Change fields of a template.' }, new UpdateTemplateHandler({ context, level }))
    .register({ type: 'DeleteTemplate', schema: DeleteTemplateSchema, description: 'Remove a template.' }, new DeleteTemplateHandler({ context }))
    .register(
      { type: 'RefreshTemplates', schema: RefreshTemplatesSchema, description: 'Drop the template cache and read the files again.' },
      new RefreshTemplatesHandler({ templates: context.templates, ...loader }),
    )
    .register(
      { type: 'ExecuteProviderOperation', schema: ExecuteProviderOperationSchema, description: 'Run one provider operation on a selected or given instance.' },
      new ExecuteProviderOperationHandler({ context, selection, requestMachines, returnMachines, validateTemplate }),
    )
    .register(
      { type: 'SelectProviderStrategy', schema: SelectProviderStrategySchema, description: 'Choose a provider instance and explain why.' },
      new SelectProviderStrategyHandler({ context, selection }),
    )
    .register(
      { type: 'RegisterProviderStrategy', schema: RegisterProviderStrategySchema, description: 'Add a provider instance at run time.' },
      new RegisterProviderStrategyHandler({ providers: context.providers, selection }),
    )
    .register(
      { type: 'UpdateProviderHealth', schema: UpdateProviderHealthSchema, description: 'Record a health report about a provider instance.' },
      new UpdateProviderHealthHandler({ selection }),
    )
    .register(
      { type: 'ConfigureProviderStrategy', schema: ConfigureProviderStrategySchema, description: 'Change selection policy, criteria, fallback and breakers.' },
      new ConfigureProviderStrategyHandler({ selection, persistence: wiring.persistence }),
    )
    .register(
      {
        type: 'RunPeriodicHealthChecks',
        schema: RunPeriodicHealthChecksSchema,
        description: 'Check every enabled provider instance when health_check_interval has passed since the last periodic check.',
      },
      new RunPeriodicHealthChecksHandler(wiring.periodicHealthCheck),
    );

  queries
    .register({ type: 'ListRequests', schema: ListRequestsSchema, description: 'Requests in creation order, filtered and paged.' }, new ListRequestsHandler({ requests: context.requests }))
    .register(
      { type: 'GetRequest', schema: GetRequestSchema, description: 'One request with its machines, as stored.' },
      new GetRequestHandler({ requests: context.requests, machines: context.machines }),
    )
    .register({ type: 'ListMachines', schema: ListMachinesSchema, description: 'Machines, filtered and paged.' }, new ListMachinesHandler({ machines: context.machines }))
    .register({ type: 'GetMachine', schema: GetMachineSchema, description: 'One machine by our id or its cloud id.' }, getMachine)
    .register(
      { type: 'GetCosts', schema: GetCostsSchema, description: 'Machine-hours × launch price per provider instance or template, and the running hourly cost.' },
      new GetCostsHandler({ machines: context.machines, clock: context.clock }),
    )
    .register(
      { type: 'ListTemplates', schema: ListTemplatesSchema, description: 'Usable templates, filtered (getAvailableTemplates).' },
      new ListTemplatesHandler({ templates: context.templates }),
    )
    .register(
      { type: 'GetTemplateUsage', schema: GetTemplateUsageSchema, description: 'Machines of each template alive or on order (what maxNumber caps).' },
      new GetTemplateUsageHandler({ machines: context.machines, requests: context.requests }),
    )
    .register(
      { type: 'GetTemplate', schema: GetTemplateSchema, description: 'One template, with its source files on request.' },
      new GetTemplateHandler({ templates: context.templates, ...loader }),
    )
    .register({ type: 'ValidateTemplate', schema: ValidateTemplateSchema, description: 'Validate a template at a level, optionally against an instance.' }, validateTemplate)
    .register(
      { type: 'GetProviderHealth', schema: GetProviderHealthSchema, description: 'Health of provider instances, checked live.' },
      new GetProviderHealthHandler({ context, selection }),
    )
    .register(
      { type: 'ListAvailableProviders', schema: ListAvailableProvidersSchema, description: 'Configured provider instances and their standing.' },
      new ListAvailableProvidersHandler({ selection, providers: context.providers }),
    )
    .register(
      { type: 'GetProviderMetrics', schema: GetProviderMetricsSchema, description: 'Calls, success rate and latency per instance.' },
      new GetProviderMetricsHandler({ selection }),
    )
    .register(
      { type: 'GetProviderCapabilities', schema: GetProviderCapabilitiesSchema, description: 'What each provider instance can do.' },
      new GetProviderCapabilitiesHandler({ providers: context.providers, selection }),
    )
    .register(
      { type: 'ListProviderTemplates', schema: ListProviderTemplatesSchema, description: 'The templates a provider instance can serve.' },
      new ListProviderTemplatesHandler({ templates: context.templates, selection }),
    )
    .register(
      { type: 'ListEvents', schema: ListEventsSchema, description: 'A page of the audit trail (what happened, who did it), oldest first.' },
      new ListEventsHandler({ audit: context.audit }),
    );

  commands.register(
    { type: 'PruneEvents', schema: PruneEventsSchema, description: 'Delete audit events older than a cutoff (retention).' },
    new PruneEventsHandler({ audit: context.audit }),
  );
}
