import type { DispatchOptions } from '@ohf/application-cqrs';
import { z } from 'zod';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema, plainText } from '../schemas/common-schemas.js';
import { StrategyResultSchema } from '../schemas/provider-schemas.js';
import { dispatchOptionsOf } from '../events/caller-of.js';
import { maskSecrets } from '../secrets/mask-secrets.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import type { FastifyRequest } from 'fastify';
import { BusinessRuleError } from '@ohf/domain-core';
import { callerOf } from '../auth/caller.js';
import { ProviderVisibility, withoutHiddenProviders } from '../tenancy/provider-visibility.js';

const OPERATION_TYPES = [
  'CREATE_INSTANCES',
  'TERMINATE_INSTANCES',
  'GET_INSTANCE_STATUS',
  'VALIDATE_TEMPLATE',
  'GET_AVAILABLE_TEMPLATES',
  'HEALTH_CHECK',
] as const;

const SelectionCriteriaSchema = z
  .looseObject({
    required_capabilities: z.array(plainText()).optional(),
    min_success_rate: z.number().min(0).max(100).optional(),
    max_response_time_ms: z.number().positive().optional(),
    require_healthy: z.boolean().optional(),
    exclude_strategies: z.array(plainText()).optional(),
    prefer_strategies: z.array(plainText()).optional(),
    max_price_hourly: z.number().positive().optional().describe('Skip provider instances whose plan for the template costs more per hour (markup included).'),
  })
  .meta({ id: 'SelectionCriteria' });

// Bodies are written as the strategy guide writes them (snake_case); camelCase keys are accepted too.
const ExecuteBodySchema = z
  .looseObject({
    operation_type: z.enum(OPERATION_TYPES),
    parameters: z.record(z.string(), z.unknown()).optional().describe('Per operation, e.g. {"template_id": "web-server", "count": 2}.'),
    strategy_override: plainText().optional().describe('Run on this provider instance instead of selecting one.'),
    selection_criteria: SelectionCriteriaSchema.optional(),
    dry_run: z.boolean().optional(),
  })
  .meta({ id: 'ExecuteProviderOperation' });

const SelectBodySchema = z
  .looseObject({
    operation_type: z.enum(OPERATION_TYPES).optional(),
    template_id: plainText(64).optional().describe('Select as a request for this template would.'),
    provider_api: plainText().optional(),
    selection_criteria: SelectionCriteriaSchema.optional(),
    dry_run: z.boolean().optional().describe('Explain only: leave rotation state untouched.'),
  })
  .meta({ id: 'SelectProviderStrategy' });

const RegisterBodySchema = z
  .looseObject({
    strategy_name: plainText(64).describe('The new provider instance name.'),
    provider_type: plainText(),
    strategy_config: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Provider settings. Credentials in them are stored encrypted (AES-256-GCM) and never returned.'),
    capabilities: z.union([z.array(plainText()), z.record(z.string(), z.boolean())]).optional(),
    priority: z.number().int().optional(),
    weight: z.number().nonnegative().optional(),
    enabled: z.boolean().optional(),
    replace: z.boolean().optional().describe('Replace an instance of the same name instead of answering 409.'),
  })
  .meta({ id: 'RegisterProviderStrategy' });

const UpdateHealthBodySchema = z
  .looseObject({
    provider_name: plainText(),
    health_status: z.looseObject({
      is_healthy: z.boolean().optional(),
      status_message: plainText(1_024).optional(),
      error_details: z.record(z.string(), z.unknown()).optional(),
    }),
    source: plainText().optional(),
  })
  .meta({ id: 'UpdateProviderHealth' });

const ConfigureBodySchema = z
  .looseObject({
    default_selection_policy: plainText().optional(),
    selection_criteria: SelectionCriteriaSchema.optional(),
    fallback_strategies: z.array(plainText()).optional(),
    health_check_interval: z
      .number()
      .nonnegative()
      .max(604_800)
      .optional()
      .describe('Seconds between periodic health checks of every enabled instance (a background worker); 0 turns them off.'),
    circuit_breaker_config: z.looseObject({ failure_threshold: z.number().int().positive().optional(), recovery_timeout: z.number().positive().optional() }).optional(),
  })
  .meta({ id: 'ConfigureProviderStrategy' });

/**
 * The provider strategy operations of the strategy guide: reads as GET with query parameters,
 * changes as POST with the guide's JSON bodies, passed to the application as they are.
 */
export function registerStrategyRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const { application } = dependencies;
  const tags = ['provider strategy'];
  const responses = { 200: StrategyResultSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema, 409: ErrorEnvelopeSchema, 422: ErrorEnvelopeSchema, 503: ErrorEnvelopeSchema };
  const run = async (message: Record<string, unknown>, options: DispatchOptions) =>
    maskSecrets((await application.dispatch(message, options)) as Record<string, unknown>);
  const visibility = new ProviderVisibility(dependencies.providers, dependencies.storage.providerInstances);
  /**
   * A read scoped to the caller's organization: naming an instance it may not see answers as an
   * unknown one, and lists in the answer lose the instances it may not see.
   */
  const scopedRead = async (request: FastifyRequest, message: Record<string, unknown>) => {
    const caller = callerOf(request);
    const named = message['provider_name'];
    const visible = typeof named === 'string' ? await visibility.require(caller, named) : await visibility.of(caller);
    return withoutHiddenProviders(await run(message, { correlationId: request.id }), visible);
  };

  server.get(
    '/providers/strategy/health',
    {
      schema: {
        tags,
        summary: 'getProviderHealth',
        querystring: z.object({
          provider_name: z.string().min(1).optional(),
          include_details: z.stringbool().optional(),
          include_history: z.stringbool().optional(),
          check: z.stringbool().optional(),
        }),
        response: responses,
      },
    },
    async (request) => scopedRead(request, { type: 'GetProviderHealth', ...request.query }),
  );

  server.get(
    '/providers/strategy/list',
    {
      schema: {
        tags,
        summary: 'listAvailableProviders',
        querystring: z.object({ filter_healthy_only: z.stringbool().optional(), provider_type: z.string().min(1).optional() }),
        response: responses,
      },
    },
    async (request) => scopedRead(request, { type: 'ListAvailableProviders', ...request.query }),
  );

  server.get(
    '/providers/strategy/metrics',
    {
      schema: {
        tags,
        summary: 'getProviderMetrics',
        querystring: z.object({
          provider_name: z.string().min(1).optional(),
          time_range_hours: z.coerce.number().positive().max(744).optional(),
          include_operation_breakdown: z.stringbool().optional(),
          include_error_details: z.stringbool().optional(),
        }),
        response: responses,
      },
    },
    async (request) => scopedRead(request, { type: 'GetProviderMetrics', ...request.query }),
  );

  server.get(
    '/providers/strategy/capabilities',
    {
      schema: {
        tags,
        summary: 'getProviderCapabilities',
        querystring: z.object({
          provider_name: z.string().min(1).optional(),
          include_performance_metrics: z.stringbool().optional(),
          include_limitations: z.stringbool().optional(),
        }),
        response: responses,
      },
    },
    async (request) => scopedRead(request, { type: 'GetProviderCapabilities', ...request.query }),
  );

  server.post(
    '/providers/strategy/select',
    {
      config: { access: 'operate' },
      schema: { tags, summary: 'selectProviderStrategy', body: SelectBodySchema, response: responses },
    },
    async (request) => {
      const caller = callerOf(request);
      const visible = await visibility.of(caller);
      const body = request.body;
      // Another organization's template answers as a missing one.
      if (body.template_id !== undefined) {
        await application.dispatch({ type: 'GetTemplate', organizationId: caller.organizationId, templateId: body.template_id }, { correlationId: request.id });
      }
      // Selection chooses among the instances the caller may use: the others are excluded, then scrubbed from the explanation.
      const criteria = body.selection_criteria ?? {};
      const excluded = [...(criteria.exclude_strategies ?? []), ...visible.hidden];
      const message = { ...body, type: 'SelectProviderStrategy', organizationId: caller.organizationId, selection_criteria: { ...criteria, exclude_strategies: excluded } };
      return withoutHiddenProviders(await run(message, dispatchOptionsOf(request)), visible);
    },
  );

  server.post(
    '/providers/strategy/execute',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'executeProviderOperation',
        description: 'Runs one provider operation directly (with automatic selection or strategy_override). Needs the admin scope.',
        body: ExecuteBodySchema,
        response: responses,
      },
    },
    async (request) => {
      const result = await run({ ...request.body, type: 'ExecuteProviderOperation' }, dispatchOptionsOf(request));
      if (request.body.operation_type === 'CREATE_INSTANCES' || request.body.operation_type === 'TERMINATE_INSTANCES') dependencies.onWorkCreated?.();
      return result;
    },
  );

  server.post(
    '/providers/strategy/register',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'registerProviderStrategy',
        description: 'Adds a provider instance at run time. Its settings are stored encrypted at rest; the answer never contains them.',
        body: RegisterBodySchema,
        response: { ...responses, 201: StrategyResultSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { exists, owner } = await visibility.ownership(request.body.strategy_name);
      // Names are unique across the installation; only a platform admin replaces an instance its organization does not own.
      if (exists && !caller.platformAdmin && owner !== caller.organizationId) {
        throw new BusinessRuleError('CONFLICT', `The provider instance name "${request.body.strategy_name}" is taken; choose another.`, {
          details: { strategy_name: request.body.strategy_name },
        });
      }
      // The instance belongs to the caller's organization (global instances come from the configuration file).
      return reply.code(201).send(await run({ ...request.body, type: 'RegisterProviderStrategy', organizationId: caller.organizationId }, dispatchOptionsOf(request)));
    },
  );

  server.post(
    '/providers/strategy/update-health',
    {
      config: { access: 'platform' },
      schema: { tags, summary: 'updateProviderHealth', body: UpdateHealthBodySchema, response: responses },
    },
    async (request) => run({ ...request.body, type: 'UpdateProviderHealth' }, dispatchOptionsOf(request)),
  );

  server.post(
    '/providers/strategy/configure',
    {
      config: { access: 'platform' },
      schema: { tags, summary: 'configureProviderStrategy', body: ConfigureBodySchema, response: responses },
    },
    async (request) => run({ ...request.body, type: 'ConfigureProviderStrategy' }, dispatchOptionsOf(request)),
  );
}
