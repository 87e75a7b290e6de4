import type { Template, TemplateRepository } from '@ohf/domain-core';
import { z } from 'zod';
import { QueryOrganizationField } from '../shared/message-fields.js';
import { sharedRecordVisible } from '../shared/organization-scope.js';

export const ListTemplatesSchema = z.object({
  type: z.literal('ListTemplates'),
  organizationId: QueryOrganizationField,
  providerType: z.string().min(1).optional(),
  providerName: z.string().min(1).optional(),
  providerApi: z.string().min(1).optional(),
  enabled: z.boolean().optional(),
  /** Case-insensitive part of the templateId. */
  text: z.string().min(1).optional(),
});
export type ListTemplatesQuery = z.infer<typeof ListTemplatesSchema>;

export interface ListTemplatesResult {
  readonly templates: readonly Template[];
}

/**
 * The usable templates (invalid ones are left out; ValidateTemplate and RefreshTemplates report
 * them); with an organization, the platform's and its own.
 */
export class ListTemplatesHandler {
  constructor(private readonly dependencies: { readonly templates: TemplateRepository }) {}

  async handle(query: ListTemplatesQuery): Promise<ListTemplatesResult> {
    const { type: _type, organizationId, ...criteria } = query;
    const filtered = Object.values(criteria).some((value) => value !== undefined);
    const templates = filtered ? await this.dependencies.templates.search(criteria) : await this.dependencies.templates.findAll();
    return { templates: templates.filter((template) => sharedRecordVisible(template, organizationId)) };
  }
}
