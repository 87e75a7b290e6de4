import { ProviderInstanceRecordSchema, type ProviderInstanceRecord, type ProviderInstanceRepository } from '@ohf/domain-core';
import { checkRecord, readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import type { PostgresDatabase } from './postgres-database.js';

interface ProviderInstanceRow {
  readonly name: string;
  readonly organization_id: string;
  readonly type: string;
  readonly sealed_credentials: string;
  readonly configuration: unknown;
  readonly capabilities: unknown;
  readonly priority: number;
  readonly weight: number;
  readonly active: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

export class PostgresProviderInstanceRepository implements ProviderInstanceRepository {
  readonly #table: string;

  constructor(private readonly database: PostgresDatabase) {
    this.#table = database.table('provider_instances');
  }

  async save(record: ProviderInstanceRecord): Promise<void> {
    const checked = checkRecord(ProviderInstanceRecordSchema, record, `Provider instance ${String(record.name)}`);
    // The owner never changes through a save: the WHERE keeps another organization's row as it is.
    const rows = await this.database.query(
      `Saving provider instance ${checked.name}`,
      `INSERT INTO ${this.#table} AS stored
         (name, organization_id, type, sealed_credentials, configuration, capabilities, priority, weight, active, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11)
       ON CONFLICT (name) DO UPDATE SET type = excluded.type, sealed_credentials = excluded.sealed_credentials,
         configuration = excluded.configuration, capabilities = excluded.capabilities, priority = excluded.priority,
         weight = excluded.weight, active = excluded.active, created_at = excluded.created_at, updated_at = excluded.updated_at
       WHERE stored.organization_id = excluded.organization_id
       RETURNING 1`,
      [
        checked.name,
        checked.organizationId,
        checked.type,
        checked.sealedCredentials,
        JSON.stringify(checked.configuration),
        JSON.stringify(checked.capabilities),
        checked.priority,
        checked.weight,
        checked.active,
        checked.createdAt,
        checked.updatedAt,
      ],
    );
    if (rows.length === 0) {
      throw conflictError(`Provider instance ${checked.name} was not saved: the name belongs to another organization.`, {
        name: checked.name,
        organizationId: checked.organizationId,
      });
    }
  }

  async find(name: string): Promise<ProviderInstanceRecord | undefined> {
    const [row] = await this.database.query<ProviderInstanceRow>(`Reading provider instance ${name}`, `SELECT * FROM ${this.#table} WHERE name = $1`, [name]);
    return row && this.#read(row);
  }

  async list(organizationId?: string): Promise<readonly ProviderInstanceRecord[]> {
    const rows = await this.database.query<ProviderInstanceRow>(
      'Listing provider instances',
      `SELECT * FROM ${this.#table} WHERE ($1::text IS NULL OR organization_id = $1) ORDER BY name`,
      [organizationId ?? null],
    );
    return rows.map((row) => this.#read(row));
  }

  async delete(name: string): Promise<boolean> {
    const rows = await this.database.query(`Deleting provider instance ${name}`, `DELETE FROM ${this.#table} WHERE name = $1 RETURNING 1`, [name]);
    return rows.length > 0;
  }

  #read(row: ProviderInstanceRow): ProviderInstanceRecord {
    return readRecord(
      ProviderInstanceRecordSchema,
      {
        name: row.name,
        organizationId: row.organization_id,
        type: row.type,
        sealedCredentials: row.sealed_credentials,
        configuration: row.configuration,
        capabilities: row.capabilities,
        priority: row.priority,
        weight: row.weight,
        active: row.active,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
      `${this.database.where} provider_instances ${row.name}`,
    );
  }
}
