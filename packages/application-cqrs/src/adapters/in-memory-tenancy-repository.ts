import {
  BusinessRuleError,
  type ApiKeyRecord,
  type Membership,
  type Organization,
  type TenancyRepository,
  type User,
} from '@ohf/domain-core';

/** Test and in-process adapter of TenancyRepository, kept in Maps; same CONFLICT rules as storage. */
export class InMemoryTenancyRepository implements TenancyRepository {
  private readonly organizations = new Map<string, Organization>();
  private readonly users = new Map<string, User>();
  private readonly memberships = new Map<string, Membership>();
  private readonly keys = new Map<string, ApiKeyRecord>();

  async createOrganization(organization: Organization): Promise<void> {
    if (this.organizations.has(organization.organizationId)) throw conflict(`Organization "${organization.organizationId}" already exists.`);
    this.organizations.set(organization.organizationId, structuredClone(organization));
  }

  async updateOrganization(organization: Organization): Promise<boolean> {
    if (!this.organizations.has(organization.organizationId)) return false;
    this.organizations.set(organization.organizationId, structuredClone(organization));
    return true;
  }

  async findOrganization(organizationId: string): Promise<Organization | undefined> {
    return copy(this.organizations.get(organizationId));
  }

  async listOrganizations(): Promise<readonly Organization[]> {
    return [...this.organizations.values()].map((organization) => structuredClone(organization));
  }

  async deleteOrganization(organizationId: string): Promise<boolean> {
    if (!this.organizations.delete(organizationId)) return false;
    for (const [key, membership] of this.memberships) if (membership.organizationId === organizationId) this.memberships.delete(key);
    for (const [keyId, key] of this.keys) if (key.organizationId === organizationId) this.keys.delete(keyId);
    return true;
  }

  async createUser(user: User): Promise<void> {
    if (this.users.has(user.userId)) throw conflict(`User "${user.userId}" already exists.`);
    if ([...this.users.values()].some((existing) => existing.name === user.name)) throw conflict(`A user named "${user.name}" already exists.`);
    this.users.set(user.userId, structuredClone(user));
  }

  async findUser(userId: string): Promise<User | undefined> {
    return copy(this.users.get(userId));
  }

  async findUserByName(name: string): Promise<User | undefined> {
    return copy([...this.users.values()].find((user) => user.name === name));
  }

  async listUsers(organizationId?: string): Promise<readonly User[]> {
    const members = organizationId === undefined ? undefined : new Set((await this.membershipsOfOrganization(organizationId)).map((membership) => membership.userId));
    return [...this.users.values()].filter((user) => members === undefined || members.has(user.userId)).map((user) => structuredClone(user));
  }

  async saveMembership(membership: Membership): Promise<void> {
    this.memberships.set(membershipKey(membership.organizationId, membership.userId), structuredClone(membership));
  }

  async deleteMembership(organizationId: string, userId: string): Promise<boolean> {
    return this.memberships.delete(membershipKey(organizationId, userId));
  }

  async membershipsOfUser(userId: string): Promise<readonly Membership[]> {
    return [...this.memberships.values()].filter((membership) => membership.userId === userId).map((membership) => structuredClone(membership));
  }

  async membershipsOfOrganization(organizationId: string): Promise<readonly Membership[]> {
    return [...this.memberships.values()]
      .filter((membership) => membership.organizationId === organizationId)
      .map((membership) => structuredClone(membership));
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    if (this.keys.has(key.keyId)) throw conflict(`API key "${key.keyId}" already exists.`);
    this.keys.set(key.keyId, structuredClone(key));
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined> {
    return copy([...this.keys.values()].find((key) => key.secretHash === secretHash));
  }

  async findApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    return copy(this.keys.get(keyId));
  }

  async listApiKeys(filter: { readonly userId?: string; readonly organizationId?: string }): Promise<readonly ApiKeyRecord[]> {
    return [...this.keys.values()]
      .filter((key) => (filter.userId === undefined || key.userId === filter.userId) && (filter.organizationId === undefined || key.organizationId === filter.organizationId))
      .map((key) => structuredClone(key));
  }

  async revokeApiKey(keyId: string, revokedAt: string): Promise<boolean> {
    const key = this.keys.get(keyId);
    if (key === undefined || key.revokedAt !== undefined) return false;
    this.keys.set(keyId, { ...key, revokedAt });
    return true;
  }

  async touchApiKey(keyId: string, usedAt: string): Promise<void> {
    const key = this.keys.get(keyId);
    if (key !== undefined) this.keys.set(keyId, { ...key, lastUsedAt: usedAt });
  }
}

function membershipKey(organizationId: string, userId: string): string {
  return `${organizationId}\u0000${userId}`;
}

function copy<Record>(found: Record | undefined): Record | undefined {
  return found === undefined ? undefined : structuredClone(found);
}

function conflict(message: string): BusinessRuleError {
  return new BusinessRuleError('CONFLICT', message);
}
