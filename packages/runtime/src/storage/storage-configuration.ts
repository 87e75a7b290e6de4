import { ConfigurationError } from '@ohf/domain-core';
import type { StorageConfigInput } from '@ohf/persistence';
import type { StorageConfiguration } from '../configuration/configuration-schema.js';
import type { Environment } from '../configuration/expand-environment.js';

/** Maps the configuration file's `storage` section onto the persistence package's options. */
export function toStorageConfig(storage: StorageConfiguration, environment: Environment): StorageConfigInput {
  switch (storage.strategy) {
    case 'sqlite':
      return {
        strategy: 'sqlite',
        sqlite: {
          path: storage.sqlite.path,
          ...(storage.sqlite.busy_timeout_ms === undefined ? {} : { busyTimeoutMs: storage.sqlite.busy_timeout_ms }),
        },
      };
    case 'json':
      return {
        strategy: 'json',
        json: {
          path: storage.json.path,
          ...(storage.json.lock_timeout_ms === undefined ? {} : { lockTimeoutMs: storage.json.lock_timeout_ms }),
        },
      };
    case 'postgres': {
      const url = storage.postgres.url ?? environment.DATABASE_URL;
      if (!url) {
        throw new ConfigurationError(
          'storage.strategy is postgres but no database is named: set storage.postgres.url or DATABASE_URL.',
          { details: { field: 'storage.postgres.url' } },
        );
      }
      return {
        strategy: 'postgres',
        postgres: {
          url,
          ...(storage.postgres.schema === undefined ? {} : { schema: storage.postgres.schema }),
          ...(storage.postgres.pool_size === undefined ? {} : { poolSize: storage.postgres.pool_size }),
          ...(storage.postgres.prepared_statements === undefined ? {} : { preparedStatements: storage.postgres.prepared_statements }),
        },
      };
    }
  }
}
