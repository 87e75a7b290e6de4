import { DEFAULT_ORGANIZATION_ID, NotFoundError, ValidationError, type Template } from '@ohf/domain-core';
import { HealthCheckResultV1Schema, parseInstanceV1, TerminateResultV1Schema } from '@ohf/provider-sdk';
import { parseSelectionCriteria, type SelectionDecision, type SelectionEngine } from '@ohf/selection-engine';
import { z } from 'zod';
import type { HandlerContext } from '../bus/message-map.js';
import { resolveMachines } from '../orchestration/machine-resolver.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { callProvider } from '../orchestration/provider-call.js';
import { PROVIDER_OPERATIONS } from '../orchestration/provider-operations.js';
import type { RequestMachinesHandler } from '../requests/request-machines.js';
import type { ReturnMachinesHandler } from '../requests/return-machines.js';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';
import type { ValidateTemplateHandler } from '../templates/validate-template.js';
import { canServe } from './provider-templates.js';
import { PROVIDER_OPERATION_TYPES, type ProviderOperationType } from './select-provider-strategy.js';

export const ExecuteProviderOperationSchema = acceptSnakeCase(
  z.object({
    type: z.literal('ExecuteProviderOperation'),
    operationType: z.enum(PROVIDER_OPERATION_TYPES),
    /** Per operation (camelCase or snake_case): see the README. */
    parameters: z.record(z.string(), z.unknown()).default({}),
    /** Run on this provider instance instead of selecting one. */
    strategyOverride: z.string().min(1).optional(),
    selectionCriteria: z.record(z.string(), z.unknown()).optional(),
    dryRun: z.boolean().default(false),
  }),
);
export type ExecuteProviderOperationCommand = z.infer<typeof ExecuteProviderOperationSchema>;

const CreateParameters = acceptSnakeCase(z.object({ templateId: z.string().min(1), count: z.number().int().min(1) }));
const IdsParameters = acceptSnakeCase(
  z
    .object({
      machineIds: z.array(z.string().min(1)).optional(),
      instanceIds: z.array(z.string().min(1)).optional(),
    })
    .refine((value) => (value.machineIds?.length ?? 0) + (value.instanceIds?.length ?? 0) > 0, {
      message: 'give machineIds or instanceIds',
      path: ['machineIds'],
    }),
);
const TemplateParameters = acceptSnakeCase(
  z
    .object({ templateId: z.string().min(1).optional(), template: z.record(z.string(), z.unknown()).optional() })
    .refine((value) => value.templateId !== undefined || value.template !== undefined, { message: 'give templateId or template', path: ['templateId'] }),
);

export interface ExecuteProviderOperationResult {
  readonly operationType: ProviderOperationType;
  readonly providerInstance: string;
  readonly providerType: string;
  readonly dryRun: boolean;
  readonly latencyMs: number;
  /** What the operation returned (see the README per operation). */
  readonly result: unknown;
  /** The selection decision, when the instance was selected rather than given. */
  readonly selection?: SelectionDecision;
}

export interface ExecuteProviderOperationDependencies {
  readonly context: OrchestrationContext;
  readonly selection: SelectionEngine;
  readonly requestMachines: RequestMachinesHandler;
  readonly returnMachines: ReturnMachinesHandler;
  readonly validateTemplate: ValidateTemplateHandler;
}

/**
 * Runs one provider operation on a selected instance, or on `strategyOverride`. Creating and
 * terminating go through the request flow (recorded, tagged, crash-safe) so no machine is ever
 * untracked; the other operations call the provider directly.
 */
export class ExecuteProviderOperationHandler {
  constructor(private readonly dependencies: ExecuteProviderOperationDependencies) {}

  async handle(command: ExecuteProviderOperationCommand, handlerContext: HandlerContext): Promise<ExecuteProviderOperationResult> {
    const { context } = this.dependencies;
    const signalOption = handlerContext.signal === undefined ? {} : { signal: handlerContext.signal };
    const startedAt = context.monotonicNow();
    const parameters = command.parameters;
    const template = await this.templateOf(command);
    const { providerInstance, providerType, decision } = this.target(command, template);
    let result: unknown;
    switch (command.operationType) {
      case 'CREATE_INSTANCES': {
        const create = parseParameters(CreateParameters, parameters);
        result = await this.dependencies.requestMachines.handle(
          {
            type: 'RequestMachines',
            // Strategy operations are the platform's: the default organization, as the CLI.
            organizationId: DEFAULT_ORGANIZATION_ID,
            templateId: create.templateId,
            count: create.count,
            providerPreference: { instance: providerInstance },
            dryRun: command.dryRun,
          },
          handlerContext,
        );
        break;
      }
      case 'TERMINATE_INSTANCES': {
        const ids = parseParameters(IdsParameters, parameters);
        const references = [...(ids.machineIds ?? []), ...(ids.instanceIds ?? [])].map((machineId) => ({ machineId }));
        const known = await resolveMachines(context.machines, references);
        // A platform operation: each organization's machines go through a return request of their own organization.
        const byOrganization = new Map<string, string[]>();
        for (const machine of known.found) byOrganization.set(machine.organizationId, [...(byOrganization.get(machine.organizationId) ?? []), machine.machineId]);
        const returns = [];
        for (const [organizationId, machineIds] of byOrganization) {
          returns.push(
            await this.dependencies.returnMachines.handle(
              { type: 'ReturnMachines', organizationId, machines: machineIds.map((machineId) => ({ machineId })), dryRun: command.dryRun },
              handlerContext,
            ),
          );
        }
        const returned = returns.length > 1 ? returns : returns[0];
        // Machines we never recorded are terminated directly on the chosen instance.
        const unknownIds = known.unknown.map((reference) => reference.machineId!).filter((id) => id !== undefined);
        const direct =
          unknownIds.length === 0
            ? undefined
            : TerminateResultV1Schema.parse(
                await callProvider(
                  context,
                  providerInstance,
                  PROVIDER_OPERATIONS.terminateInstances,
                  (provider, call) => provider.terminateInstances(unknownIds, { ...call, dryRun: command.dryRun }),
                  signalOption,
                ),
              );
        result = { returned, direct };
        break;
      }
      case 'GET_INSTANCE_STATUS': {
        const ids = parseParameters(IdsParameters, parameters);
        const cloudIds = [...(ids.instanceIds ?? [])];
        for (const machine of (await resolveMachines(context.machines, (ids.machineIds ?? []).map((machineId) => ({ machineId })))).found) {
          cloudIds.push(machine.providerInstanceId);
        }
        const instances = await callProvider(
          context,
          providerInstance,
          PROVIDER_OPERATIONS.describeInstances,
          (provider, call) => provider.describeInstances(cloudIds, call),
          signalOption,
        );
        result = { instances: instances.map(parseInstanceV1) };
        break;
      }
      case 'VALIDATE_TEMPLATE': {
        const validate = parseParameters(TemplateParameters, parameters);
        result = await this.dependencies.validateTemplate.handle(
          {
            type: 'ValidateTemplate',
            ...(validate.templateId === undefined ? {} : { templateId: validate.templateId }),
            ...(validate.template === undefined ? {} : { template: validate.template }),
            providerInstance,
          },
          handlerContext,
        );
        break;
      }
      case 'GET_AVAILABLE_TEMPLATES': {
        const capabilities = this.dependencies.selection.getInstance(providerInstance)?.capabilities ?? [];
        const instance = { name: providerInstance, type: providerType, capabilities };
        const defaults = this.dependencies.selection.settings();
        result = { templates: (await context.templates.findAll()).filter((candidate) => canServe(candidate, instance, defaults)) };
        break;
      }
      case 'HEALTH_CHECK': {
        const health = await callProvider(context, providerInstance, PROVIDER_OPERATIONS.healthCheck, (provider, call) => provider.healthCheck(call), {
          failureOf: (checked) => (checked.status === 'unhealthy' ? { code: 'PROVIDER_UNAVAILABLE' } : undefined),
          ...signalOption,
        });
        result = HealthCheckResultV1Schema.parse(health);
        break;
      }
    }
    return {
      operationType: command.operationType,
      providerInstance,
      providerType,
      dryRun: command.dryRun,
      latencyMs: Math.max(0, context.monotonicNow() - startedAt),
      result,
      ...(decision === undefined ? {} : { selection: decision }),
    };
  }

  /** The template the operation is about, when its parameters name one. */
  private async templateOf(command: ExecuteProviderOperationCommand): Promise<Template | undefined> {
    const raw = command.parameters['templateId'] ?? command.parameters['template_id'];
    if (typeof raw !== 'string') return undefined;
    const template = await this.dependencies.context.templates.findById(raw);
    if (template === undefined) {
      throw new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${raw}" does not exist.`, { details: { templateId: raw, field: 'parameters.templateId' } });
    }
    return template;
  }

  private target(
    command: ExecuteProviderOperationCommand,
    template: Template | undefined,
  ): { providerInstance: string; providerType: string; decision?: SelectionDecision } {
    const { selection } = this.dependencies;
    if (command.strategyOverride !== undefined) {
      const instance = selection.getInstance(command.strategyOverride);
      if (instance === undefined) {
        throw new NotFoundError('PROVIDER_NOT_FOUND', `Provider instance "${command.strategyOverride}" is not configured.`, {
          details: { provider_name: command.strategyOverride, available_providers: selection.listInstances().map((entry) => entry.name) },
        });
      }
      return { providerInstance: instance.name, providerType: instance.type };
    }
    const criteria = command.selectionCriteria === undefined ? undefined : parseSelectionCriteria(command.selectionCriteria);
    const options = { ...(criteria === undefined ? {} : { criteria }), explain: true, dryRun: command.dryRun };
    const decision =
      template === undefined ? selection.select(criteria, { explain: true, dryRun: command.dryRun }) : selection.resolveForTemplate(template, options);
    return { providerInstance: decision.instance, providerType: decision.providerType, decision };
  }
}

function parseParameters<Schema extends z.ZodType>(schema: Schema, parameters: unknown): z.output<Schema> {
  const parsed = schema.safeParse(parameters);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: ['parameters', ...issue.path.map(String)].join('.'), message: issue.message }));
  throw new ValidationError(`Invalid parameters: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, {
    details: { issues },
  });
}
