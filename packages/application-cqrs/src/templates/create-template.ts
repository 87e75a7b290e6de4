import { BusinessRuleError, domainEvent, type Template } from '@ohf/domain-core';
import type { ValidationLevel } from '@ohf/template-loader';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { DryRunField, OwnerOrganizationField } from '../shared/message-fields.js';
import { buildValidTemplate } from './template-write-support.js';

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

/** Adds a template after validating it; an existing id is a CONFLICT. */
export class CreateTemplateHandler {
  constructor(private readonly dependencies: { readonly context: OrchestrationContext; readonly level: ValidationLevel }) {}

  async handle(command: CreateTemplateCommand): Promise<TemplateWriteResult> {
    const { context, level } = this.dependencies;
    const template = await buildValidTemplate(command.template, level, context.providers);
    const existing = await context.templates.findById(template.templateId).catch(() => 'invalid' as const);
    if (existing !== undefined) {
      throw new BusinessRuleError('CONFLICT', `Template "${template.templateId}" already exists; update it instead.`, {
        details: { templateId: template.templateId },
      });
    }
    if (command.dryRun) return { template, dryRun: true };
    await context.templates.save(template);
    await context.events.publish(domainEvent('TemplateChanged', { templateId: template.templateId, change: 'created' }, context.clock.now()));
    return { template, dryRun: false };
  }
}
