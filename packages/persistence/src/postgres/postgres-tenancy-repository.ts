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
import { postgresCode, type PostgresDatabase } from './postgres-database.js';

interface DocumentRow {
  readonly document: unknown;
}

interface MembershipRow {
  readonly organization_id: string;
  readonly user_id: string;
  readonly role: string;
  readonly created_at: string;
}

export class PostgresTenancyRepository implements TenancyRepository {
  readonly #organizations: string;
  readonly #users: string;
  readonly #memberships: string;
  readonly #keys: string;

  constructor(private readonly database: PostgresDatabase) {
    this.#organizations = database.table('organizations');
    this.#users = database.table('users');
    this.#memberships = database.table('memberships');
    this.#keys = database.table('api_keys');
  }

  async createOrganization(organization: Organization): Promise<void> {
    const checked = checkRecord(OrganizationSchema, organization, `Organization ${String(organization.organizationId)}`);
    await this.#insert(
      `Creating organization ${checked.organizationId}`,
      `INSERT INTO ${this.#organizations} (organization_id, name, created_at, updated_at, document) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [checked.organizationId, checked.name, checked.createdAt, checked.updatedAt, JSON.stringify(checked)],
      () => conflictError(`Organization ${checked.organizationId} exists already.`, { organizationId: checked.organizationId }),
    );
  }

  async updateOrganization(organization: Organization): Promise<boolean> {
    const checked = checkRecord(OrganizationSchema, organization, `Organization ${String(organization.organizationId)}`);
    const rows = await this.database.query(
      `Updating organization ${checked.organizationId}`,
      `UPDATE ${this.#organizations} SET name = $2, updated_at = $3, document = $4::jsonb WHERE organization_id = $1 RETURNING 1`,
      [checked.organizationId, checked.name, checked.updatedAt, JSON.stringify(checked)],
    );
    return rows.length > 0;
  }

  async findOrganization(organizationId: string): Promise<Organization | undefined> {
    const [row] = await this.database.query<DocumentRow>(
      `Reading organization ${organizationId}`,
      `SELECT document FROM ${this.#organizations} WHERE organization_id = $1`,
      [organizationId],
    );
    return row && this.#read(OrganizationSchema, row, 'organizations');
  }

  async listOrganizations(): Promise<readonly Organization[]> {
    const rows = await this.database.query<DocumentRow>('Listing organizations', `SELECT document FROM ${this.#organizations} ORDER BY organization_id`);
    return rows.map((row) => this.#read(OrganizationSchema, row, 'organizations'));
  }

  async deleteOrganization(organizationId: string): Promise<boolean> {
    return this.database.transaction(`Deleting organization ${organizationId}`, async (client) => {
      await client.query(`DELETE FROM ${this.#memberships} WHERE organization_id = $1`, [organizationId]);
      await client.query(`DELETE FROM ${this.#keys} WHERE organization_id = $1`, [organizationId]);
      const result = await client.query(`DELETE FROM ${this.#organizations} WHERE organization_id = $1`, [organizationId]);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async createUser(user: User): Promise<void> {
    const checked = checkRecord(UserSchema, user, `User ${String(user.userId)}`);
    await this.#insert(
      `Creating user ${checked.userId}`,
      `INSERT INTO ${this.#users} (user_id, name, platform_admin, created_at, updated_at, document) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [checked.userId, checked.name, checked.platformAdmin, checked.createdAt, checked.updatedAt, JSON.stringify(checked)],
      () =>
        conflictError(`User ${checked.userId} was not created: the id or the name ${JSON.stringify(checked.name)} is taken.`, {
          userId: checked.userId,
          name: checked.name,
        }),
    );
  }

  async findUser(userId: string): Promise<User | undefined> {
    const [row] = await this.database.query<DocumentRow>(`Reading user ${userId}`, `SELECT document FROM ${this.#users} WHERE user_id = $1`, [userId]);
    return row && this.#read(UserSchema, row, 'users');
  }

  async findUserByName(name: string): Promise<User | undefined> {
    const [row] = await this.database.query<DocumentRow>('Reading a user by name', `SELECT document FROM ${this.#users} WHERE name = $1`, [name]);
    return row && this.#read(UserSchema, row, 'users');
  }

  async listUsers(organizationId?: string): Promise<readonly User[]> {
    const rows =
      organizationId === undefined
        ? await this.database.query<DocumentRow>('Listing users', `SELECT document FROM ${this.#users} ORDER BY user_id`)
        : await this.database.query<DocumentRow>(
            'Listing users',
            `SELECT users.document FROM ${this.#users} AS users JOIN ${this.#memberships} AS memberships ON memberships.user_id = users.user_id
             WHERE memberships.organization_id = $1 ORDER BY users.user_id`,
            [organizationId],
          );
    return rows.map((row) => this.#read(UserSchema, row, 'users'));
  }

  async saveMembership(membership: Membership): Promise<void> {
    const checked = checkRecord(MembershipSchema, membership, `Membership of ${String(membership.userId)}`);
    await this.database.query(
      `Saving the membership of ${checked.userId} in ${checked.organizationId}`,
      `INSERT INTO ${this.#memberships} (organization_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role`,
      [checked.organizationId, checked.userId, checked.role, checked.createdAt],
    );
  }

  async deleteMembership(organizationId: string, userId: string): Promise<boolean> {
    const rows = await this.database.query(
      `Deleting the membership of ${userId} in ${organizationId}`,
      `DELETE FROM ${this.#memberships} WHERE organization_id = $1 AND user_id = $2 RETURNING 1`,
      [organizationId, userId],
    );
    return rows.length > 0;
  }

  async membershipsOfUser(userId: string): Promise<readonly Membership[]> {
    const rows = await this.database.query<MembershipRow>(
      `Reading the memberships of ${userId}`,
      `SELECT * FROM ${this.#memberships} WHERE user_id = $1 ORDER BY organization_id`,
      [userId],
    );
    return rows.map((row) => this.#membership(row));
  }

  async membershipsOfOrganization(organizationId: string): Promise<readonly Membership[]> {
    const rows = await this.database.query<MembershipRow>(
      `Reading the memberships of ${organizationId}`,
      `SELECT * FROM ${this.#memberships} WHERE organization_id = $1 ORDER BY user_id`,
      [organizationId],
    );
    return rows.map((row) => this.#membership(row));
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    const checked = checkRecord(ApiKeyRecordSchema, key, `API key ${String(key.keyId)}`);
    await this.#insert(
      `Creating API key ${checked.keyId}`,
      `INSERT INTO ${this.#keys} (key_id, user_id, organization_id, secret_hash, created_at, expires_at, last_used_at, revoked_at, document)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [
        checked.keyId,
        checked.userId,
        checked.organizationId,
        checked.secretHash,
        checked.createdAt,
        checked.expiresAt ?? null,
        checked.lastUsedAt ?? null,
        checked.revokedAt ?? null,
        JSON.stringify(checked),
      ],
      () => conflictError(`API key ${checked.keyId} was not created: its id or secret exists already.`, { keyId: checked.keyId }),
    );
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.database.query<DocumentRow>('Reading an API key', `SELECT document FROM ${this.#keys} WHERE secret_hash = $1`, [secretHash]);
    return row && this.#read(ApiKeyRecordSchema, row, 'api_keys');
  }

  async findApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const [row] = await this.database.query<DocumentRow>(`Reading API key ${keyId}`, `SELECT document FROM ${this.#keys} WHERE key_id = $1`, [keyId]);
    return row && this.#read(ApiKeyRecordSchema, row, 'api_keys');
  }

  async listApiKeys(filter: { readonly userId?: string; readonly organizationId?: string }): Promise<readonly ApiKeyRecord[]> {
    const rows = await this.database.query<DocumentRow>(
      'Listing API keys',
      `SELECT document FROM ${this.#keys} WHERE ($1::text IS NULL OR user_id = $1) AND ($2::text IS NULL OR organization_id = $2)
       ORDER BY created_at, key_id`,
      [filter.userId ?? null, filter.organizationId ?? null],
    );
    return rows.map((row) => this.#read(ApiKeyRecordSchema, row, 'api_keys'));
  }

  async revokeApiKey(keyId: string, revokedAt: string): Promise<boolean> {
    const rows = await this.database.query(
      `Revoking API key ${keyId}`,
      `UPDATE ${this.#keys} SET revoked_at = $2, document = jsonb_set(document, '{revokedAt}', to_jsonb($2::text))
       WHERE key_id = $1 AND revoked_at IS NULL RETURNING 1`,
      [keyId, revokedAt],
    );
    return rows.length > 0;
  }

  async touchApiKey(keyId: string, usedAt: string): Promise<void> {
    await this.database.query(
      `Recording a use of API key ${keyId}`,
      `UPDATE ${this.#keys} SET last_used_at = $2, document = jsonb_set(document, '{lastUsedAt}', to_jsonb($2::text)) WHERE key_id = $1`,
      [keyId, usedAt],
    );
  }

  async #insert(what: string, sql: string, values: unknown[], conflict: () => Error): Promise<void> {
    try {
      await this.database.pool.query(sql, values);
    } catch (error) {
      if (postgresCode(error) === '23505') throw conflict();
      throw this.database.failure(what, error);
    }
  }

  #read<Schema extends z.ZodType>(schema: Schema, row: DocumentRow, table: string): z.infer<Schema> {
    return readRecord(schema, row.document, `${this.database.where} ${table}`);
  }

  #membership(row: MembershipRow): Membership {
    return readRecord(
      MembershipSchema,
      { organizationId: row.organization_id, userId: row.user_id, role: row.role, createdAt: row.created_at },
      `${this.database.where} memberships`,
    );
  }
}
