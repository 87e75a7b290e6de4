import { BusinessRuleError, NotFoundError, ValidationError, type Template } from '@ohf/domain-core';
import { formatProblem, validateTemplate, type ValidationLevel } from '@ohf/template-loader';
import type { ProviderInstances } from '../ports/provider-instances.js';
import { sharedRecordVisible, sharedRecordWritable } from '../shared/organization-scope.js';

/**
 * Builds a template from a body in any accepted format and validates it at the given level
 * against the configured instances; an invalid body is a VALIDATION_ERROR listing each
 * problem with its field path.
 */
export async function buildValidTemplate(
  body: Readonly<Record<string, unknown>>,
  level: ValidationLevel,
  providers: ProviderInstances,
): Promise<Template> {
  const known = (await providers.list()).map((instance) => ({ name: instance.name, type: instance.type }));
  const result = validateTemplate(body, { level, knownProviderInstances: known });
  if (!result.valid || result.template === undefined) {
    const errors = result.errors.length > 0 ? result.errors : result.problems;
    throw new ValidationError(`Template is invalid: ${errors.map(formatProblem).join('; ')}`, {
      details: {
        ...(result.template === undefined ? {} : { templateId: result.template.templateId }),
        issues: errors.map((problem) => ({ path: problem.field ?? '', message: problem.message, code: problem.code })),
        problems: errors,
      },
    });
  }
  return result.template;
}

/**
 * The template a command of `organizationId` may change: another organization's answers as a
 * missing one; a platform template seen by an organization is read-only to it (FORBIDDEN).
 */
export function requireWritableTemplate(templateId: string, existing: Template | undefined, organizationId: string | undefined): Template {
  if (existing === undefined || !sharedRecordVisible(existing, organizationId)) {
    throw new NotFoundError('TEMPLATE_NOT_FOUND', `Template "${templateId}" does not exist.`, { details: { templateId } });
  }
  if (!sharedRecordWritable(existing, organizationId)) {
    throw new BusinessRuleError('FORBIDDEN', `Template "${templateId}" is a platform template: organizations may use it but only platform administrators change it.`, {
      details: { templateId },
    });
  }
  return existing;
}
