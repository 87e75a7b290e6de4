import { ProviderInstanceRecordSchema, type ProviderInstanceRecord, type ProviderInstanceRepository } from '@ohf/domain-core';
import { checkRecord, readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import type { SqliteDatabase } from './sqlite-database.js';

interface ProviderInstanceRow {
  readonly name: string;
  readonly organization_id: string;
  readonly type: string;
  readonly sealed_credentials: string;
  readonly configuration: string;
  readonly capabilities: string;
  readonly priority: number;
  readonly weight: number;
  readonly active: number;
  readonly created_at: string;
  readonly updated_at: string;
}

// The owner never changes through a save: the WHERE keeps another organization's row as it is.
const UPSERT = `INSERT INTO provider_instances
  (name, organization_id, type, sealed_credentials, configuration, capabilities, priority, weight, active, created_at, updated_at)
  VALUES (@name, @organizationId, @type, @sealedCredentials, @configuration, @capabilities, @priority, @weight, @active, @createdAt, @updatedAt)
  ON CONFLICT (name) DO UPDATE SET type = excluded.type, sealed_credentials = excluded.sealed_credentials,
    configuration = excluded.configuration, capabilities = excluded.capabilities, priority = excluded.priority,
    weight = excluded.weight, active = excluded.active, created_at = excluded.created_at, updated_at = excluded.updated_at
  WHERE provider_instances.organization_id = excluded.organization_id`;

export class SqliteProviderInstanceRepository implements ProviderInstanceRepository {
  constructor(private readonly database: SqliteDatabase) {}

  async save(record: ProviderInstanceRecord): Promise<void> {
    const checked = checkRecord(ProviderInstanceRecordSchema, record, `Provider instance ${String(record.name)}`);
    this.database.run(`Saving provider instance ${checked.name}`, () => {
      const result = this.database.statement(UPSERT).run({
        ...checked,
        configuration: JSON.stringify(checked.configuration),
        capabilities: JSON.stringify(checked.capabilities),
        active: checked.active ? 1 : 0,
      });
      if (result.changes === 0) {
        throw conflictError(`Provider instance ${checked.name} was not saved: the name belongs to another organization.`, {
          name: checked.name,
          organizationId: checked.organizationId,
        });
      }
    });
  }

  async find(name: string): Promise<ProviderInstanceRecord | undefined> {
    const row = this.database.run(`Reading provider instance ${name}`, () =>
      this.database.statement('SELECT * FROM provider_instances WHERE name = ?').get(name),
    ) as ProviderInstanceRow | undefined;
    return row && this.#read(row);
  }

  async list(organizationId?: string): Promise<readonly ProviderInstanceRecord[]> {
    const rows = this.database.run('Listing provider instances', () =>
      organizationId === undefined
        ? this.database.statement('SELECT * FROM provider_instances ORDER BY name').all()
        : this.database.statement('SELECT * FROM provider_instances WHERE organization_id = ? ORDER BY name').all(organizationId),
    ) as ProviderInstanceRow[];
    return rows.map((row) => this.#read(row));
  }

  async delete(name: string): Promise<boolean> {
    const result = this.database.run(`Deleting provider instance ${name}`, () =>
      this.database.statement('DELETE FROM provider_instances WHERE name = ?').run(name),
    );
    return result.changes > 0;
  }

  #read(row: ProviderInstanceRow): ProviderInstanceRecord {
    const where = `${this.database.path} (provider_instances ${row.name})`;
    return readRecord(
      ProviderInstanceRecordSchema,
      {
        name: row.name,
        organizationId: row.organization_id,
        type: row.type,
        sealedCredentials: row.sealed_credentials,
        configuration: JSON.parse(row.configuration),
        capabilities: JSON.parse(row.capabilities),
        priority: row.priority,
        weight: row.weight,
        active: row.active === 1,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
      where,
    );
  }
}
