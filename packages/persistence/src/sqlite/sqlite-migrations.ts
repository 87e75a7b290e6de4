import type { Migration } from '../internal/migration.js';

/**
 * Each row keeps the whole document (JSON text, parsed back through the domain schemas) plus
 * the columns that are filtered, ordered or constrained on.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'requests, machines, state',
    statements: [
      `CREATE TABLE requests (
        request_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        template_id TEXT,
        provider_instance TEXT,
        idempotency_key TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        lease_owner TEXT,
        lease_expires_at INTEGER,
        document TEXT NOT NULL
      )`,
      // One key, one request: the second of two concurrent creates fails instead of inserting.
      `CREATE UNIQUE INDEX requests_idempotency_key ON requests (idempotency_key) WHERE idempotency_key IS NOT NULL`,
      `CREATE INDEX requests_status ON requests (status, created_at, request_id)`,
      `CREATE INDEX requests_created ON requests (created_at, request_id)`,
      `CREATE INDEX requests_template ON requests (template_id)`,
      `CREATE INDEX requests_provider_instance ON requests (provider_instance)`,
      `CREATE TABLE machines (
        machine_id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        return_request_id TEXT,
        provider_instance TEXT NOT NULL,
        provider_instance_id TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        document TEXT NOT NULL
      )`,
      `CREATE INDEX machines_request ON machines (request_id)`,
      `CREATE INDEX machines_return_request ON machines (return_request_id) WHERE return_request_id IS NOT NULL`,
      `CREATE INDEX machines_provider_instance_id ON machines (provider_instance_id, provider_instance)`,
      `CREATE INDEX machines_provider_instance ON machines (provider_instance, created_at)`,
      `CREATE INDEX machines_created ON machines (created_at, machine_id)`,
      `CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'catalog: plans, regions, images, apps, syncs, markup rules',
    statements: [
      // SQLite has no decimal type: prices are REAL, which reads back the number written
      // (0.0116 stays 0.0116); the document, which reads use, keeps it too.
      `CREATE TABLE plans (
        provider_instance TEXT NOT NULL,
        provider_type TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        vcpus REAL NOT NULL,
        memory_gb REAL NOT NULL,
        disk_gb REAL NOT NULL,
        gpus INTEGER NOT NULL,
        architecture TEXT,
        regions TEXT NOT NULL,
        transfer_gb REAL,
        base_price_hourly REAL,
        base_price_monthly REAL,
        spot_price_hourly REAL,
        markup_price_hourly REAL,
        markup_price_monthly REAL,
        currency TEXT NOT NULL,
        active INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (provider_instance, plan_id)
      )`,
      `CREATE INDEX plans_provider_type ON plans (provider_type)`,
      `CREATE TABLE catalog_regions (
        provider_instance TEXT NOT NULL,
        provider_type TEXT NOT NULL,
        region_id TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (provider_instance, region_id)
      )`,
      `CREATE TABLE catalog_images (
        provider_instance TEXT NOT NULL,
        provider_type TEXT NOT NULL,
        image_id TEXT NOT NULL,
        os_family TEXT,
        updated_at TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (provider_instance, image_id)
      )`,
      `CREATE TABLE catalog_apps (
        provider_instance TEXT NOT NULL,
        provider_type TEXT NOT NULL,
        app_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (provider_instance, app_id)
      )`,
      `CREATE TABLE catalog_syncs (
        provider_instance TEXT PRIMARY KEY,
        synced_at TEXT NOT NULL
      )`,
      `CREATE TABLE markup_rules (
        id TEXT PRIMARY KEY,
        provider_type TEXT,
        provider_instance TEXT,
        plan_id TEXT,
        percent REAL NOT NULL,
        fixed_hourly REAL NOT NULL,
        document TEXT NOT NULL
      )`,
    ],
  },
];
