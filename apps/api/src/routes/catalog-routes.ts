import { planView, type PlanView } from '@ohf/application-cqrs';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type {
  CatalogPlanItemSchema} from '../schemas/catalog-schemas.js';
import {
  CatalogAppListSchema,
  CatalogImageListSchema,
  CatalogPlanListSchema,
  CatalogPlansQuerySchema,
  CatalogRegionListSchema,
  CatalogScopeQuerySchema,
  CatalogSyncBodySchema,
  CatalogSyncResultSchema,
} from '../schemas/catalog-schemas.js';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { callerOf } from '../auth/caller.js';
import { ProviderVisibility, type VisibleProviders } from '../tenancy/provider-visibility.js';

/** `syncedAt` of the instances the caller may see. */
const visibleSyncTimes = (syncedAt: Readonly<Record<string, string>>, visible: VisibleProviders) =>
  Object.fromEntries(Object.entries(syncedAt).filter(([name]) => visible.has(name)));
import { dispatchOptionsOf } from '../events/caller-of.js';

const defined = <Values extends Record<string, unknown>>(values: Values) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<Values>;

/** Base prices, spot prices and the markup applied are the operator's business: read keys see only what users pay. */
function visiblePlan(plan: PlanView, showsBase: boolean): z.infer<typeof CatalogPlanItemSchema> {
  if (showsBase) return plan;
  const { basePriceHourly: _hourly, basePriceMonthly: _monthly, spotPriceHourly: _spot, markupRuleId: _rule, ...priced } = plan;
  return priced;
}

/** The stored catalog (no provider call) and its sync. */
export function registerCatalogRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const { application } = dependencies;
  const tags = ['catalog'];
  // The catalog of another organization's instances is not listed; naming one answers as an unknown one.
  const visibility = new ProviderVisibility(dependencies.providers, dependencies.storage.providerInstances);
  const visibleFor = async (request: FastifyRequest, provider: string | undefined) =>
    provider === undefined ? visibility.of(callerOf(request)) : visibility.require(callerOf(request), provider);
  // With authentication off every caller is trusted as an admin, as on every other route.
  const showsBase = (request: FastifyRequest) => !dependencies.configuration.auth.enabled || request.principal?.platformAdmin === true;

  server.get(
    '/catalog/plans',
    {
      schema: {
        tags,
        summary: 'Plans with prices (base + markup), filtered and sorted',
        description: 'Reads the stored catalog; POST /catalog/sync refreshes it. Base prices are shown to admin keys only.',
        querystring: CatalogPlansQuerySchema,
        response: { 200: CatalogPlanListSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const query = request.query;
      const visible = await visibleFor(request, query.provider);
      const result = await application.dispatch(
        {
          type: 'ListCatalogPlans',
          organizationId: callerOf(request).organizationId,
          sort: query.sort,
          ...defined({
            provider: query.provider,
            providerType: query.provider_type,
            region: query.region,
            minVcpus: query.min_vcpus,
            minMemoryGb: query.min_memory_gb,
            gpus: query.gpus,
            limit: query.limit,
          }),
        },
        { correlationId: request.id },
      );
      const plans = result.plans.filter((plan) => visible.has(plan.providerInstance)).map((plan) => visiblePlan(planView(plan), showsBase(request)));
      return { plans, total: plans.length, syncedAt: visibleSyncTimes(result.syncedAt, visible) };
    },
  );

  const scopeOf = (query: z.infer<typeof CatalogScopeQuerySchema>) => defined({ provider: query.provider, providerType: query.provider_type });

  server.get(
    '/catalog/regions',
    { schema: { tags, summary: 'Regions of the provider instances', querystring: CatalogScopeQuerySchema, response: { 200: CatalogRegionListSchema, ...COMMON_ERROR_RESPONSES } } },
    async (request) => {
      const visible = await visibleFor(request, request.query.provider);
      const result = await application.dispatch({ type: 'ListCatalogRegions', ...scopeOf(request.query) }, { correlationId: request.id });
      return { regions: result.regions.filter((entry) => visible.has(entry.providerInstance)), syncedAt: visibleSyncTimes(result.syncedAt, visible) };
    },
  );

  server.get(
    '/catalog/images',
    { schema: { tags, summary: 'Images of the provider instances', querystring: CatalogScopeQuerySchema, response: { 200: CatalogImageListSchema, ...COMMON_ERROR_RESPONSES } } },
    async (request) => {
      const visible = await visibleFor(request, request.query.provider);
      const result = await application.dispatch({ type: 'ListCatalogImages', ...scopeOf(request.query) }, { correlationId: request.id });
      return { images: result.images.filter((entry) => visible.has(entry.providerInstance)), syncedAt: visibleSyncTimes(result.syncedAt, visible) };
    },
  );

  server.get(
    '/catalog/apps',
    {
      schema: {
        tags,
        summary: 'One-click apps: Linode StackScripts and DigitalOcean Marketplace apps',
        querystring: CatalogScopeQuerySchema,
        response: { 200: CatalogAppListSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const visible = await visibleFor(request, request.query.provider);
      const result = await application.dispatch({ type: 'ListCatalogApps', ...scopeOf(request.query) }, { correlationId: request.id });
      return { apps: result.apps.filter((entry) => visible.has(entry.providerInstance)), syncedAt: visibleSyncTimes(result.syncedAt, visible) };
    },
  );

  server.post(
    '/catalog/sync',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Read the catalog from the providers now',
        description: 'Each instance is read independently: one that fails keeps its stored catalog and is reported with ok=false. Needs the admin scope.',
        // The body is optional: no body (null to fastify) syncs every enabled instance.
        body: z.preprocess((value) => value ?? {}, CatalogSyncBodySchema),
        response: { 200: CatalogSyncResultSchema, 404: ErrorEnvelopeSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => application.dispatch({ type: 'SyncCatalog', ...defined({ provider: request.body.provider }) }, dispatchOptionsOf(request)),
  );
}
