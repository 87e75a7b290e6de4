import { NotFoundError, ValidationError, type Template, type TemplateRepository } from '@ohf/domain-core';
import { formatProblem, type FieldSources, type TemplateLoader, type TemplateProblem } from '@ohf/template-loader';
import { z } from 'zod';
import { TemplateIdField, QueryOrganizationField } from '../shared/message-fields.js';
import { sharedRecordVisible } from '../shared/organization-scope.js';

export const GetTemplateSchema = z.object({
  type: z.literal('GetTemplate'),
  organizationId: QueryOrganizationField,
  templateId: TemplateIdField,
  /** Also say which file set each field (`templates show X --source-info`). */
  includeSourceInfo: z.boolean().default(false),
});
export type GetTemplateQuery = z.infer<typeof GetTemplateSchema>;

export interface TemplateSourceInfo {
  /** Files defining the template, highest priority first. */
  readonly files: readonly string[];
  /** Field path → the file (and hierarchy level) its value came from. */
  readonly fields: FieldSources;
  readonly valid: boolean;
  readonly problems: readonly TemplateProblem[];
}

export interface GetTemplateResult {
  readonly template: Template;
  /** With `includeSourceInfo`, for templates from files (absent for other storage). */
  readonly sourceInfo?: TemplateSourceInfo;
}

/** One template; with its provenance field by field when it comes from template files. */
export class GetTemplateHandler {
  constructor(private readonly dependencies: { readonly templates: TemplateRepository; readonly templateLoader?: TemplateLoader }) {}

  async handle(query: GetTemplateQuery): Promise<GetTemplateResult> {
    const { templates, templateLoader } = this.dependencies;
    if (query.includeSourceInfo && templateLoader !== undefined) {
      const resolved = (await templateLoader.load()).byId.get(query.templateId);
      if (resolved === undefined || (resolved.template !== undefined && !sharedRecordVisible(resolved.template, query.organizationId))) {
        throw notFound(query.templateId);
      }
      if (resolved.template === undefined) {
        const errors = resolved.problems.filter((problem) => problem.severity === 'error');
        throw new ValidationError(`Template "${query.templateId}" cannot be built: ${errors.map(formatProblem).join('; ')}`, {
          details: { templateId: query.templateId, problems: errors, files: resolved.files },
        });
      }
      return {
        template: resolved.template,
        sourceInfo: { files: resolved.files, fields: resolved.sources, valid: resolved.valid, problems: resolved.problems },
      };
    }
    const template = await templates.findById(query.templateId);
    if (template === undefined || !sharedRecordVisible(template, query.organizationId)) throw notFound(query.templateId);
    return { template };
  }
}

function notFound(templateId: string): NotFoundError {
  return new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${templateId}" does not exist.`, { details: { templateId } });
}
