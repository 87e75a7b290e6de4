import { StorageConfigSchema } from '@ohf/persistence';
import { describe, expect, it } from 'vitest';
import { StorageConfigurationSchema } from '../configuration/configuration-schema.js';
import { toStorageConfig } from './storage-configuration.js';

function storageOptions(section: unknown, environment: Record<string, string> = {}) {
  return StorageConfigSchema.parse(toStorageConfig(StorageConfigurationSchema.parse(section), environment));
}

describe('toStorageConfig', () => {
  it('names the PostgreSQL database from DATABASE_URL when the file does not', () => {
    const options = storageOptions({ strategy: 'postgres' }, { DATABASE_URL: 'postgres://ohf@db:5432/ohf' });
    expect(options.postgres).toMatchObject({ url: 'postgres://ohf@db:5432/ohf', schema: 'public', poolSize: 10, preparedStatements: true });
  });

  it('carries the pool size and turns prepared statements off for a transaction-mode pooler', () => {
    const options = storageOptions({
      strategy: 'postgres',
      postgres: { url: 'postgres://ohf@pgbouncer:6432/ohf', schema: 'hf', pool_size: 4, prepared_statements: false },
    });
    expect(options.postgres).toMatchObject({ schema: 'hf', poolSize: 4, preparedStatements: false });
  });

  it('refuses postgres with no database named, pointing at the setting', () => {
    expect(() => storageOptions({ strategy: 'postgres' })).toThrow(/storage\.postgres\.url or DATABASE_URL/);
  });

  it('keeps the SQLite path and busy timeout', () => {
    expect(storageOptions({ sqlite: { path: 'state.db', busy_timeout_ms: 250 } }).sqlite).toMatchObject({ path: 'state.db', busyTimeoutMs: 250 });
  });
});
