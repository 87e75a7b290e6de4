import { join } from 'node:path';
import { z } from 'zod';

export const STORAGE_STRATEGIES = ['sqlite', 'json', 'postgres'] as const;
export type StorageStrategy = (typeof STORAGE_STRATEGIES)[number];

export const SqliteStorageConfigSchema = z.object({
  /** The database file; its directory is created when missing. */
  path: z.string().min(1),
  /** How long a write waits for another process's write before failing. */
  busyTimeoutMs: z.number().int().nonnegative().default(10_000),
});

export const JsonStorageConfigSchema = z.object({
  /** `request_database.json`; the lock file is this path + `.lock`. */
  path: z.string().min(1),
  /** How long an operation waits for the lock before failing (retryable). */
  lockTimeoutMs: z.number().int().positive().default(30_000),
  /** A lock file older than this is taken to be abandoned by a crashed process. */
  lockStaleMs: z.number().int().positive().default(10_000),
});

export const PostgresStorageConfigSchema = z.object({
  /** `postgres://user@host:5432/database` (DATABASE_URL). */
  url: z.string().min(1),
  /** Schema holding the tables; created by migrate(). */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'schema must be a lower-case SQL identifier (letters, digits, "_")')
    .default('public'),
  poolSize: z.number().int().positive().max(1_000).default(10),
  /** How long to wait for a connection before the operation fails (retryable). */
  connectTimeoutMs: z.number().int().positive().default(10_000),
  /**
   * Send statements prepared and named, so each connection plans them once. Turn off behind a
   * pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements: z.boolean().default(true),
});

/**
 * Which storage to use and where. Only the chosen strategy's section is required; the others
 * may be present (a configuration file usually carries all of them) and are ignored.
 */
export const StorageConfigSchema = z
  .object({
    strategy: z.enum(STORAGE_STRATEGIES).default('sqlite'),
    sqlite: SqliteStorageConfigSchema.optional(),
    json: JsonStorageConfigSchema.optional(),
    postgres: PostgresStorageConfigSchema.optional(),
  })
  .superRefine((config, context) => {
    if (config[config.strategy] === undefined) {
      context.addIssue({
        code: 'custom',
        path: [config.strategy],
        message: `storage strategy "${config.strategy}" needs a "${config.strategy}" section (${
          config.strategy === 'postgres' ? 'url' : 'path'
        })`,
      });
    }
  });

export type StorageConfig = z.infer<typeof StorageConfigSchema>;
export type StorageConfigInput = z.input<typeof StorageConfigSchema>;
export type SqliteStorageConfig = z.infer<typeof SqliteStorageConfigSchema>;
export type JsonStorageConfig = z.infer<typeof JsonStorageConfigSchema>;
export type PostgresStorageConfig = z.infer<typeof PostgresStorageConfigSchema>;

/** The file names Host Factory deployments expect inside the work directory. */
export const STORAGE_FILE_NAMES = {
  sqlite: 'request_database.db',
  json: 'request_database.json',
} as const;

/** Where an embedded strategy keeps its file inside `$HF_PROVIDER_WORKDIR`. */
export function defaultStoragePath(strategy: 'sqlite' | 'json', workDirectory: string): string {
  return join(workDirectory, STORAGE_FILE_NAMES[strategy]);
}
