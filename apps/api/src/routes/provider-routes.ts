import { z } from 'zod';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import {
  ProviderCapabilitiesSchema,
  ProviderDetailSchema,
  ProviderHealthReportSchema,
  ProviderListSchema,
  ProviderMetricsListSchema,
} from '../schemas/provider-schemas.js';
import { TemplateListSchema } from '../schemas/template-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { templateList, templateVisibleTo } from './template-routes.js';
import { callerOf } from '../auth/caller.js';
import { providerNotFound, ProviderVisibility, withoutHiddenProviders } from '../tenancy/provider-visibility.js';

const ProviderParamsSchema = z.object({ name: z.string().min(1).max(64).describe('A provider instance, e.g. aws-us-east-1.') });

/** Provider instances: list, detail (credentials masked), capabilities, templates, health, metrics. */
export function registerProviderRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const { application } = dependencies;
  const tags = ['providers'];
  // Another organization's instances are not listed, and naming one answers as an unknown one.
  const visibility = new ProviderVisibility(dependencies.providers, dependencies.storage.providerInstances);

  const listProviders = (correlationId: string) => application.dispatch({ type: 'ListAvailableProviders' }, { correlationId });

  server.get(
    '/providers',
    {
      schema: {
        tags,
        summary: 'Provider instances, with their status and the selection policy',
        querystring: z.object({
          provider_type: z.string().min(1).optional(),
          healthy_only: z.stringbool().default(false).describe('Only instances selection may use now.'),
        }),
        response: { 200: ProviderListSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const visible = await visibility.of(callerOf(request));
      const list = await application.dispatch(
        {
          type: 'ListAvailableProviders',
          filterHealthyOnly: request.query.healthy_only,
          ...(request.query.provider_type === undefined ? {} : { providerType: request.query.provider_type }),
        },
        { correlationId: request.id },
      );
      return { ...list, providers: list.providers.filter((provider) => visible.has(provider.name)), fallback: list.fallback.filter((name) => visible.has(name)) };
    },
  );

  server.get(
    '/providers/metrics',
    {
      schema: {
        tags,
        summary: 'Provider call metrics over a time window',
        querystring: z.object({
          provider_name: z.string().min(1).optional(),
          time_range_hours: z.coerce.number().positive().max(744).default(1),
          include_operation_breakdown: z.stringbool().default(true),
          include_error_details: z.stringbool().default(false),
        }),
        response: { 200: ProviderMetricsListSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const visible = request.query.provider_name === undefined ? await visibility.of(caller) : await visibility.require(caller, request.query.provider_name);
      return withoutHiddenProviders(await application.dispatch({ type: 'GetProviderMetrics', ...request.query }, { correlationId: request.id }), visible);
    },
  );

  server.get(
    '/providers/:name',
    {
      schema: {
        tags,
        summary: 'One provider instance; its settings with credentials masked',
        params: ProviderParamsSchema,
        response: { 200: ProviderDetailSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const visible = await visibility.require(callerOf(request), request.params.name);
      const list = await listProviders(request.id);
      const provider = list.providers.find((candidate) => candidate.name === request.params.name);
      if (provider === undefined) throw providerNotFound(request.params.name, visible.names);
      const settings = dependencies.providerSettings?.(provider.name);
      return { ...provider, capabilities: [...provider.capabilities], ...(settings === undefined ? {} : { settings: { ...settings } }) };
    },
  );

  server.get(
    '/providers/:name/capabilities',
    {
      schema: {
        tags,
        summary: 'What a provider instance supports: APIs, pricing models, fleet types, limits, performance',
        params: ProviderParamsSchema,
        response: { 200: ProviderCapabilitiesSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const visible = await visibility.require(callerOf(request), request.params.name);
      const result = await application.dispatch(
        { type: 'GetProviderCapabilities', providerName: request.params.name, includePerformanceMetrics: true, includeLimitations: true },
        { correlationId: request.id },
      );
      const [report] = result.providers;
      if (report === undefined) throw providerNotFound(request.params.name, visible.names);
      return report;
    },
  );

  server.get(
    '/providers/:name/templates',
    {
      schema: {
        tags,
        summary: 'The templates a provider instance can serve',
        description:
          'Resolved as requests are: templates pinned to the instance (providerName), else those of its provider type (providerType), else those whose providerApi it declares, else, for templates naming none of these, the default instance or type (every instance when none is configured). A template whose providerApi the instance does not declare is never listed.',
        params: ProviderParamsSchema,
        response: { 200: TemplateListSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      await visibility.require(caller, request.params.name);
      const { templates } = await application.dispatch(
        { type: 'ListProviderTemplates', providerName: request.params.name },
        { correlationId: request.id },
      );
      return templateList(application, templates.filter((template) => templateVisibleTo(template, caller.organizationId)), request.id);
    },
  );

  server.get(
    '/providers/:name/health',
    {
      schema: {
        tags,
        summary: 'Health of a provider instance (checked live), with its circuit breaker and capacity blocks',
        params: ProviderParamsSchema,
        querystring: z.object({
          include_history: z.stringbool().default(false),
          check: z.stringbool().default(true).describe('Run the provider\'s health check now (it calls the cloud).'),
        }),
        response: { 200: ProviderHealthReportSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      await visibility.require(callerOf(request), request.params.name);
      const result = await application.dispatch(
        {
          type: 'GetProviderHealth',
          providerName: request.params.name,
          includeDetails: true,
          includeHistory: request.query.include_history,
          check: request.query.check,
        },
        { correlationId: request.id },
      );
      const [report] = result.providers;
      if (report === undefined) throw providerNotFound(request.params.name, []);
      return report;
    },
  );
}
