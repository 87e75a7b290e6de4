import { ORGANIZATION_ROLES, OrganizationIdSchema, OrganizationQuotasSchema } from '@ohf/domain-core';
import { z } from 'zod';
import { plainText } from './common-schemas.js';

const QuotasSchema = OrganizationQuotasSchema.meta({
  id: 'OrganizationQuotas',
  description: 'Limits the organization is held to; an absent limit does not apply.',
});

export const OrganizationViewSchema = z
  .object({
    organizationId: z.string(),
    name: z.string(),
    quotas: QuotasSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Organization' });

export const OrganizationListSchema = z.object({ organizations: z.array(OrganizationViewSchema), total: z.number().int() }).meta({ id: 'OrganizationList' });

export const OrganizationUsageSchema = z
  .object({
    runningMachines: z.number().int().nonnegative().describe('Machines of the organization not ended (every state but terminated and failed), as maxRunningMachines counts them.'),
    hourlySpend: z.number().nonnegative().describe('Sum of the hourly prices recorded at launch by those machines.'),
    currencies: z.array(z.string()),
  })
  .meta({ id: 'OrganizationUsage' });

export const OwnOrganizationSchema = OrganizationViewSchema.extend({
  role: z.enum(ORGANIZATION_ROLES).describe("The caller's role in it."),
  platformAdmin: z.boolean(),
  usage: OrganizationUsageSchema,
}).meta({ id: 'OwnOrganization' });

export const OrganizationParamsSchema = z.object({ organizationId: OrganizationIdSchema });

export const CreateOrganizationBodySchema = z
  .object({
    organizationId: OrganizationIdSchema.describe('Lower-case letters, digits and dashes; it cannot change.'),
    name: plainText(200),
    quotas: QuotasSchema.optional(),
  })
  .strict()
  .meta({ id: 'CreateOrganization' });

export const UpdateOrganizationBodySchema = z
  .object({
    name: plainText(200).optional(),
    quotas: QuotasSchema.optional().describe('Replaces every quota: a limit left out no longer applies.'),
  })
  .strict()
  .meta({ id: 'UpdateOrganization' });

export const MemberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    role: z.enum(ORGANIZATION_ROLES),
    platformAdmin: z.boolean(),
    createdAt: z.string().describe('When the user joined the organization.'),
  })
  .meta({ id: 'Member' });

export const MemberListSchema = z.object({ users: z.array(MemberSchema), total: z.number().int() }).meta({ id: 'MemberList' });

export const UserParamsSchema = z.object({ userId: plainText(100) });

export const CreateUserBodySchema = z
  .object({
    name: plainText(200).describe('How people recognise the user (an e-mail address, a login); unique.'),
    role: z.enum(ORGANIZATION_ROLES),
    platformAdmin: z.boolean().optional().describe('Only a platform admin may make another.'),
  })
  .strict()
  .meta({ id: 'CreateUser' });

export const RoleBodySchema = z.object({ role: z.enum(ORGANIZATION_ROLES) }).strict().meta({ id: 'MemberRole' });

export const MembershipParamsSchema = z.object({ organizationId: OrganizationIdSchema, userId: plainText(100) });

export const ApiKeyViewSchema = z
  .object({
    keyId: z.string(),
    name: z.string(),
    userId: z.string(),
    organizationId: z.string(),
    prefix: z.string().describe('The first characters of the key, to tell keys apart.'),
    createdAt: z.string(),
    expiresAt: z.string().optional(),
    lastUsedAt: z.string().optional().describe('Recorded at most once a minute.'),
    revokedAt: z.string().optional(),
  })
  .meta({ id: 'ApiKey' });

export const CreatedApiKeySchema = ApiKeyViewSchema.extend({
  key: z.string().describe('The key itself: shown this once, never again.'),
}).meta({ id: 'CreatedApiKey' });

export const ApiKeyListSchema = z.object({ keys: z.array(ApiKeyViewSchema), total: z.number().int() }).meta({ id: 'ApiKeyList' });

export const ApiKeyParamsSchema = z.object({ keyId: plainText(100) });

export const CreateApiKeyBodySchema = z
  .object({
    name: plainText(200),
    userId: plainText(100).optional().describe("The key's user (an admin may name a member of the organization); default the caller."),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the key stops working; default never.'),
    organizationId: OrganizationIdSchema.optional().describe("The organization the key acts in: a platform admin's choice; default the caller's."),
  })
  .strict()
  .meta({ id: 'CreateApiKey' });

export const ApiKeyListQuerySchema = z.object({
  user_id: z.string().min(1).optional().describe("An admin's filter: one member's keys."),
});
