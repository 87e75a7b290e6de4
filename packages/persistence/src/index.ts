export { VERSION } from './version.js';

export { createStorage } from './create-storage.js';
export type { Storage, StorageHealth, StorageOptions, MigrationResult } from './storage.js';
export { createParsedDocuments, type ParsedDocuments } from './internal/parsed-document-cache.js';
export {
  StorageConfigSchema,
  SqliteStorageConfigSchema,
  JsonStorageConfigSchema,
  PostgresStorageConfigSchema,
  STORAGE_STRATEGIES,
  STORAGE_FILE_NAMES,
  defaultStoragePath,
  type StorageConfig,
  type StorageConfigInput,
  type StorageStrategy,
  type SqliteStorageConfig,
  type JsonStorageConfig,
  type PostgresStorageConfig,
} from './storage-config.js';
