import { availableNumberOf, type Template } from '@ohf/domain-core';
import { z } from 'zod';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import {
  DeleteResultSchema,
  RefreshReportSchema,
  TemplateBodySchema,
  TemplateChangesSchema,
  TemplateDetailSchema,
  TemplateListSchema,
  TemplateWriteResultSchema,
  ValidateTemplateBodySchema,
  ValidationReportSchema,
} from '../schemas/template-schemas.js';
import { maskSecrets } from '../secrets/mask-secrets.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { callerOf, organizationOf } from '../auth/caller.js';
import type { FastifyRequest } from 'fastify';
import { ProviderVisibility } from '../tenancy/provider-visibility.js';

/**
 * The owner a template change names: a platform admin's templates are platform ones every
 * organization sees (as the configuration files' are); anyone else's belong to their organization.
 */
function ownerOf(request: FastifyRequest): { organizationId?: string } {
  const caller = callerOf(request);
  return caller.platformAdmin ? {} : { organizationId: caller.organizationId };
}

/** A template the organization may see: a platform one or its own. */
export function templateVisibleTo(template: Template, organizationId: string): boolean {
  return template.organizationId === undefined || template.organizationId === organizationId;
}
import { dispatchOptionsOf } from '../events/caller-of.js';

const TemplateParamsSchema = z.object({ id: z.string().min(1).max(64).describe('A templateId.') });
const DryRunQuerySchema = z.object({
  dry_run: z.stringbool().default(false).describe('Validate and show the result without saving.'),
});

/** Provider options may carry passwords (e.g. a Linode root_pass): never sent back in clear. */
export function publicTemplate(template: Template): Template {
  return { ...template, providerOptions: maskSecrets(template.providerOptions) };
}

/** A template list answer: each template masked, with the machines it still allows. */
export async function templateList(
  application: ApiDependencies['application'],
  templates: readonly Template[],
  correlationId: string,
): Promise<z.infer<typeof TemplateListSchema>> {
  const { usage } = await application.dispatch({ type: 'GetTemplateUsage' }, { correlationId });
  return {
    templates: templates.map((template) => ({ ...publicTemplate(template), availableNumber: availableNumberOf(template, usage[template.templateId] ?? 0) })),
    total: templates.length,
  };
}

/** Template listing with provider filters, CRUD, validation and cache refresh. */
export function registerTemplateRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const { application } = dependencies;
  const tags = ['templates'];
  const providerVisibility = new ProviderVisibility(dependencies.providers, dependencies.storage.providerInstances);

  server.get(
    '/templates',
    {
      schema: {
        tags,
        summary: 'List usable templates',
        querystring: z.object({
          provider_type: z.string().min(1).optional().describe('Only templates for this provider type, e.g. aws.'),
          provider_name: z.string().min(1).optional().describe('Only templates bound to this provider instance.'),
          provider_api: z.string().min(1).optional().describe('Only templates using this API, e.g. EC2Fleet.'),
          enabled: z.stringbool().optional(),
          q: z.string().min(1).optional().describe('Part of the templateId (case-insensitive).'),
        }),
        response: { 200: TemplateListSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const query = request.query;
      const result = await application.dispatch(
        {
          type: 'ListTemplates',
          organizationId: organizationOf(request),
          ...(query.provider_type === undefined ? {} : { providerType: query.provider_type }),
          ...(query.provider_name === undefined ? {} : { providerName: query.provider_name }),
          ...(query.provider_api === undefined ? {} : { providerApi: query.provider_api }),
          ...(query.enabled === undefined ? {} : { enabled: query.enabled }),
          ...(query.q === undefined ? {} : { text: query.q }),
        },
        { correlationId: request.id },
      );
      return templateList(application, result.templates, request.id);
    },
  );

  server.post(
    '/templates',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'Create a template',
        description: 'Validated at the configured level (and against its provider instance when it names one). An existing id is 409.',
        querystring: DryRunQuerySchema,
        body: TemplateBodySchema,
        response: { 200: TemplateWriteResultSchema, 201: TemplateWriteResultSchema, ...COMMON_ERROR_RESPONSES, 409: ErrorEnvelopeSchema, 422: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const result = await application.dispatch(
        { type: 'CreateTemplate', ...ownerOf(request), template: request.body, dryRun: request.query.dry_run },
        dispatchOptionsOf(request),
      );
      return reply.code(result.dryRun ? 200 : 201).send({ template: publicTemplate(result.template), dryRun: result.dryRun });
    },
  );

  server.post(
    '/templates/validate',
    {
      schema: {
        tags,
        summary: 'Validate a stored template or a template body',
        description: 'Answers 200 with `valid` and the findings, each naming the field path (and file, for templates read from files).',
        body: ValidateTemplateBodySchema,
        response: { 200: ValidationReportSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const body = request.body;
      // Another organization's template or provider instance answers as a missing one.
      if (body.templateId !== undefined) {
        await application.dispatch({ type: 'GetTemplate', organizationId: organizationOf(request), templateId: body.templateId }, { correlationId: request.id });
      }
      if (body.provider_instance !== undefined) await providerVisibility.require(callerOf(request), body.provider_instance);
      return application.dispatch(
        {
          type: 'ValidateTemplate',
          ...(body.templateId === undefined ? {} : { templateId: body.templateId }),
          ...(body.template === undefined ? {} : { template: body.template }),
          ...(body.level === undefined ? {} : { level: body.level }),
          ...(body.provider_instance === undefined ? {} : { providerInstance: body.provider_instance }),
        },
        dispatchOptionsOf(request),
      );
    },
  );

  server.post(
    '/templates/refresh',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'Drop the template cache and read the template files again',
        response: { 200: RefreshReportSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) =>
      application.dispatch({ type: 'RefreshTemplates' }, dispatchOptionsOf(request)),
  );

  server.get(
    '/templates/:id',
    {
      schema: {
        tags,
        summary: 'One template',
        params: TemplateParamsSchema,
        querystring: z.object({ source_info: z.stringbool().default(false).describe('Also say which file set each field.') }),
        response: { 200: TemplateDetailSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const result = await application.dispatch(
        { type: 'GetTemplate', organizationId: organizationOf(request), templateId: request.params.id, includeSourceInfo: request.query.source_info },
        { correlationId: request.id },
      );
      return { template: publicTemplate(result.template), ...(result.sourceInfo === undefined ? {} : { sourceInfo: result.sourceInfo }) };
    },
  );

  server.put(
    '/templates/:id',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'Change a template',
        description: 'The fields given replace the stored ones; null removes an optional field; the id cannot change.',
        params: TemplateParamsSchema,
        querystring: DryRunQuerySchema,
        body: TemplateChangesSchema,
        response: { 200: TemplateWriteResultSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema, 422: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const result = await application.dispatch(
        { type: 'UpdateTemplate', ...ownerOf(request), templateId: request.params.id, changes: request.body, dryRun: request.query.dry_run },
        dispatchOptionsOf(request),
      );
      return { template: publicTemplate(result.template), dryRun: result.dryRun };
    },
  );

  server.delete(
    '/templates/:id',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'Delete a template',
        params: TemplateParamsSchema,
        querystring: DryRunQuerySchema,
        response: { 200: DeleteResultSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) =>
      application.dispatch(
        { type: 'DeleteTemplate', ...ownerOf(request), templateId: request.params.id, dryRun: request.query.dry_run },
        dispatchOptionsOf(request),
      ),
  );
}
