import { ValidationError } from '@ohf/domain-core';
import type { ValidationLevel } from '@ohf/template-loader';
import { z } from 'zod';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';
import { DryRunField, TemplateIdField, OwnerOrganizationField } from '../shared/message-fields.js';
import type { TemplateWriteResult } from './create-template.js';
import { buildValidTemplate, requireWritableTemplate } from './template-write-support.js';
import type { HandlerContext } from '../bus/message-map.js';
import { templateChanged } from './template-changed.js';

export const UpdateTemplateSchema = z.object({
  type: z.literal('UpdateTemplate'),
  organizationId: OwnerOrganizationField,
  templateId: TemplateIdField,
  /** Fields to change (domain field names); `null` removes an optional field. */
  changes: z.record(z.string(), z.unknown()),
  dryRun: DryRunField,
});
export type UpdateTemplateCommand = z.infer<typeof UpdateTemplateSchema>;

/** Changes fields of an existing template; the result is validated as a whole before it is saved. */
export class UpdateTemplateHandler {
  constructor(private readonly dependencies: { readonly context: OrchestrationContext; readonly level: ValidationLevel }) {}

  async handle(command: UpdateTemplateCommand, handlerContext?: HandlerContext): Promise<TemplateWriteResult> {
    const { context, level } = this.dependencies;
    const existing = requireWritableTemplate(command.templateId, await context.templates.findById(command.templateId), command.organizationId);
    const renamed = command.changes['templateId'];
    if (renamed !== undefined && renamed !== command.templateId) {
      throw new ValidationError('A template cannot be renamed; create a new one and delete this one.', {
        details: { field: 'changes.templateId', issues: [{ path: 'changes.templateId', message: 'must stay the same' }] },
      });
    }
    const merged: Record<string, unknown> = { ...existing };
    for (const [field, value] of Object.entries(command.changes)) {
      if (value === null) delete merged[field];
      else merged[field] = value;
    }
    // An organization cannot give its template away or make it a platform one.
    if (command.organizationId !== undefined) merged['organizationId'] = command.organizationId;
    const template = await buildValidTemplate(merged, level, context.providers);
    if (command.dryRun) return { template, dryRun: true };
    await context.templates.save(template);
    await templateChanged(context, template.templateId, 'updated', template.organizationId, handlerContext);
    return { template, dryRun: false };
  }
}
