import { ConfigurationError } from '@ohf/domain-core';
import { guardText } from './internal/text-guard.js';
import type { Storage, StorageOptions } from './storage.js';
import { StorageConfigSchema, type StorageConfig, type StorageConfigInput } from './storage-config.js';

/**
 * Opens the configured storage. Each strategy's module, and with it its driver, is loaded only
 * when chosen: the CLI on SQLite never loads pg, and an API on PostgreSQL never loads the
 * native SQLite addon. Call `migrate()` before first use.
 */
export async function createStorage(config: StorageConfigInput, options: StorageOptions = {}): Promise<Storage> {
  const parsed = StorageConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['storage', ...(issue?.path ?? [])].join('.');
    throw new ConfigurationError(`Invalid storage configuration: ${field}: ${issue?.message}`, {
      details: { field, issues: parsed.error.issues.map((each) => ({ path: each.path.join('.'), message: each.message })) },
    });
  }
  return guardText(await openStrategy(parsed.data, options));
}

async function openStrategy({ strategy, sqlite, json, postgres }: StorageConfig, options: StorageOptions): Promise<Storage> {
  switch (strategy) {
    case 'sqlite': {
      const { openSqliteStorage } = await import('./sqlite/sqlite-storage.js');
      return openSqliteStorage(sqlite!, options);
    }
    case 'json': {
      const { openJsonStorage } = await import('./json/json-storage.js');
      return openJsonStorage(json!, options);
    }
    case 'postgres': {
      const { openPostgresStorage } = await import('./postgres/postgres-storage.js');
      return openPostgresStorage(postgres!, options);
    }
  }
}
