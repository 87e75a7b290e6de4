import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock } from '@ohf/domain-core';
import { latestVersion } from '../internal/migration.js';
import { storageFailure } from '../internal/storage-errors.js';
import { parsedDocumentsOf } from '../internal/parsed-document-cache.js';
import type { MigrationResult, Storage, StorageHealth, StorageOptions } from '../storage.js';
import type { SqliteStorageConfig } from '../storage-config.js';
import { SqliteAuditLog } from './sqlite-audit-log.js';
import { SqliteCatalogRepository } from './sqlite-catalog-repository.js';
import { SqliteDatabase, sqliteCode } from './sqlite-database.js';
import { SqliteMachineRepository } from './sqlite-machine-repository.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { SqliteRequestRepository } from './sqlite-request-repository.js';
import { SqliteProviderInstanceRepository } from './sqlite-provider-instance-repository.js';
import { SqliteStateStore } from './sqlite-state-store.js';
import { SqliteTenancyRepository } from './sqlite-tenancy-repository.js';
import { SqliteWebhookRepository } from './sqlite-webhook-repository.js';
import { SqliteWorkQueue } from './sqlite-work-queue.js';

/** How much of the database file reads may map (SQLite maps no more than the file's size). */
const MMAP_BYTES = 256 * 1024 * 1024;

/**
 * The driver's own words when its compiled module does not fit the running Node.js (installed
 * under one version, run under another) say nothing of the fix; this sentence does.
 */
export function nativeBindingHint(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /NODE_MODULE_VERSION|did not self-register|Could not locate the bindings file|invalid ELF header/.test(message)
    ? ` (better-sqlite3's native module does not fit Node.js ${process.version}: run \`npm rebuild better-sqlite3\` with this Node.js, or choose storage.strategy json or postgres)`
    : '';
}

/** Pages the write-ahead log may hold before a write checkpoints it (see openSqliteStorage). */
export const WAL_AUTOCHECKPOINT_PAGES = 4_000;

/** Opens (creating when missing) the SQLite file. The driver is loaded here, not at import. */
export async function openSqliteStorage(
  config: SqliteStorageConfig,
  options: StorageOptions = {},
): Promise<Storage> {
  const clock = options.clock ?? systemClock;
  const { default: Database } = await import('better-sqlite3');
  let connection;
  try {
    if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
    connection = new Database(config.path, { timeout: config.busyTimeoutMs });
  } catch (error) {
    throw storageFailure(`Cannot open the SQLite database ${config.path}${nativeBindingHint(error)}`, error, { details: { path: config.path } });
  }
  const database = new SqliteDatabase(connection, config.path);
  await useWriteAheadLog(database);
  // NORMAL is durable against a killed process in WAL mode; only a power cut may lose the last commits.
  connection.pragma('synchronous = NORMAL');
  // Reads map the file instead of copying each page through read(): a new process (every CLI
  // call) reading 10,000 machines spent about 130 ms of CPU fetching their rows, mapped 70 ms.
  // Writes still go through the write-ahead log.
  connection.pragma(`mmap_size = ${MMAP_BYTES}`);
  // The write that fills the log past this many pages copies them into the database and syncs
  // both files while the process waits. At SQLite's default (1,000 pages, about 4 MB) that came
  // every few dozen writes of a busy API, twice as often with the audit trail's rows; at 4 MB×4
  // it comes a quarter as often, a page changed many times between two is copied once, and the
  // log file stays bounded (reused from its start after each checkpoint).
  if (config.path !== ':memory:') connection.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);

  let closed = false;
  const parsed = parsedDocumentsOf(options);
  const machines = new SqliteMachineRepository(database, parsed.machines);
  return {
    strategy: 'sqlite',
    requests: new SqliteRequestRepository(database, machines, parsed.requests),
    machines,
    state: new SqliteStateStore(database, clock),
    work: new SqliteWorkQueue(database, clock),
    catalog: new SqliteCatalogRepository(database),
    tenancy: new SqliteTenancyRepository(database),
    providerInstances: new SqliteProviderInstanceRepository(database),
    events: new SqliteAuditLog(database),
    webhooks: new SqliteWebhookRepository(database),
    migrate: async () => migrate(database, clock),
    healthCheck: async () => healthCheck(database),
    close: async () => {
      if (closed) return;
      closed = true;
      // Writes asked for in this turn are committed, not lost with the connection.
      database.commitWrites();
      connection.close();
    },
  };
}

/**
 * WAL lets readers run beside one writer, which is what concurrent CLI invocations need.
 * Switching modes needs a moment of exclusive access, so a process opening the file while
 * another writes waits and retries instead of failing.
 */
async function useWriteAheadLog(database: SqliteDatabase): Promise<void> {
  if (database.path === ':memory:') return;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const mode = database.connection.pragma('journal_mode = WAL', { simple: true });
      if (mode === 'wal') return;
      throw new Error(`journal_mode is ${String(mode)}`);
    } catch (error) {
      if (sqliteCode(error) !== 'SQLITE_BUSY' || attempt >= 100) {
        throw storageFailure(`Cannot switch ${database.path} to write-ahead logging`, error, { retryable: true });
      }
      await sleep(20);
    }
  }
}

function migrate(database: SqliteDatabase, clock: Clock): MigrationResult {
  return database.run('Migrating', () => {
    database.connection.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    // Inside one write transaction, so two processes starting together apply each migration once.
    return database.writeTransaction(() => {
      const rows = database.connection.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
      const done = new Set(rows.map((row) => row.version));
      const applied: number[] = [];
      for (const migration of SQLITE_MIGRATIONS) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.statements) database.connection.exec(statement);
        database.connection
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, clock.now().toISOString());
        applied.push(migration.version);
      }
      return { applied, current: Math.max(latestVersion(SQLITE_MIGRATIONS), ...done) };
    });
  });
}

function healthCheck(database: SqliteDatabase): StorageHealth {
  const started = performance.now();
  try {
    const row = database.connection.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    const latencyMs = performance.now() - started;
    const expected = latestVersion(SQLITE_MIGRATIONS);
    if ((row.version ?? 0) < expected) {
      return { ok: false, strategy: 'sqlite', latencyMs, detail: `${database.path} is at schema ${row.version ?? 0}, expected ${expected}: run migrate()` };
    }
    return { ok: true, strategy: 'sqlite', latencyMs, detail: `${database.path} (schema ${row.version})` };
  } catch (error) {
    return {
      ok: false,
      strategy: 'sqlite',
      latencyMs: performance.now() - started,
      detail: `${database.path}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
