import { BILLED_MACHINE_STATES, BusinessRuleError, DEFAULT_ORGANIZATION_ID, type Organization } from '@ohf/domain-core';
import { z } from 'zod';
import { callerOf } from '../auth/caller.js';
import type { StoredKeyAuthenticator } from '../auth/stored-key-authenticator.js';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import {
  CreateOrganizationBodySchema,
  CreateUserBodySchema,
  MemberSchema,
  MembershipParamsSchema,
  OrganizationListSchema,
  OrganizationParamsSchema,
  OrganizationViewSchema,
  OwnOrganizationSchema,
  RoleBodySchema,
  UpdateOrganizationBodySchema,
} from '../schemas/tenancy-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { tenancyNotFound } from './tenancy-not-found.js';
import { createMember } from './user-routes.js';


const view = (organization: Organization) => ({ ...organization, quotas: { ...organization.quotas } });

/**
 * Organizations: platform admins create, list, change and delete them and add users to them;
 * every caller reads their own with its quotas and what it uses of them.
 */
export function registerOrganizationRoutes(server: ZodServer, dependencies: ApiDependencies, storedKeys: StoredKeyAuthenticator): void {
  const { application } = dependencies;
  const { tenancy } = dependencies.storage;
  const tags = ['organizations'];
  const platform = { access: 'platform' as const };

  const find = async (organizationId: string): Promise<Organization> => {
    const organization = await tenancy.findOrganization(organizationId);
    if (organization === undefined) throw tenancyNotFound('organization', organizationId);
    return organization;
  };

  const liveMachines = async (organizationId: string, correlationId: string): Promise<number> =>
    (await application.dispatch({ type: 'ListMachines', organizationId, states: [...BILLED_MACHINE_STATES], limit: 1, offset: 0 }, { correlationId })).total;

  server.get(
    '/organization',
    {
      schema: {
        tags,
        summary: "The caller's organization, its quotas and its usage",
        response: { 200: OwnOrganizationSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const organization = await find(caller.organizationId);
      const costs = await application.dispatch(
        { type: 'GetCosts', organizationId: caller.organizationId, groupBy: 'provider', runningOnly: true },
        { correlationId: request.id },
      );
      return {
        ...view(organization),
        role: caller.role,
        platformAdmin: caller.platformAdmin,
        usage: {
          runningMachines: await liveMachines(caller.organizationId, request.id),
          hourlySpend: costs.total.runningPriceHourly,
          currencies: [...costs.currencies],
        },
      };
    },
  );

  server.post(
    '/organizations',
    {
      config: platform,
      schema: {
        tags,
        summary: 'Create an organization (platform admins)',
        body: CreateOrganizationBodySchema,
        response: { 201: OrganizationViewSchema, ...COMMON_ERROR_RESPONSES, 409: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const now = new Date().toISOString();
      const organization: Organization = {
        organizationId: request.body.organizationId,
        name: request.body.name,
        quotas: request.body.quotas ?? {},
        createdAt: now,
        updatedAt: now,
      };
      await tenancy.createOrganization(organization);
      return reply.code(201).send(view(organization));
    },
  );

  server.get(
    '/organizations',
    { config: platform, schema: { tags, summary: 'Every organization (platform admins)', response: { 200: OrganizationListSchema, ...COMMON_ERROR_RESPONSES } } },
    async () => {
      const organizations = await tenancy.listOrganizations();
      return { organizations: organizations.map(view), total: organizations.length };
    },
  );

  server.get(
    '/organizations/:organizationId',
    {
      config: platform,
      schema: { tags, summary: 'One organization (platform admins)', params: OrganizationParamsSchema, response: { 200: OrganizationViewSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema } },
    },
    async (request) => view(await find(request.params.organizationId)),
  );

  server.patch(
    '/organizations/:organizationId',
    {
      config: platform,
      schema: {
        tags,
        summary: "Rename an organization or set its quotas (platform admins)",
        params: OrganizationParamsSchema,
        body: UpdateOrganizationBodySchema,
        response: { 200: OrganizationViewSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const current = await find(request.params.organizationId);
      const changed: Organization = {
        ...current,
        ...(request.body.name === undefined ? {} : { name: request.body.name }),
        ...(request.body.quotas === undefined ? {} : { quotas: request.body.quotas }),
        updatedAt: new Date().toISOString(),
      };
      if (!(await tenancy.updateOrganization(changed))) throw tenancyNotFound('organization', current.organizationId);
      return view(changed);
    },
  );

  server.delete(
    '/organizations/:organizationId',
    {
      config: platform,
      schema: {
        tags,
        summary: 'Delete an organization with its memberships and keys (platform admins)',
        description: 'Refused (409) for the default organization and for one whose machines are not all terminated: return them first.',
        params: OrganizationParamsSchema,
        response: { 200: z.object({ organizationId: z.string(), deleted: z.literal(true) }), ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema, 409: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const { organizationId } = request.params;
      await find(organizationId);
      if (organizationId === DEFAULT_ORGANIZATION_ID) {
        throw new BusinessRuleError('CONFLICT', 'The default organization holds the CLI\'s and the configuration keys\' work; it cannot be deleted.', {
          details: { organization_id: organizationId },
        });
      }
      const machines = await liveMachines(organizationId, request.id);
      if (machines > 0) {
        throw new BusinessRuleError('CONFLICT', `Organization ${organizationId} still has ${machines} machine(s) not terminated; return them before deleting it.`, {
          details: { organization_id: organizationId, live_machines: machines },
        });
      }
      if (!(await tenancy.deleteOrganization(organizationId))) throw tenancyNotFound('organization', organizationId);
      storedKeys.forgetAll();
      return { organizationId, deleted: true as const };
    },
  );

  server.post(
    '/organizations/:organizationId/users',
    {
      config: platform,
      schema: {
        tags,
        summary: "Create a user in an organization with a role (platform admins): how an organization gets its first admin",
        params: OrganizationParamsSchema,
        body: CreateUserBodySchema,
        response: { 201: MemberSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema, 409: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      await find(request.params.organizationId);
      return reply.code(201).send(await createMember(tenancy, request.params.organizationId, request.body));
    },
  );

  server.put(
    '/organizations/:organizationId/members/:userId',
    {
      config: platform,
      schema: {
        tags,
        summary: 'Add an existing user to an organization, or change their role there (platform admins)',
        params: MembershipParamsSchema,
        body: RoleBodySchema,
        response: { 200: MemberSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const { organizationId, userId } = request.params;
      await find(organizationId);
      const user = await tenancy.findUser(userId);
      if (user === undefined) throw tenancyNotFound('user', userId);
      const existing = (await tenancy.membershipsOfUser(userId)).find((membership) => membership.organizationId === organizationId);
      const membership = { organizationId, userId, role: request.body.role, createdAt: existing?.createdAt ?? new Date().toISOString() };
      await tenancy.saveMembership(membership);
      storedKeys.forgetAll();
      return { userId, name: user.name, role: membership.role, platformAdmin: user.platformAdmin, createdAt: membership.createdAt };
    },
  );
}
