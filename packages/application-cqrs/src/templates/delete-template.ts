import { NotFoundError, type TemplateRepository } from '@ohf/domain-core';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { DryRunField, TemplateIdField, OwnerOrganizationField } from '../shared/message-fields.js';
import { requireWritableTemplate } from './template-write-support.js';
import type { HandlerContext } from '../bus/message-map.js';
import { templateChanged } from './template-changed.js';

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

  async handle(command: DeleteTemplateCommand, handlerContext?: HandlerContext): Promise<DeleteTemplateResult> {
    const { context } = this.dependencies;
    const templates: TemplateRepository = context.templates;
    const notFound = () =>
      new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${command.templateId}" does not exist.`, { details: { templateId: command.templateId } });
    const existing = await templates.findById(command.templateId).catch(() => 'invalid' as const);
    // A template whose files no longer build can still be deleted, by the platform only.
    if (existing === 'invalid') {
      if (command.organizationId !== undefined) throw notFound();
    } else {
      requireWritableTemplate(command.templateId, existing, command.organizationId);
    }
    if (command.dryRun) return { templateId: command.templateId, deleted: false, dryRun: true };
    if (!(await templates.delete(command.templateId))) throw notFound();
    const owner = existing === 'invalid' ? command.organizationId : existing?.organizationId;
    await templateChanged(context, command.templateId, 'deleted', owner, handlerContext);
    return { templateId: command.templateId, deleted: true, dryRun: false };
  }
}
