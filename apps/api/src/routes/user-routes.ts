import { randomBytes } from 'node:crypto';
import type { Membership, TenancyRepository, User } from '@ohf/domain-core';
import { z } from 'zod';
import { callerOf } from '../auth/caller.js';
import type { StoredKeyAuthenticator } from '../auth/stored-key-authenticator.js';
import { apiError } from '../http/api-error.js';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import { CreateUserBodySchema, MemberListSchema, MemberSchema, RoleBodySchema, UserParamsSchema } from '../schemas/tenancy-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { tenancyNotFound } from './tenancy-not-found.js';

const memberView = (user: User, membership: Membership) => ({
  userId: user.userId,
  name: user.name,
  role: membership.role,
  platformAdmin: user.platformAdmin,
  createdAt: membership.createdAt,
});

/** A member of the organization with their membership, or 404 (a user elsewhere is not named). */
export async function memberOf(tenancy: TenancyRepository, organizationId: string, userId: string): Promise<{ user: User; membership: Membership }> {
  const membership = (await tenancy.membershipsOfOrganization(organizationId)).find((candidate) => candidate.userId === userId);
  const user = membership === undefined ? undefined : await tenancy.findUser(userId);
  if (membership === undefined || user === undefined) throw tenancyNotFound('user', userId);
  return { user, membership };
}

/** Creates a user and makes them a member of the organization with the role. */
export async function createMember(
  tenancy: TenancyRepository,
  organizationId: string,
  body: { readonly name: string; readonly role: Membership['role']; readonly platformAdmin?: boolean | undefined },
) {
  const now = new Date().toISOString();
  const user: User = { userId: `u-${randomBytes(8).toString('hex')}`, name: body.name, platformAdmin: body.platformAdmin ?? false, createdAt: now, updatedAt: now };
  await tenancy.createUser(user);
  const membership: Membership = { organizationId, userId: user.userId, role: body.role, createdAt: now };
  await tenancy.saveMembership(membership);
  return memberView(user, membership);
}

/** The users of the caller's organization, for its admins: add, list, change roles, remove. */
export function registerUserRoutes(server: ZodServer, dependencies: ApiDependencies, storedKeys: StoredKeyAuthenticator): void {
  const { tenancy } = dependencies.storage;
  const tags = ['users'];
  const config = { access: 'administer' as const };

  server.get(
    '/users',
    { config, schema: { tags, summary: "The members of the caller's organization, with their roles", response: { 200: MemberListSchema, ...COMMON_ERROR_RESPONSES } } },
    async (request) => {
      const { organizationId } = callerOf(request);
      const [memberships, users] = await Promise.all([tenancy.membershipsOfOrganization(organizationId), tenancy.listUsers(organizationId)]);
      const byId = new Map(users.map((user) => [user.userId, user]));
      const members = memberships.flatMap((membership) => {
        const user = byId.get(membership.userId);
        return user === undefined ? [] : [memberView(user, membership)];
      });
      return { users: members, total: members.length };
    },
  );

  server.post(
    '/users',
    {
      config,
      schema: {
        tags,
        summary: "Create a user in the caller's organization with a role",
        description: 'The user then gets API keys with POST /api-keys (an admin may create them). User names are unique across organizations (409).',
        body: CreateUserBodySchema,
        response: { 201: MemberSchema, ...COMMON_ERROR_RESPONSES, 409: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (request.body.platformAdmin === true && !caller.platformAdmin) {
        throw apiError('FORBIDDEN', 'Only a platform admin may make another platform admin.', { required_permission: 'platform', role: caller.role });
      }
      return reply.code(201).send(await createMember(tenancy, caller.organizationId, request.body));
    },
  );

  server.get(
    '/users/:userId',
    {
      config,
      schema: { tags, summary: "One member of the caller's organization", params: UserParamsSchema, response: { 200: MemberSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema } },
    },
    async (request) => {
      const { user, membership } = await memberOf(tenancy, callerOf(request).organizationId, request.params.userId);
      return memberView(user, membership);
    },
  );

  server.patch(
    '/users/:userId',
    {
      config,
      schema: {
        tags,
        summary: "Change a member's role",
        params: UserParamsSchema,
        body: RoleBodySchema,
        response: { 200: MemberSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const { user, membership } = await memberOf(tenancy, callerOf(request).organizationId, request.params.userId);
      const changed = { ...membership, role: request.body.role };
      await tenancy.saveMembership(changed);
      storedKeys.forgetAll();
      return memberView(user, changed);
    },
  );

  server.delete(
    '/users/:userId',
    {
      config,
      schema: {
        tags,
        summary: "Remove a member from the caller's organization",
        description: "Their keys for this organization are revoked; the user stays a member of their other organizations.",
        params: UserParamsSchema,
        response: { 200: z.object({ userId: z.string(), removed: z.literal(true), revokedKeys: z.number().int() }), ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const { organizationId } = callerOf(request);
      const { user } = await memberOf(tenancy, organizationId, request.params.userId);
      await tenancy.deleteMembership(organizationId, user.userId);
      const now = new Date().toISOString();
      const keys = await tenancy.listApiKeys({ userId: user.userId, organizationId });
      let revokedKeys = 0;
      for (const key of keys) {
        if (key.organizationId === organizationId && key.revokedAt === undefined && (await tenancy.revokeApiKey(key.keyId, now))) revokedKeys += 1;
      }
      storedKeys.forgetAll();
      return { userId: user.userId, removed: true as const, revokedKeys };
    },
  );
}
