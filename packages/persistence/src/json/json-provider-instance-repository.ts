import { ProviderInstanceRecordSchema, type ProviderInstanceRecord, type ProviderInstanceRepository } from '@ohf/domain-core';
import { checkRecord, readRecord } from '../internal/records.js';
import { conflictError } from '../internal/storage-errors.js';
import type { JsonDatabaseFile } from './json-database-file.js';
import { textField } from './json-documents.js';

/** The `providerInstances` section of the database file, keyed by name. */
export class JsonProviderInstanceRepository implements ProviderInstanceRepository {
  constructor(private readonly file: JsonDatabaseFile) {}

  async save(record: ProviderInstanceRecord): Promise<void> {
    const checked = checkRecord(ProviderInstanceRecordSchema, record, `Provider instance ${String(record.name)}`);
    await this.file.update((database) => {
      database.providerInstances ??= {};
      const stored = database.providerInstances[checked.name];
      if (stored !== undefined && textField(stored, 'organizationId') !== checked.organizationId) {
        throw conflictError(`Provider instance ${checked.name} was not saved: the name belongs to another organization.`, {
          name: checked.name,
          organizationId: checked.organizationId,
        });
      }
      database.providerInstances[checked.name] = checked;
      return { result: undefined, changed: true };
    });
  }

  async find(name: string): Promise<ProviderInstanceRecord | undefined> {
    const value = (await this.file.snapshot()).providerInstances?.[name];
    return value === undefined ? undefined : this.#read(name, value);
  }

  async list(organizationId?: string): Promise<readonly ProviderInstanceRecord[]> {
    return Object.entries((await this.file.snapshot()).providerInstances ?? {})
      .filter(([, value]) => organizationId === undefined || textField(value, 'organizationId') === organizationId)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => this.#read(name, value));
  }

  async delete(name: string): Promise<boolean> {
    return this.file.update((database) => {
      if (database.providerInstances?.[name] === undefined) return { result: false, changed: false };
      delete database.providerInstances[name];
      return { result: true, changed: true };
    });
  }

  #read(name: string, value: unknown): ProviderInstanceRecord {
    return readRecord(ProviderInstanceRecordSchema, structuredClone(value), `${this.file.path} (providerInstances.${name})`);
  }
}
