import { z } from 'zod';

/**
 * The organization of everything made before organizations existed, of the CLI (the Host
 * Factory contract knows no tenants) and of the keys in the configuration file.
 */
export const DEFAULT_ORGANIZATION_ID = 'default';

/** Lower-case letters, digits and dashes: ids end up in URLs, logs and tags. */
export const ORGANIZATION_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const ORGANIZATION_ID_MAX_LENGTH = 63;
export const OrganizationIdSchema = z
  .string()
  .min(1)
  .max(ORGANIZATION_ID_MAX_LENGTH)
  .regex(ORGANIZATION_ID_PATTERN, 'an organization id is lower-case letters, digits and dashes');

/** Limits an organization's requests are held to; absent limits do not apply. */
export const OrganizationQuotasSchema = z
  .object({
    /** Machines not yet terminated (pending, running, stopping…) at any one time. */
    maxRunningMachines: z.number().int().nonnegative().optional(),
    /** Sum of the hourly prices of its billed machines, in the pricing currency. */
    maxHourlySpend: z.number().nonnegative().optional(),
  })
  .strict();
export type OrganizationQuotas = z.infer<typeof OrganizationQuotasSchema>;

export const OrganizationSchema = z.object({
  organizationId: OrganizationIdSchema,
  name: z.string().min(1).max(200),
  quotas: OrganizationQuotasSchema.default({}),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

/**
 * What a member may do in one organization: `viewer` reads; `operator` also requests, returns,
 * cancels and acts on machines; `admin` also manages the organization's providers, users, keys,
 * markups and webhooks.
 */
export const ORGANIZATION_ROLES = ['viewer', 'operator', 'admin'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

/** What a route or command needs of its caller's role. */
export type RolePermission = 'read' | 'operate' | 'administer';

const ROLE_PERMISSIONS: Readonly<Record<OrganizationRole, ReadonlySet<RolePermission>>> = {
  viewer: new Set(['read']),
  operator: new Set(['read', 'operate']),
  admin: new Set(['read', 'operate', 'administer']),
};

export function roleAllows(role: OrganizationRole, permission: RolePermission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export const UserSchema = z.object({
  userId: z.string().min(1).max(100),
  /** How people recognise the user (an e-mail address, a login); unique. */
  name: z.string().min(1).max(200),
  /** Manages organizations themselves; a platform admin is an admin of every organization. */
  platformAdmin: z.boolean().default(false),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const MembershipSchema = z.object({
  organizationId: OrganizationIdSchema,
  userId: z.string().min(1),
  role: z.enum(ORGANIZATION_ROLES),
  createdAt: z.string(),
});
export type Membership = z.infer<typeof MembershipSchema>;

/**
 * An API key as stored: only the SHA-256 of the secret (keys are 32 random bytes, so a fast hash
 * is as safe as a slow one and lets a presented key be found by index), and the first characters
 * so people can tell their keys apart.
 */
export const ApiKeyRecordSchema = z.object({
  keyId: z.string().min(1).max(100),
  userId: z.string().min(1),
  /** The organization the key acts in. */
  organizationId: OrganizationIdSchema,
  name: z.string().min(1).max(200),
  /** Hex SHA-256 of the whole presented key. */
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The key's first characters (never enough to use it). */
  prefix: z.string().max(24),
  createdAt: z.string(),
  expiresAt: z.string().optional(),
  lastUsedAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecordSchema>;

/** Usable now: not revoked and not expired. */
export function isApiKeyActive(key: ApiKeyRecord, now: Date): boolean {
  if (key.revokedAt !== undefined) return false;
  return key.expiresAt === undefined || Date.parse(key.expiresAt) > now.getTime();
}
