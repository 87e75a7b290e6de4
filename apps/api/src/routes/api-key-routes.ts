import type { ApiKeyRecord, TenancyRepository } from '@ohf/domain-core';
import type { FastifyRequest } from 'fastify';
import { issueApiKey } from '../auth/api-key-format.js';
import { callerOf } from '../auth/caller.js';
import type { Principal } from '../auth/principal.js';
import { principalMay } from '../auth/route-access.js';
import type { StoredKeyAuthenticator } from '../auth/stored-key-authenticator.js';
import { apiError } from '../http/api-error.js';
import { COMMON_ERROR_RESPONSES, ErrorEnvelopeSchema } from '../schemas/common-schemas.js';
import { ApiKeyListQuerySchema, ApiKeyListSchema, ApiKeyParamsSchema, ApiKeyViewSchema, CreateApiKeyBodySchema, CreatedApiKeySchema } from '../schemas/tenancy-schemas.js';
import type { ApiDependencies } from '../server/api-dependencies.js';
import type { ZodServer } from '../server/create-api-server.js';
import { tenancyNotFound } from './tenancy-not-found.js';
import { memberOf } from './user-routes.js';

/** A key as listed: never its hash. */
export function apiKeyView(key: ApiKeyRecord) {
  return {
    keyId: key.keyId,
    name: key.name,
    userId: key.userId,
    organizationId: key.organizationId,
    prefix: key.prefix,
    createdAt: key.createdAt,
    ...(key.expiresAt === undefined ? {} : { expiresAt: key.expiresAt }),
    ...(key.lastUsedAt === undefined ? {} : { lastUsedAt: key.lastUsedAt }),
    ...(key.revokedAt === undefined ? {} : { revokedAt: key.revokedAt }),
  };
}

/** A key of the caller's organization the caller may manage (their own; any, for an admin), else 404. */
async function manageableKey(tenancy: TenancyRepository, caller: Principal, keyId: string): Promise<ApiKeyRecord> {
  const key = await tenancy.findApiKey(keyId);
  const mayManage =
    key !== undefined &&
    key.organizationId === caller.organizationId &&
    (key.userId === caller.userId || principalMay(caller, 'administer'));
  if (!mayManage) throw tenancyNotFound('API key', keyId);
  return key;
}

/**
 * API keys of users: created and shown once, listed without their secret, revoked. Anyone
 * manages their own keys; an organization's admins those of its members.
 */
export function registerApiKeyRoutes(server: ZodServer, dependencies: ApiDependencies, storedKeys: StoredKeyAuthenticator): void {
  const { tenancy } = dependencies.storage;
  const tags = ['API keys'];

  const targetUserOf = async (request: FastifyRequest, caller: Principal, organizationId: string, requested: string | undefined): Promise<string> => {
    const userId = requested ?? caller.userId;
    if (userId === undefined) {
      throw apiError('VALIDATION_ERROR', `"${caller.name}" is a configuration key, not a user: name the user the key is for in userId.`, {
        issues: [{ path: 'body.userId', message: 'required for a caller that is not a user' }],
      });
    }
    if (userId !== caller.userId && !principalMay(caller, 'administer')) {
      throw apiError('FORBIDDEN', 'Only an admin of the organization may create keys for other users.', { required_permission: 'administer', role: caller.role });
    }
    const user = await tenancy.findUser(userId);
    // A key for a platform admin is a platform admin's key: only a platform admin makes one for another.
    if (user?.platformAdmin === true && userId !== caller.userId && !caller.platformAdmin) throw tenancyNotFound('user', userId);
    // A platform admin acts in any organization; everyone else must be a member of the key's.
    if (user?.platformAdmin !== true) await memberOf(tenancy, organizationId, userId);
    if (userId === caller.userId) return userId;
    request.log.info({ userId }, 'an admin creates an API key for another user');
    return userId;
  };

  server.post(
    '/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key; the answer holds the key, shown this once',
        description:
          "The key acts in the caller's organization with its user's role there. Format `ohf_<key id>_<secret>` (secret: 32 random bytes, URL-safe base64); storage keeps only its sha256.",
        body: CreateApiKeyBodySchema,
        response: { 201: CreatedApiKeySchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const organizationId = request.body.organizationId ?? caller.organizationId;
      if (organizationId !== caller.organizationId && !caller.platformAdmin) {
        throw apiError('FORBIDDEN', 'Only a platform admin may create keys for another organization.', { required_permission: 'platform', role: caller.role });
      }
      const userId = await targetUserOf(request, caller, organizationId, request.body.userId);
      const now = new Date();
      if (request.body.expiresAt !== undefined && Date.parse(request.body.expiresAt) <= now.getTime()) {
        throw apiError('VALIDATION_ERROR', 'expiresAt is in the past: the key would never work.', { issues: [{ path: 'body.expiresAt', message: 'must be in the future' }] });
      }
      const issued = issueApiKey();
      const record: ApiKeyRecord = {
        keyId: issued.keyId,
        userId,
        organizationId,
        name: request.body.name,
        secretHash: issued.secretHash,
        prefix: issued.prefix,
        createdAt: now.toISOString(),
        ...(request.body.expiresAt === undefined ? {} : { expiresAt: new Date(request.body.expiresAt).toISOString() }),
      };
      await tenancy.createApiKey(record);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ ...apiKeyView(record), key: issued.key });
    },
  );

  server.get(
    '/api-keys',
    {
      schema: {
        tags,
        summary: "The caller's keys (an admin: every key of the organization), revoked ones included",
        querystring: ApiKeyListQuerySchema,
        response: { 200: ApiKeyListSchema, ...COMMON_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const admin = principalMay(caller, 'administer');
      if (!admin && caller.userId === undefined) return { keys: [], total: 0 };
      const userId = admin ? request.query.user_id : caller.userId;
      const keys = (await tenancy.listApiKeys({ organizationId: caller.organizationId, ...(userId === undefined ? {} : { userId }) })).filter(
        (key) => key.organizationId === caller.organizationId && (userId === undefined || key.userId === userId),
      );
      return { keys: keys.map(apiKeyView), total: keys.length };
    },
  );

  server.delete(
    '/api-keys/:keyId',
    {
      schema: {
        tags,
        summary: 'Revoke a key',
        description: 'Takes effect at once on this server and within `api.auth.key_cache_ms` (5 s by default) on every other replica. Revoking a revoked key answers it as it is.',
        params: ApiKeyParamsSchema,
        response: { 200: ApiKeyViewSchema, ...COMMON_ERROR_RESPONSES, 404: ErrorEnvelopeSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const key = await manageableKey(tenancy, caller, request.params.keyId);
      if (key.revokedAt !== undefined) return apiKeyView(key);
      const revokedAt = new Date().toISOString();
      await tenancy.revokeApiKey(key.keyId, revokedAt);
      storedKeys.forgetAll();
      return apiKeyView({ ...key, revokedAt });
    },
  );
}
