import { systemClock, type Clock } from '@ohf/domain-core';
import { latestVersion } from '../internal/migration.js';
import { parsedDocumentsOf } from '../internal/parsed-document-cache.js';
import type { MigrationResult, Storage, StorageHealth, StorageOptions } from '../storage.js';
import type { PostgresStorageConfig } from '../storage-config.js';
import { PostgresAuditLog } from './postgres-audit-log.js';
import { PostgresCatalogRepository } from './postgres-catalog-repository.js';
import { PostgresDatabase } from './postgres-database.js';
import { PostgresMachineRepository } from './postgres-machine-repository.js';
import { postgresMigrations } from './postgres-migrations.js';
import { PostgresRequestRepository } from './postgres-request-repository.js';
import { PostgresProviderInstanceRepository } from './postgres-provider-instance-repository.js';
import { PostgresStateStore } from './postgres-state-store.js';
import { PostgresTenancyRepository } from './postgres-tenancy-repository.js';
import { PostgresWebhookRepository } from './postgres-webhook-repository.js';
import { PostgresWorkQueue } from './postgres-work-queue.js';

/** Creates the pool (connections open on first use). The driver is loaded here, not at import. */
export async function openPostgresStorage(
  config: PostgresStorageConfig,
  options: StorageOptions = {},
): Promise<Storage> {
  const clock = options.clock ?? systemClock;
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    connectionTimeoutMillis: config.connectTimeoutMs,
  });
  // An idle connection dropped by the server is replaced on next use; without a listener the
  // pool's 'error' event would end the process.
  pool.on('error', () => undefined);
  const database = new PostgresDatabase(pool, config.schema, config.url, config.preparedStatements);

  const parsed = parsedDocumentsOf(options);
  const machines = new PostgresMachineRepository(database, parsed.machines);
  let closed = false;
  return {
    strategy: 'postgres',
    requests: new PostgresRequestRepository(database, machines, parsed.requests),
    machines,
    state: new PostgresStateStore(database, clock),
    work: new PostgresWorkQueue(database, clock),
    catalog: new PostgresCatalogRepository(database),
    tenancy: new PostgresTenancyRepository(database),
    providerInstances: new PostgresProviderInstanceRepository(database),
    events: new PostgresAuditLog(database),
    webhooks: new PostgresWebhookRepository(database),
    migrate: () => migrate(database, clock),
    healthCheck: () => healthCheck(database),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * All in one transaction under an advisory lock keyed by the schema: replicas starting
 * together wait for the first to finish, then find nothing left to apply.
 */
async function migrate(database: PostgresDatabase, clock: Clock): Promise<MigrationResult> {
  const migrations = postgresMigrations(database.schema);
  const table = database.table('schema_migrations');
  return database.transaction('Migrating', async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`ohf-migrate:${database.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${database.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${table}`);
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await client.query(statement);
      await client.query(`INSERT INTO ${table} (version, name, applied_at) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.name,
        clock.now().toISOString(),
      ]);
      applied.push(migration.version);
    }
    return { applied, current: Math.max(latestVersion(migrations), ...done) };
  });
}

async function healthCheck(database: PostgresDatabase): Promise<StorageHealth> {
  const started = performance.now();
  try {
    const [row] = await database.query<{ version: number | null }>(
      'Checking health',
      `SELECT max(version) AS version FROM ${database.table('schema_migrations')}`,
    );
    const latencyMs = performance.now() - started;
    const expected = latestVersion(postgresMigrations(database.schema));
    const version = row?.version ?? 0;
    if (version < expected) {
      return { ok: false, strategy: 'postgres', latencyMs, detail: `${database.where} is at schema ${version}, expected ${expected}: run migrate()` };
    }
    return { ok: true, strategy: 'postgres', latencyMs, detail: `${database.where} (schema ${version})` };
  } catch (error) {
    return {
      ok: false,
      strategy: 'postgres',
      latencyMs: performance.now() - started,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
