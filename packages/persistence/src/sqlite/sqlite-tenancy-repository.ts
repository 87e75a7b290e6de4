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
import { sqliteCode, type SqliteDatabase } from './sqlite-database.js';

interface DocumentRow {
  readonly document: string;
}

interface MembershipRow {
  readonly organization_id: string;
  readonly user_id: string;
  readonly role: string;
  readonly created_at: string;
}

function isConstraint(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class SqliteTenancyRepository implements TenancyRepository {
  constructor(private readonly database: SqliteDatabase) {}

  async createOrganization(organization: Organization): Promise<void> {
    const checked = checkRecord(OrganizationSchema, organization, `Organization ${String(organization.organizationId)}`);
    this.#insert(`Creating organization ${checked.organizationId}`, () =>
      this.database
        .statement('INSERT INTO organizations (organization_id, name, created_at, updated_at, document) VALUES (?, ?, ?, ?, ?)')
        .run(checked.organizationId, checked.name, checked.createdAt, checked.updatedAt, JSON.stringify(checked)),
      () => conflictError(`Organization ${checked.organizationId} exists already.`, { organizationId: checked.organizationId }),
    );
  }

  async updateOrganization(organization: Organization): Promise<boolean> {
    const checked = checkRecord(OrganizationSchema, organization, `Organization ${String(organization.organizationId)}`);
    const result = this.database.run(`Updating organization ${checked.organizationId}`, () =>
      this.database
        .statement('UPDATE organizations SET name = ?, updated_at = ?, document = ? WHERE organization_id = ?')
        .run(checked.name, checked.updatedAt, JSON.stringify(checked), checked.organizationId),
    );
    return result.changes > 0;
  }

  async findOrganization(organizationId: string): Promise<Organization | undefined> {
    const row = this.database.run(`Reading organization ${organizationId}`, () =>
      this.database.statement('SELECT document FROM organizations WHERE organization_id = ?').get(organizationId),
    ) as DocumentRow | undefined;
    return row && this.#read(OrganizationSchema, row, 'organizations');
  }

  async listOrganizations(): Promise<readonly Organization[]> {
    const rows = this.database.run('Listing organizations', () =>
      this.database.statement('SELECT document FROM organizations ORDER BY organization_id').all(),
    ) as DocumentRow[];
    return rows.map((row) => this.#read(OrganizationSchema, row, 'organizations'));
  }

  async deleteOrganization(organizationId: string): Promise<boolean> {
    return this.database.run(`Deleting organization ${organizationId}`, () =>
      this.database.writeTransaction(() => {
        this.database.statement('DELETE FROM memberships WHERE organization_id = ?').run(organizationId);
        this.database.statement('DELETE FROM api_keys WHERE organization_id = ?').run(organizationId);
        return this.database.statement('DELETE FROM organizations WHERE organization_id = ?').run(organizationId).changes > 0;
      }),
    );
  }

  async createUser(user: User): Promise<void> {
    const checked = checkRecord(UserSchema, user, `User ${String(user.userId)}`);
    this.#insert(`Creating user ${checked.userId}`, () =>
      this.database
        .statement('INSERT INTO users (user_id, name, platform_admin, created_at, updated_at, document) VALUES (?, ?, ?, ?, ?, ?)')
        .run(checked.userId, checked.name, checked.platformAdmin ? 1 : 0, checked.createdAt, checked.updatedAt, JSON.stringify(checked)),
      () => conflictError(`User ${checked.userId} was not created: the id or the name ${JSON.stringify(checked.name)} is taken.`, {
        userId: checked.userId,
        name: checked.name,
      }),
    );
  }

  async findUser(userId: string): Promise<User | undefined> {
    const row = this.database.run(`Reading user ${userId}`, () =>
      this.database.statement('SELECT document FROM users WHERE user_id = ?').get(userId),
    ) as DocumentRow | undefined;
    return row && this.#read(UserSchema, row, 'users');
  }

  async findUserByName(name: string): Promise<User | undefined> {
    const row = this.database.run('Reading a user by name', () =>
      this.database.statement('SELECT document FROM users WHERE name = ?').get(name),
    ) as DocumentRow | undefined;
    return row && this.#read(UserSchema, row, 'users');
  }

  async listUsers(organizationId?: string): Promise<readonly User[]> {
    const rows = this.database.run('Listing users', () =>
      organizationId === undefined
        ? this.database.statement('SELECT document FROM users ORDER BY user_id').all()
        : this.database
            .statement(
              'SELECT users.document FROM users JOIN memberships ON memberships.user_id = users.user_id WHERE memberships.organization_id = ? ORDER BY users.user_id',
            )
            .all(organizationId),
    ) as DocumentRow[];
    return rows.map((row) => this.#read(UserSchema, row, 'users'));
  }

  async saveMembership(membership: Membership): Promise<void> {
    const checked = checkRecord(MembershipSchema, membership, `Membership of ${String(membership.userId)}`);
    this.database.run(`Saving the membership of ${checked.userId} in ${checked.organizationId}`, () =>
      this.database
        .statement(
          `INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role`,
        )
        .run(checked.organizationId, checked.userId, checked.role, checked.createdAt),
    );
  }

  async deleteMembership(organizationId: string, userId: string): Promise<boolean> {
    const result = this.database.run(`Deleting the membership of ${userId} in ${organizationId}`, () =>
      this.database.statement('DELETE FROM memberships WHERE organization_id = ? AND user_id = ?').run(organizationId, userId),
    );
    return result.changes > 0;
  }

  async membershipsOfUser(userId: string): Promise<readonly Membership[]> {
    const rows = this.database.run(`Reading the memberships of ${userId}`, () =>
      this.database.statement('SELECT * FROM memberships WHERE user_id = ? ORDER BY organization_id').all(userId),
    ) as MembershipRow[];
    return rows.map((row) => this.#membership(row));
  }

  async membershipsOfOrganization(organizationId: string): Promise<readonly Membership[]> {
    const rows = this.database.run(`Reading the memberships of ${organizationId}`, () =>
      this.database.statement('SELECT * FROM memberships WHERE organization_id = ? ORDER BY user_id').all(organizationId),
    ) as MembershipRow[];
    return rows.map((row) => this.#membership(row));
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    const checked = checkRecord(ApiKeyRecordSchema, key, `API key ${String(key.keyId)}`);
    this.#insert(`Creating API key ${checked.keyId}`, () =>
      this.database
        .statement(
          `INSERT INTO api_keys (key_id, user_id, organization_id, secret_hash, created_at, expires_at, last_used_at, revoked_at, document)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          checked.keyId,
          checked.userId,
          checked.organizationId,
          checked.secretHash,
          checked.createdAt,
          checked.expiresAt ?? null,
          checked.lastUsedAt ?? null,
          checked.revokedAt ?? null,
          JSON.stringify(checked),
        ),
      () => conflictError(`API key ${checked.keyId} was not created: its id or secret exists already.`, { keyId: checked.keyId }),
    );
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined> {
    const row = this.database.run('Reading an API key', () =>
      this.database.statement('SELECT document FROM api_keys WHERE secret_hash = ?').get(secretHash),
    ) as DocumentRow | undefined;
    return row && this.#read(ApiKeyRecordSchema, row, 'api_keys');
  }

  async findApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const row = this.database.run(`Reading API key ${keyId}`, () =>
      this.database.statement('SELECT document FROM api_keys WHERE key_id = ?').get(keyId),
    ) as DocumentRow | undefined;
    return row && this.#read(ApiKeyRecordSchema, row, 'api_keys');
  }

  async listApiKeys(filter: { readonly userId?: string; readonly organizationId?: string }): Promise<readonly ApiKeyRecord[]> {
    const conditions: string[] = [];
    const parameters: string[] = [];
    if (filter.userId !== undefined) {
      conditions.push('user_id = ?');
      parameters.push(filter.userId);
    }
    if (filter.organizationId !== undefined) {
      conditions.push('organization_id = ?');
      parameters.push(filter.organizationId);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.database.run('Listing API keys', () =>
      this.database.statement(`SELECT document FROM api_keys ${where} ORDER BY created_at, key_id`).all(...parameters),
    ) as DocumentRow[];
    return rows.map((row) => this.#read(ApiKeyRecordSchema, row, 'api_keys'));
  }

  async revokeApiKey(keyId: string, revokedAt: string): Promise<boolean> {
    const result = this.database.run(`Revoking API key ${keyId}`, () =>
      this.database
        .statement(
          `UPDATE api_keys SET revoked_at = @revokedAt, document = json_set(document, '$.revokedAt', @revokedAt)
           WHERE key_id = @keyId AND revoked_at IS NULL`,
        )
        .run({ keyId, revokedAt }),
    );
    return result.changes > 0;
  }

  async touchApiKey(keyId: string, usedAt: string): Promise<void> {
    this.database.run(`Recording a use of API key ${keyId}`, () =>
      this.database
        .statement(`UPDATE api_keys SET last_used_at = @usedAt, document = json_set(document, '$.lastUsedAt', @usedAt) WHERE key_id = @keyId`)
        .run({ keyId, usedAt }),
    );
  }

  #insert(what: string, insert: () => unknown, conflict: () => Error): void {
    this.database.run(what, () => {
      try {
        insert();
      } catch (error) {
        if (isConstraint(error)) throw conflict();
        throw error;
      }
    });
  }

  #read<Schema extends z.ZodType>(schema: Schema, row: DocumentRow, table: string): z.infer<Schema> {
    return readRecord(schema, JSON.parse(row.document), `${this.database.path} (${table})`);
  }

  #membership(row: MembershipRow): Membership {
    return readRecord(
      MembershipSchema,
      { organizationId: row.organization_id, userId: row.user_id, role: row.role, createdAt: row.created_at },
      `${this.database.path} (memberships)`,
    );
  }
}
