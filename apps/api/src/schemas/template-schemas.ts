import { TemplateSchema } from '@ohf/domain-core';
import { z } from 'zod';
import { plainText } from './common-schemas.js';

export const TemplateResponseSchema = TemplateSchema.meta({
  id: 'Template',
  description: 'A machine template. Secret-looking provider options (passwords, tokens) are masked.',
});

export const TemplateListItemSchema = TemplateSchema.extend({
  availableNumber: z
    .number()
    .int()
    .min(-1)
    .describe('How many more machines may be requested now: maxNumber minus the machines alive or on order (-1: no limit).'),
}).meta({ id: 'TemplateListItem', description: 'A template with the machines it still allows. Secret-looking provider options are masked.' });

export const TemplateListSchema = z
  .object({ templates: z.array(TemplateListItemSchema), total: z.number().int().nonnegative() })
  .meta({ id: 'TemplateList' });

/** Template bodies arrive in any accepted format: Host Factory camelCase, the snake_case format, or the domain's. */
/** A template's owner is the organization of whoever writes it: a body may not name one. */
const namesOwner = (body: Readonly<Record<string, unknown>>): boolean => 'organizationId' in body || 'organization_id' in body;
const OWNER_IS_THE_CALLER = {
  message: "a template belongs to the caller's organization (a platform admin's to every organization); organizationId cannot be set",
  path: ['organizationId'],
};

export const TemplateBodySchema = z
  .looseObject({ templateId: plainText(64).optional(), template_id: plainText(64).optional() })
  .refine((body) => typeof (body.templateId ?? body.template_id) === 'string', {
    message: 'a template needs templateId (or template_id)',
    path: ['templateId'],
  })
  .refine((body) => !namesOwner(body), OWNER_IS_THE_CALLER)
  .describe('A template in Host Factory camelCase (templateId, maxNumber, vmType, …) or snake_case (template_id, max_instances, instance_type, …).')
  .meta({ id: 'TemplateBody', example: { templateId: 'web-server', maxNumber: 10, imageId: 'ami-0123456789abcdef0', vmType: 't3.small', providerApi: 'EC2Fleet' } });

export const TemplateChangesSchema = z
  .record(z.string(), z.unknown())
  .refine((changes) => !namesOwner(changes), OWNER_IS_THE_CALLER)
  .describe('The fields to change (domain names); a field set to null is removed. The result is validated as a whole.')
  .meta({ id: 'TemplateChanges', example: { maxNumber: 20, instanceTags: { team: 'hpc' } } });

export const TemplateWriteResultSchema = z
  .object({ template: TemplateResponseSchema, dryRun: z.boolean() })
  .meta({ id: 'TemplateWriteResult' });

export const TemplateDetailSchema = z
  .object({
    template: TemplateResponseSchema,
    sourceInfo: z
      .object({
        files: z.array(z.string()),
        fields: z.record(z.string(), z.unknown()),
        valid: z.boolean(),
        problems: z.array(z.unknown()),
      })
      .optional()
      .describe('Which file set each field (with ?source_info=true, for templates read from files).'),
  })
  .meta({ id: 'TemplateDetail' });

export const ValidateTemplateBodySchema = z
  .strictObject({
    templateId: plainText(64).optional().describe('A stored template…'),
    template: z.record(z.string(), z.unknown()).optional().describe('…or a template body in any accepted format.'),
    level: z.enum(['STRICT', 'LENIENT', 'BASIC']).optional().describe('Default from the configuration (templates.validation_level).'),
    provider_instance: plainText()
      .optional()
      .describe('Also check against this provider instance: API support, instance limits, pricing model, fleet type.'),
  })
  .refine((body) => body.templateId !== undefined || body.template !== undefined, {
    message: 'give templateId or template',
    path: ['templateId'],
  })
  .meta({ id: 'ValidateTemplate' });

const FindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  file: z.string().optional(),
  origin: z.enum(['template', 'provider']),
});

export const ValidationReportSchema = z
  .object({
    templateId: z.string().optional(),
    valid: z.boolean(),
    level: z.string(),
    providerInstance: z.string().optional(),
    errors: z.array(FindingSchema),
    warnings: z.array(FindingSchema),
  })
  .meta({ id: 'TemplateValidationReport' });

export const RefreshReportSchema = z
  .object({
    templateCount: z.number().int(),
    validCount: z.number().int(),
    problems: z.array(z.unknown()),
    files: z.array(z.object({ name: z.string(), present: z.boolean(), broken: z.boolean(), templateCount: z.number().int() })),
  })
  .meta({ id: 'TemplateRefreshReport' });

export const DeleteResultSchema = z
  .object({ templateId: z.string(), deleted: z.boolean(), dryRun: z.boolean() })
  .meta({ id: 'TemplateDeleteResult' });
