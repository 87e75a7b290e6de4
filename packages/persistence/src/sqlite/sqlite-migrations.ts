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
];
