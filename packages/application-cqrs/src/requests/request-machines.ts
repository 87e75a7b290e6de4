import {
  availableNumberOf,
  BusinessRuleError,
  createAcquireRequest,
  domainEvent,
  newRequestId,
  NotFoundError,
  OhfError,
  ValidationError,
  type DomainEvent,
  type Machine,
  type MachineRequest,
  type Template,
} from '@ohf/domain-core';
import { CreateInstancesResultV1Schema, OHF_TAG_KEYS, type PlannedCallV1, type WarningV1 } from '@ohf/provider-sdk';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { candidatePricesFor } from '../catalog/candidate-prices.js';
import { resolveTemplate } from '../catalog/plan-resolution.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import type { ProviderChoice } from '../orchestration/provider-selector.js';
import { toProviderTemplate } from '../orchestration/provider-template.js';
import type { RequestTracker } from '../orchestration/request-tracker.js';
import { templateUsage } from '../orchestration/template-usage.js';
import { withChoice, withoutChoice } from '../orchestration/stored-selection.js';
import { auditRecordsOf, originOf, withEvents } from '../events/audit-records.js';
import { allowedInstancesFor } from '../orchestration/provider-access.js';
import { sharedRecordVisible } from '../shared/organization-scope.js';
import type { CandidatePrices } from '@ohf/selection-engine';
import type { OrganizationQuotaCheck } from './organization-quotas.js';
import { DryRunField, ProviderPreferenceSchema, TemplateIdField, CommandOrganizationField } from '../shared/message-fields.js';

export const RequestMachinesSchema = z.object({
  type: z.literal('RequestMachines'),
  organizationId: CommandOrganizationField,
  templateId: TemplateIdField,
  count: z.number().int().min(1, 'count must be at least 1'),
  /** Same key → same request: a retried call never provisions twice. */
  idempotencyKey: z.string().min(1).max(255).optional(),
  /** Overrides the template's providerName / providerType for this request. */
  providerPreference: ProviderPreferenceSchema.optional(),
  /** Selection criteria (camelCase or snake_case), e.g. `{ "require_healthy": true }`. */
  selectionCriteria: z.record(z.string(), z.unknown()).optional(),
  dryRun: DryRunField,
  /** Run the first provisioning step before answering; default from the application options. */
  provisionInline: z.boolean().optional(),
});
export type RequestMachinesCommand = z.infer<typeof RequestMachinesSchema>;

export interface RequestMachinesResult {
  readonly dryRun: boolean;
  /** False when the idempotency key named an existing request, which is returned instead. */
  readonly created: boolean;
  /** Absent in a dry run. */
  readonly requestId?: string;
  readonly request?: MachineRequest;
  readonly machines: readonly Machine[];
  readonly templateId: string;
  readonly providerInstance: string;
  readonly providerType: string;
  readonly providerApi?: string;
  /** The selection decision with its explanation (candidates, and why each was skipped). */
  readonly selection: unknown;
  /** Dry run: the exact calls the provider would make. */
  readonly plannedCalls?: readonly PlannedCallV1[];
  readonly warnings?: readonly WarningV1[];
}

export interface RequestMachinesDependencies {
  readonly context: OrchestrationContext;
  readonly tracker: RequestTracker;
  /** Default for `provisionInline`: the CLI provisions inline, the API leaves it to workers. */
  readonly provisionInline: boolean;
  readonly quotas: OrganizationQuotaCheck;
}

/**
 * Validates a request for machines (template exists and is enabled, count within maxNumber),
 * selects a provider instance and records the request with the selection's explanation; then,
 * unless told otherwise, takes the first provisioning step before answering. A dry run records
 * nothing and returns the plan: the instance, the explanation and the provider's planned calls.
 */
export class RequestMachinesHandler {
  constructor(private readonly dependencies: RequestMachinesDependencies) {}

  async handle(command: RequestMachinesCommand, handlerContext: HandlerContext): Promise<RequestMachinesResult> {
    const { context } = this.dependencies;
    if (command.idempotencyKey !== undefined && !command.dryRun) {
      const existing = await context.requests.findByIdempotencyKey(command.idempotencyKey);
      if (existing !== undefined) return this.replay(existing, command);
    }
    const template = await this.loadTemplate(command);
    const selection = {
      ...(command.providerPreference === undefined ? {} : { preference: command.providerPreference }),
      ...(command.selectionCriteria === undefined ? {} : { criteria: command.selectionCriteria }),
    };
    // Selection sees only the instances the organization may use; naming another is as naming none.
    const allowed = await allowedInstancesFor(context.providers, command.organizationId);
    let choice: ProviderChoice | undefined;
    let prices: CandidatePrices | undefined;
    let waitingFor = '';
    try {
      prices = await candidatePricesFor(context.prices, context.providers, template, command.organizationId);
      choice = context.selector.choose({
        template,
        ...selection,
        dryRun: command.dryRun,
        ...(prices === undefined ? {} : { prices }),
        ...(allowed === undefined ? {} : { allowedInstances: allowed }),
      });
    } catch (error) {
      // Every candidate is blocked for a while (capacity, quota, throttling, an open circuit):
      // the request is accepted and waits for one to be free again, until its deadline. A
      // refusal that waiting would not change (no compatible instance at all) stands.
      if (command.dryRun || !OhfError.isInstance(error) || error.code !== 'NO_COMPATIBLE_PROVIDER' || !error.retryable) throw error;
      waitingFor = error.message;
    }
    await this.dependencies.quotas.check({
      organizationId: command.organizationId,
      count: command.count,
      ...(choice === undefined ? {} : { providerInstance: choice.providerInstance }),
      ...(prices === undefined ? {} : { prices }),
    });
    if (choice !== undefined && command.dryRun) return this.plan(command, template, choice);

    const requestId = newRequestId('acquire', context.ids);
    const fresh = createAcquireRequest(
      {
        requestId,
        organizationId: command.organizationId,
        templateId: template.templateId,
        requestedCount: command.count,
        ...(command.idempotencyKey === undefined ? {} : { idempotencyKey: command.idempotencyKey }),
      },
      context.clock,
    );
    const recorded =
      choice === undefined
        ? { ...withoutChoice(fresh, selection), message: `Waiting: ${waitingFor}.` }
        : withChoice(fresh, choice, selection);
    const now = context.clock.now();
    const events: DomainEvent[] = [
      domainEvent('RequestCreated', { requestId, kind: 'acquire', templateId: template.templateId, requestedCount: command.count }, now),
      ...(choice === undefined
        ? []
        : [
            domainEvent(
              'ProviderSelected',
              { requestId, providerInstance: choice.providerInstance, providerType: choice.providerType, explanation: choice.decision },
              now,
            ),
          ]),
    ];
    let request: MachineRequest;
    try {
      request = await context.requests.save(recorded, withEvents(auditRecordsOf(events, originOf(command.organizationId, handlerContext))));
    } catch (error) {
      // Two callers with one idempotency key at the same moment: the other one won.
      if (OhfError.isInstance(error) && error.code === 'CONFLICT' && command.idempotencyKey !== undefined) {
        const winner = await context.requests.findByIdempotencyKey(command.idempotencyKey);
        if (winner !== undefined) return this.replay(winner, command);
      }
      throw error;
    }
    await context.events.publish(...events);

    let machines: readonly Machine[] = [];
    if (command.provisionInline ?? this.dependencies.provisionInline) {
      const [tracked] = await this.dependencies.tracker.track([requestId], {
        refresh: false,
        ...(handlerContext.signal === undefined ? {} : { signal: handlerContext.signal }),
      });
      request = tracked?.request ?? request;
      machines = tracked?.machines ?? [];
    }
    return this.resultOf(request, machines, true);
  }

  private async loadTemplate(command: RequestMachinesCommand): Promise<Template> {
    const { context } = this.dependencies;
    const template = await context.templates.findById(command.templateId);
    if (template === undefined || !sharedRecordVisible(template, command.organizationId)) {
      throw new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${command.templateId}" does not exist.`, {
        details: { templateId: command.templateId, field: 'templateId' },
      });
    }
    if (!template.enabled) {
      throw new ValidationError(`Template "${template.templateId}" is disabled; enable it before requesting machines.`, {
        details: { templateId: template.templateId, field: 'templateId' },
      });
    }
    if (template.maxNumber !== -1) {
      // maxNumber caps the template's machines alive at once (IBM's meaning), not one request:
      // a request that would pass it is refused whole rather than trimmed, so the scheduler
      // never waits for machines that were silently never ordered.
      const inUse = (await templateUsage(context, template.templateId)).get(template.templateId) ?? 0;
      const available = availableNumberOf(template, inUse);
      if (command.count > available) {
        throw new BusinessRuleError(
          'INSTANCE_LIMIT_EXCEEDED',
          `Template "${template.templateId}" allows at most ${template.maxNumber} machines at once; ${inUse} are running or on order, so at most ${available} more can be requested (${command.count} were requested).`,
          { details: { templateId: template.templateId, maxNumber: template.maxNumber, inUse, available, requested: command.count, field: 'count' } },
        );
      }
    }
    return template;
  }

  private async plan(command: RequestMachinesCommand, template: Template, choice: ProviderChoice): Promise<RequestMachinesResult> {
    const { context } = this.dependencies;
    const provider = await context.providers.get(choice.providerInstance);
    // The plan shows what the instance would be asked for: requirements resolved to its plan.
    const { template: launched } = await resolveTemplate(context.prices, template, { ...choice, organizationId: command.organizationId });
    const placeholderId = 'req-00000000-0000-0000-0000-000000000000';
    const planned = CreateInstancesResultV1Schema.parse(
      await provider.createInstances(
        {
          requestId: placeholderId,
          template: toProviderTemplate(launched),
          count: command.count,
          idempotencyKey: placeholderId,
          tags: {
            ...template.instanceTags,
            [OHF_TAG_KEYS.requestId]: placeholderId,
            [OHF_TAG_KEYS.templateId]: template.templateId,
            [OHF_TAG_KEYS.providerInstance]: choice.providerInstance,
          },
          attempt: 1,
        },
        { dryRun: true },
      ),
    );
    return {
      dryRun: true,
      created: false,
      machines: [],
      templateId: template.templateId,
      providerInstance: choice.providerInstance,
      providerType: choice.providerType,
      ...(choice.providerApi === undefined ? {} : { providerApi: choice.providerApi }),
      selection: choice.decision,
      plannedCalls: planned.plannedCalls ?? [],
      warnings: planned.warnings,
    };
  }

  private async replay(existing: MachineRequest, command: RequestMachinesCommand): Promise<RequestMachinesResult> {
    if (existing.organizationId !== command.organizationId) {
      // Keys are unique across the installation; another organization's request is never named.
      throw new BusinessRuleError('CONFLICT', `Idempotency key "${command.idempotencyKey}" is already in use; choose another key.`, {
        details: { field: 'idempotencyKey' },
      });
    }
    if (existing.kind !== 'acquire' || existing.templateId !== command.templateId || existing.requestedCount !== command.count) {
      throw new BusinessRuleError(
        'CONFLICT',
        `Idempotency key "${command.idempotencyKey}" was used for request ${existing.requestId} with different parameters.`,
        { details: { requestId: existing.requestId, field: 'idempotencyKey' } },
      );
    }
    const machines = await this.dependencies.context.machines.findByRequestId(existing.requestId);
    return this.resultOf(existing, machines, false);
  }

  private resultOf(request: MachineRequest, machines: readonly Machine[], created: boolean): RequestMachinesResult {
    return {
      dryRun: false,
      created,
      requestId: request.requestId,
      request,
      machines,
      templateId: request.templateId ?? '',
      providerInstance: request.providerInstance ?? '',
      providerType: request.providerType ?? '',
      ...(request.providerApi === undefined ? {} : { providerApi: request.providerApi }),
      selection: request.selectionExplanation,
    };
  }
}
