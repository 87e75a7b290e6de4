import { BusinessRuleError, type Template } from '@ohf/domain-core';
import type { ValidationLevel } from '@ohf/template-loader';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { DryRunField, OwnerOrganizationField } from '../shared/message-fields.js';
import { buildValidTemplate } from './template-write-support.js';
import type { HandlerContext } from '../bus/message-map.js';
import { templateChanged } from './template-changed.js';

export const CreateTemplateSchema = z.object({
  type: z.literal('CreateTemplate'),
  organizationId: OwnerOrganizationField,
  /** The template in any accepted format (camelCase Host Factory, snake_case, domain). */
  template: z.record(z.string(), z.unknown()),
  dryRun: DryRunField,
});
export type CreateTemplateCommand = z.infer<typeof CreateTemplateSchema>;

export interface TemplateWriteResult {
  readonly template: Template;
  readonly dryRun: boolean;
}

/** Adds a template after validating it (an organization's own when the command names one); an existing id is a CONFLICT. */
export class CreateTemplateHandler {
  constructor(private readonly dependencies: { readonly context: OrchestrationContext; readonly level: ValidationLevel }) {}

  async handle(command: CreateTemplateCommand, handlerContext?: HandlerContext): Promise<TemplateWriteResult> {
    const { context, level } = this.dependencies;
    const body = command.organizationId === undefined ? command.template : { ...command.template, organizationId: command.organizationId };
    const template = await buildValidTemplate(body, level, context.providers);
    const existing = await context.templates.findById(template.templateId).catch(() => 'invalid' as const);
    if (existing !== undefined) {
      throw new BusinessRuleError('CONFLICT', `Template "${template.templateId}" already exists; update it instead.`, {
        details: { templateId: template.templateId },
      });
    }
    if (command.dryRun) return { template, dryRun: true };
    await context.templates.save(template);
    await templateChanged(context, template.templateId, 'created', template.organizationId, handlerContext);
    return { template, dryRun: false };
  }
}
