import { NotFoundError } from '@ohf/domain-core';
import { parseSelectionCriteria, type SelectionDecision, type SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { allowedInstancesFor } from '../orchestration/provider-access.js';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';
import { QueryOrganizationField } from '../shared/message-fields.js';
import { sharedRecordVisible } from '../shared/organization-scope.js';

export const PROVIDER_OPERATION_TYPES = [
  'CREATE_INSTANCES',
  'TERMINATE_INSTANCES',
  'GET_INSTANCE_STATUS',
  'VALIDATE_TEMPLATE',
  'GET_AVAILABLE_TEMPLATES',
  'HEALTH_CHECK',
] as const;
export type ProviderOperationType = (typeof PROVIDER_OPERATION_TYPES)[number];

export const SelectProviderStrategySchema = acceptSnakeCase(
  z.object({
    type: z.literal('SelectProviderStrategy'),
    /** Choose among the instances this organization may use only; absent: every instance. */
    organizationId: QueryOrganizationField,
    operationType: z.enum(PROVIDER_OPERATION_TYPES).optional(),
    /** Select as a request for this template would (its providerName / providerType / providerApi). */
    templateId: z.string().min(1).optional(),
    /** `required_capabilities`, `min_success_rate`, `max_response_time_ms`, `require_healthy`, `exclude_strategies`, `prefer_strategies`. */
    selectionCriteria: z.record(z.string(), z.unknown()).optional(),
    providerApi: z.string().min(1).optional(),
    /** Explain only: leave rotation state untouched. */
    dryRun: z.boolean().default(false),
  }),
);
export type SelectProviderStrategyCommand = z.infer<typeof SelectProviderStrategySchema>;

export interface SelectProviderStrategyResult {
  readonly providerInstance: string;
  readonly providerType: string;
  readonly operationType?: ProviderOperationType;
  /** The decision with its explanation: every candidate and why it was or was not chosen. */
  readonly decision: SelectionDecision;
}

/** Chooses a provider instance by the policy and criteria and explains why (selectProviderStrategy). */
export class SelectProviderStrategyHandler {
  constructor(private readonly dependencies: { readonly context: OrchestrationContext; readonly selection: SelectionEngine }) {}

  async handle(command: SelectProviderStrategyCommand): Promise<SelectProviderStrategyResult> {
    const { context, selection } = this.dependencies;
    const criteria = command.selectionCriteria === undefined ? undefined : parseSelectionCriteria(command.selectionCriteria);
    const allowed = command.organizationId === undefined ? undefined : await allowedInstancesFor(context.providers, command.organizationId);
    const restricted = allowed === undefined ? {} : { allowedInstances: allowed };
    let decision: SelectionDecision;
    if (command.templateId !== undefined) {
      const template = await context.templates.findById(command.templateId);
      if (template === undefined || !sharedRecordVisible(template, command.organizationId)) {
        throw new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${command.templateId}" does not exist.`, { details: { templateId: command.templateId } });
      }
      decision = selection.resolveForTemplate(
        { ...template, ...(command.providerApi === undefined ? {} : { providerApi: command.providerApi }) },
        { ...(criteria === undefined ? {} : { criteria }), explain: true, dryRun: command.dryRun, ...restricted },
      );
    } else {
      decision = selection.select(criteria, {
        explain: true,
        dryRun: command.dryRun,
        ...(command.providerApi === undefined ? {} : { api: command.providerApi }),
        ...restricted,
      });
    }
    return {
      providerInstance: decision.instance,
      providerType: decision.providerType,
      ...(command.operationType === undefined ? {} : { operationType: command.operationType }),
      decision,
    };
  }
}
