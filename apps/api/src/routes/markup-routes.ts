import {
  MarkupRuleBodySchema,
  MarkupRuleItemSchema,
  MarkupRuleListSchema,
  MarkupRuleParamsSchema,
} from '../schemas/catalog-schemas.js';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { callerOf } from '../auth/caller.js';

/**
 * The owner of a markup change: a platform admin's rules are platform ones (every
 * organization's prices); anyone else's apply to their organization only.
 */
function ownerOf(request: FastifyRequest): { organizationId?: string } {
  const caller = callerOf(request);
  return caller.platformAdmin ? {} : { organizationId: caller.organizationId };
}
import { dispatchOptionsOf } from '../events/caller-of.js';

/** Markup rules admins change at run time; configured ones (pricing.markups) are listed beside them. */
export function registerMarkupRoutes(server: ZodServer, dependencies: ApiDependencies): void {
  const { application } = dependencies;
  const tags = ['pricing'];
  const config = { access: 'administer' as const };

  server.get(
    '/pricing/markups',
    { config, schema: { tags, summary: 'Markup rules in effect, configured and stored', response: { 200: MarkupRuleListSchema, ...COMMON_ERROR_RESPONSES } } },
    async (request) => application.dispatch({ type: 'ListMarkupRules', organizationId: callerOf(request).organizationId }, { correlationId: request.id }),
  );

  server.put(
    '/pricing/markups/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Add or replace a stored markup rule',
        description: 'A stored rule with the id of a configured one replaces it. The most specific rule covering a plan wins (plan > instance > type > all).',
        params: MarkupRuleParamsSchema,
        body: MarkupRuleBodySchema,
        response: { 200: MarkupRuleItemSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { rule } = await application.dispatch({ type: 'SaveMarkupRule', ...ownerOf(request), rule: { ...request.body, id: request.params.id } }, dispatchOptionsOf(request));
      return { ...rule, source: 'stored' as const };
    },
  );

  server.delete(
    '/pricing/markups/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Delete a stored markup rule',
        description: 'A configured rule with the same id applies again afterwards; configured rules themselves are changed in the configuration file.',
        params: MarkupRuleParamsSchema,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), 404: ErrorEnvelopeSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => application.dispatch({ type: 'DeleteMarkupRule', ...ownerOf(request), id: request.params.id }, dispatchOptionsOf(request)),
  );
}
