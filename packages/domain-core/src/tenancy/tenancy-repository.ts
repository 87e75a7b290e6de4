import type { ApiKeyRecord, Membership, Organization, User } from './organization.js';
import type { ProviderInstanceRecord } from './provider-instance-record.js';

/**
 * Organizations, users, their roles and their API keys. Creating something that exists
 * (an organization id, a user name, a key id) throws CONFLICT.
 */
export interface TenancyRepository {
  createOrganization(organization: Organization): Promise<void>;
  /** Replaces name and quotas; false when there is no such organization. */
  updateOrganization(organization: Organization): Promise<boolean>;
  findOrganization(organizationId: string): Promise<Organization | undefined>;
  listOrganizations(): Promise<readonly Organization[]>;
  /** Deletes the organization with its memberships and keys; false when there was none. */
  deleteOrganization(organizationId: string): Promise<boolean>;

  createUser(user: User): Promise<void>;
  findUser(userId: string): Promise<User | undefined>;
  findUserByName(name: string): Promise<User | undefined>;
  /** Every user, or the members of one organization. */
  listUsers(organizationId?: string): Promise<readonly User[]>;

  /** Adds or changes a user's role in an organization. */
  saveMembership(membership: Membership): Promise<void>;
  /** False when the user was not a member. */
  deleteMembership(organizationId: string, userId: string): Promise<boolean>;
  membershipsOfUser(userId: string): Promise<readonly Membership[]>;
  membershipsOfOrganization(organizationId: string): Promise<readonly Membership[]>;

  createApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined>;
  findApiKey(keyId: string): Promise<ApiKeyRecord | undefined>;
  /** The keys of one user, or of one organization; revoked keys included. */
  listApiKeys(filter: { readonly userId?: string; readonly organizationId?: string }): Promise<readonly ApiKeyRecord[]>;
  /** Sets `revokedAt`; false when there is no such key or it was revoked already. */
  revokeApiKey(keyId: string, revokedAt: string): Promise<boolean>;
  /** Records a use; callers do it at most once a minute per key, so reads stay cheap. */
  touchApiKey(keyId: string, usedAt: string): Promise<void>;
}
export const TenancyRepository = Symbol.for('ohf.TenancyRepository');

/** Provider instances registered at run time, each owned by one organization. */
export interface ProviderInstanceRepository {
  /** Inserts or replaces by name; CONFLICT when the name belongs to another organization. */
  save(record: ProviderInstanceRecord): Promise<void>;
  find(name: string): Promise<ProviderInstanceRecord | undefined>;
  /** Every registered instance, or one organization's. */
  list(organizationId?: string): Promise<readonly ProviderInstanceRecord[]>;
  delete(name: string): Promise<boolean>;
}
export const ProviderInstanceRepository = Symbol.for('ohf.ProviderInstanceRepository');
