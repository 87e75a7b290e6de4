import type { MachineRepository, RequestRepository } from '@ohf/domain-core';
import { z } from 'zod';
import { templateUsage } from '../orchestration/template-usage.js';
import { TemplateIdField } from '../shared/message-fields.js';

export const GetTemplateUsageSchema = z.object({
  type: z.literal('GetTemplateUsage'),
  /** Only this template; default every template with machines alive or on order. */
  templateId: TemplateIdField.optional(),
});
export type GetTemplateUsageQuery = z.infer<typeof GetTemplateUsageSchema>;

export interface GetTemplateUsageResult {
  /** templateId → machines alive or on order (templates with none are absent). */
  readonly usage: Readonly<Record<string, number>>;
}

/** What `maxNumber` is measured against: machines of each template alive or on order (getAvailableTemplates' availableNumber). */
export class GetTemplateUsageHandler {
  constructor(private readonly dependencies: { readonly machines: MachineRepository; readonly requests: RequestRepository }) {}

  async handle(query: GetTemplateUsageQuery): Promise<GetTemplateUsageResult> {
    return { usage: Object.fromEntries(await templateUsage(this.dependencies, query.templateId)) };
  }
}
