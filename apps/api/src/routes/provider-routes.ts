import { z } from 'zod';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import {
  ProviderActivitySchema,
  ProviderCapabilitiesSchema,
  ProviderChangeSchema,
  ProviderDetailSchema,
  ProviderHealthReportSchema,
  ProviderListSchema,
  ProviderMetricsListSchema,
} from '../schemas/provider-schemas.js';
import { TemplateListSchema } from '../schemas/template-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { templateList, templateVisibleTo } from './template-routes.js';
import { callerOf, organizationOf } from '../auth/caller.js';
import { BusinessRuleError, type AuditEvent } from '@ohf/domain-core';
import { dispatchOptionsOf } from '../events/caller-of.js';
import { ACTIVITY_EVENT_TYPES, activityWindowStart, aggregateProviderActivity } from '../events/provider-activity.js';
import { providerNotFound, ProviderVisibility, withoutHiddenProviders } from '../tenancy/provider-visibility.js';

/** Pages of the audit trail one activity answer reads at most (1,000 events each): the answer's cost stays bounded. */
const ACTIVITY_MAXIMUM_PAGES = 20;
const ACTIVITY_PAGE = 1_000;

const ProviderParamsSchema = z.object({ name: z.string().min(1).max(64).describe('A provider instance, e.g. aws-us-east-1.') });

/** Provider instances: list, detail (credentials masked), enable and disable, capabilities, templates, health, metrics, activity. */
export function registerProviderRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const { application } = dependencies;
  const tags = ['providers'];
  // Another organization's instances are not listed, and naming one answers as an unknown one.
  const visibility = new ProviderVisibility(dependencies.providers, dependencies.storage.providerInstances);

  /** Instances registered at run time (any organization's: only visible ones are answered). */
  const registeredNames = async () => new Set((await dependencies.storage.providerInstances.list()).map((record) => record.name));
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
      const registered = await registeredNames();
      return {
        ...list,
        providers: list.providers.filter((provider) => visible.has(provider.name)).map((provider) => ({ ...provider, registered: registered.has(provider.name) })),
        fallback: list.fallback.filter((name) => visible.has(name)),
      };
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

  const detailOf = async (name: string, names: readonly string[], correlationId: string) => {
    const list = await listProviders(correlationId);
    const provider = list.providers.find((candidate) => candidate.name === name);
    if (provider === undefined) throw providerNotFound(name, names);
    const settings = dependencies.providerSettings?.(provider.name);
    const registered = (await registeredNames()).has(name);
    return { ...provider, capabilities: [...provider.capabilities], registered, ...(settings === undefined ? {} : { settings: { ...settings } }) };
  };

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
      return detailOf(request.params.name, visible.names, request.id);
    },
  );

  server.patch(
    '/providers/:name',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'Enable or disable a provider instance registered at run time',
        description:
          'A disabled instance is not selected for new work; its machines are still watched and can be returned. The instance is registered again as it is stored (its credentials stay sealed and are never answered), so every replica picks the change up. Configuration-file instances are changed in the configuration (409).',
        params: ProviderParamsSchema,
        body: ProviderChangeSchema,
        response: { 200: ProviderDetailSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema, 409: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const { name } = request.params;
      const visible = await visibility.require(callerOf(request), name);
      const registration = await dependencies.registeredProviders?.(name);
      if (registration === undefined) {
        throw new BusinessRuleError('CONFLICT', `Provider instance ${name} comes from the configuration file: set its "enabled" there and restart.`, {
          details: { provider: name },
        });
      }
      if (registration.enabled !== request.body.enabled) {
        await application.dispatch(
          {
            type: 'RegisterProviderStrategy',
            name,
            providerType: registration.type,
            config: registration.config,
            capabilities: [...registration.capabilities],
            priority: registration.priority,
            weight: registration.weight,
            enabled: request.body.enabled,
            replace: true,
            organizationId: registration.organizationId,
          },
          dispatchOptionsOf(request),
        );
      }
      return detailOf(name, visible.names, request.id);
    },
  );

  server.get(
    '/providers/:name/activity',
    {
      schema: {
        tags,
        summary: "A provider instance's provisioning activity per hour, from the caller's audit trail",
        description:
          'Attempts started, failed and partial attempts, machines launched and the mean attempt time per clock hour (UTC), counted from the audit events of the caller’s organization only (as `GET /events` lists them). At most 20,000 events are read; `truncated` says when the window held more.',
        params: ProviderParamsSchema,
        querystring: z.object({ hours: z.coerce.number().int().min(1).max(168).default(24).describe('Clock hours to cover, the current one included.') }),
        response: { 200: ProviderActivitySchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const { name } = request.params;
      await visibility.require(callerOf(request), name);
      const now = new Date();
      const { hours } = request.query;
      const since = activityWindowStart(now, hours).toISOString();
      const events: AuditEvent[] = [];
      let after: number | undefined;
      let truncated = false;
      for (let page = 0; ; page += 1) {
        const result = await application.dispatch(
          {
            type: 'ListEvents',
            organizationId: organizationOf(request),
            since,
            types: [...ACTIVITY_EVENT_TYPES],
            limit: ACTIVITY_PAGE,
            ...(after === undefined ? {} : { afterSequence: after }),
          },
          { correlationId: request.id },
        );
        events.push(...result.events);
        if (result.nextSequence === undefined) break;
        if (page + 1 === ACTIVITY_MAXIMUM_PAGES) {
          truncated = true;
          break;
        }
        after = result.nextSequence;
      }
      return aggregateProviderActivity(events, { providerInstance: name, now, hours, truncated });
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
