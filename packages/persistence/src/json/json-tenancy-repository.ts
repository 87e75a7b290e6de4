import {
  ApiKeyRecordSchema,
  MembershipSchema,
  OrganizationSchema,
  UserSchema,
  type ApiKeyRecord,
  type Membership,
  type Organization,
  type TenancyRepository,
  type User,
} from '@ohf/domain-core';
import type { z } from 'zod';
import { checkRecord, readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import { tenancySection, type JsonDatabaseFile, type JsonTenancySection } from './json-database-file.js';
import { textField } from './json-documents.js';

type Part = keyof JsonTenancySection;

function membershipKey(organizationId: string, userId: string): string {
  return `${organizationId}/${userId}`;
}

function sortedBy<Entry>(entries: Entry[], key: (entry: Entry) => string): Entry[] {
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The `tenancy` section of the database file: `organizations`, `users`, `memberships` and `apiKeys`, each keyed by id. */
export class JsonTenancyRepository implements TenancyRepository {
  constructor(private readonly file: JsonDatabaseFile) {}

  async createOrganization(organization: Organization): Promise<void> {
    const checked = checkRecord(OrganizationSchema, organization, `Organization ${String(organization.organizationId)}`);
    await this.file.update((database) => {
      const { organizations } = tenancySection(database);
      if (organizations[checked.organizationId] !== undefined) {
        throw conflictError(`Organization ${checked.organizationId} exists already.`, { organizationId: checked.organizationId });
      }
      organizations[checked.organizationId] = checked;
      return { result: undefined, changed: true };
    });
  }

  async updateOrganization(organization: Organization): Promise<boolean> {
    const checked = checkRecord(OrganizationSchema, organization, `Organization ${String(organization.organizationId)}`);
    return this.file.update((database) => {
      const { organizations } = tenancySection(database);
      if (organizations[checked.organizationId] === undefined) return { result: false, changed: false };
      organizations[checked.organizationId] = checked;
      return { result: true, changed: true };
    });
  }

  async findOrganization(organizationId: string): Promise<Organization | undefined> {
    return this.#find('organizations', organizationId, OrganizationSchema);
  }

  async listOrganizations(): Promise<readonly Organization[]> {
    return this.#list('organizations', OrganizationSchema, () => true, (organization) => organization.organizationId);
  }

  async deleteOrganization(organizationId: string): Promise<boolean> {
    return this.file.update((database) => {
      const tenancy = tenancySection(database);
      if (tenancy.organizations[organizationId] === undefined) return { result: false, changed: false };
      delete tenancy.organizations[organizationId];
      for (const [key, membership] of Object.entries(tenancy.memberships)) {
        if (textField(membership, 'organizationId') === organizationId) delete tenancy.memberships[key];
      }
      for (const [keyId, key] of Object.entries(tenancy.apiKeys)) {
        if (textField(key, 'organizationId') === organizationId) delete tenancy.apiKeys[keyId];
      }
      return { result: true, changed: true };
    });
  }

  async createUser(user: User): Promise<void> {
    const checked = checkRecord(UserSchema, user, `User ${String(user.userId)}`);
    await this.file.update((database) => {
      const { users } = tenancySection(database);
      if (users[checked.userId] !== undefined || Object.values(users).some((each) => textField(each, 'name') === checked.name)) {
        throw conflictError(`User ${checked.userId} was not created: the id or the name ${JSON.stringify(checked.name)} is taken.`, {
          userId: checked.userId,
          name: checked.name,
        });
      }
      users[checked.userId] = checked;
      return { result: undefined, changed: true };
    });
  }

  async findUser(userId: string): Promise<User | undefined> {
    return this.#find('users', userId, UserSchema);
  }

  async findUserByName(name: string): Promise<User | undefined> {
    const [user] = await this.#list('users', UserSchema, (each) => textField(each, 'name') === name, (each) => each.userId);
    return user;
  }

  async listUsers(organizationId?: string): Promise<readonly User[]> {
    const tenancy = (await this.file.snapshot()).tenancy;
    const members =
      organizationId === undefined
        ? undefined
        : new Set(
            Object.values(tenancy?.memberships ?? {})
              .filter((membership) => textField(membership, 'organizationId') === organizationId)
              .map((membership) => textField(membership, 'userId')),
          );
    return this.#list('users', UserSchema, (user) => members === undefined || members.has(textField(user, 'userId')), (user) => user.userId);
  }

  async saveMembership(membership: Membership): Promise<void> {
    const checked = checkRecord(MembershipSchema, membership, `Membership of ${String(membership.userId)}`);
    await this.file.update((database) => {
      const { memberships } = tenancySection(database);
      const key = membershipKey(checked.organizationId, checked.userId);
      const stored = memberships[key];
      memberships[key] = { ...checked, createdAt: textField(stored, 'createdAt') ?? checked.createdAt };
      return { result: undefined, changed: true };
    });
  }

  async deleteMembership(organizationId: string, userId: string): Promise<boolean> {
    return this.file.update((database) => {
      const { memberships } = tenancySection(database);
      const key = membershipKey(organizationId, userId);
      if (memberships[key] === undefined) return { result: false, changed: false };
      delete memberships[key];
      return { result: true, changed: true };
    });
  }

  async membershipsOfUser(userId: string): Promise<readonly Membership[]> {
    return this.#list('memberships', MembershipSchema, (each) => textField(each, 'userId') === userId, (each) => each.organizationId);
  }

  async membershipsOfOrganization(organizationId: string): Promise<readonly Membership[]> {
    return this.#list('memberships', MembershipSchema, (each) => textField(each, 'organizationId') === organizationId, (each) => each.userId);
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    const checked = checkRecord(ApiKeyRecordSchema, key, `API key ${String(key.keyId)}`);
    await this.file.update((database) => {
      const { apiKeys } = tenancySection(database);
      if (apiKeys[checked.keyId] !== undefined || Object.values(apiKeys).some((each) => textField(each, 'secretHash') === checked.secretHash)) {
        throw conflictError(`API key ${checked.keyId} was not created: its id or secret exists already.`, { keyId: checked.keyId });
      }
      apiKeys[checked.keyId] = checked;
      return { result: undefined, changed: true };
    });
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined> {
    const [key] = await this.#list('apiKeys', ApiKeyRecordSchema, (each) => textField(each, 'secretHash') === secretHash, (each) => each.keyId);
    return key;
  }

  async findApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    return this.#find('apiKeys', keyId, ApiKeyRecordSchema);
  }

  async listApiKeys(filter: { readonly userId?: string; readonly organizationId?: string }): Promise<readonly ApiKeyRecord[]> {
    return this.#list(
      'apiKeys',
      ApiKeyRecordSchema,
      (each) =>
        (filter.userId === undefined || textField(each, 'userId') === filter.userId) &&
        (filter.organizationId === undefined || textField(each, 'organizationId') === filter.organizationId),
      (each) => `${each.createdAt}\u0000${each.keyId}`,
    );
  }

  async revokeApiKey(keyId: string, revokedAt: string): Promise<boolean> {
    return this.file.update((database) => {
      const { apiKeys } = tenancySection(database);
      const stored = apiKeys[keyId];
      if (stored === undefined || textField(stored, 'revokedAt') !== undefined) return { result: false, changed: false };
      apiKeys[keyId] = { ...(stored as object), revokedAt };
      return { result: true, changed: true };
    });
  }

  async touchApiKey(keyId: string, usedAt: string): Promise<void> {
    await this.file.update((database) => {
      const { apiKeys } = tenancySection(database);
      const stored = apiKeys[keyId];
      if (stored === undefined) return { result: undefined, changed: false };
      apiKeys[keyId] = { ...(stored as object), lastUsedAt: usedAt };
      return { result: undefined, changed: true };
    });
  }

  async #find<Schema extends z.ZodType>(part: Part, id: string, schema: Schema): Promise<z.infer<Schema> | undefined> {
    const value = (await this.file.snapshot()).tenancy?.[part][id];
    return value === undefined ? undefined : readRecord(schema, structuredClone(value), `${this.file.path} (tenancy.${part}.${id})`);
  }

  async #list<Schema extends z.ZodType>(
    part: Part,
    schema: Schema,
    keep: (value: unknown) => boolean,
    order: (record: z.infer<Schema>) => string,
  ): Promise<z.infer<Schema>[]> {
    const entries = Object.entries((await this.file.snapshot()).tenancy?.[part] ?? {}).filter(([, value]) => keep(value));
    const records = entries.map(([id, value]) => readRecord(schema, structuredClone(value), `${this.file.path} (tenancy.${part}.${id})`));
    return sortedBy(records, order);
  }
}
