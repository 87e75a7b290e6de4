import { domainEvent, NotFoundError, type TemplateRepository } from '@ohf/domain-core';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { DryRunField, TemplateIdField, OwnerOrganizationField } from '../shared/message-fields.js';

export const DeleteTemplateSchema = z.object({
  type: z.literal('DeleteTemplate'),
  organizationId: OwnerOrganizationField,
  templateId: TemplateIdField,
  dryRun: DryRunField,
});
export type DeleteTemplateCommand = z.infer<typeof DeleteTemplateSchema>;

export interface DeleteTemplateResult {
  readonly templateId: string;
  readonly deleted: boolean;
  readonly dryRun: boolean;
}

/** Removes a template (from every file that defines it, for template files). */
export class DeleteTemplateHandler {
  constructor(private readonly dependencies: { readonly context: OrchestrationContext }) {}

  async handle(command: DeleteTemplateCommand): Promise<DeleteTemplateResult> {
    const { context } = this.dependencies;
    const templates: TemplateRepository = context.templates;
    const notFound = () =>
      new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${command.templateId}" does not exist.`, { details: { templateId: command.templateId } });
    if (command.dryRun) {
      const existing = await templates.findById(command.templateId).catch(() => 'invalid' as const);
      if (existing === undefined) throw notFound();
      return { templateId: command.templateId, deleted: false, dryRun: true };
    }
    if (!(await templates.delete(command.templateId))) throw notFound();
    await context.events.publish(domainEvent('TemplateChanged', { templateId: command.templateId, change: 'deleted' }, context.clock.now()));
    return { templateId: command.templateId, deleted: true, dryRun: false };
  }
}
