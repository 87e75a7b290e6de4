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
  {
    version: 3,
    name: 'organizations, users, api keys, provider instances, events, webhooks',
    statements: [
      // Everything stored before organizations existed belongs to the default organization.
      `ALTER TABLE requests ADD COLUMN organization_id TEXT NOT NULL DEFAULT 'default'`,
      `CREATE INDEX requests_organization ON requests (organization_id, created_at, request_id)`,
      `ALTER TABLE machines ADD COLUMN organization_id TEXT NOT NULL DEFAULT 'default'`,
      `CREATE INDEX machines_organization ON machines (organization_id, created_at, machine_id)`,
      // Null: a platform rule that applies to every organization.
      `ALTER TABLE markup_rules ADD COLUMN organization_id TEXT`,
      `CREATE TABLE organizations (
        organization_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        document TEXT NOT NULL
      )`,
      `INSERT INTO organizations (organization_id, name, created_at, updated_at, document)
        SELECT 'default', 'Default organization', now, now,
          json_object('organizationId', 'default', 'name', 'Default organization', 'quotas', json_object(), 'createdAt', now, 'updatedAt', now)
        FROM (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS now)`,
      `CREATE TABLE users (
        user_id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        platform_admin INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        document TEXT NOT NULL
      )`,
      `CREATE TABLE memberships (
        organization_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (organization_id, user_id)
      )`,
      `CREATE INDEX memberships_user ON memberships (user_id)`,
      `CREATE TABLE api_keys (
        key_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        last_used_at TEXT,
        revoked_at TEXT,
        document TEXT NOT NULL
      )`,
      // A presented key is found by the hash of its secret, on every authenticated call.
      `CREATE UNIQUE INDEX api_keys_secret_hash ON api_keys (secret_hash)`,
      `CREATE INDEX api_keys_user ON api_keys (user_id)`,
      `CREATE INDEX api_keys_organization ON api_keys (organization_id)`,
      `CREATE TABLE provider_instances (
        name TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        type TEXT NOT NULL,
        sealed_credentials TEXT NOT NULL,
        configuration TEXT NOT NULL,
        capabilities TEXT NOT NULL,
        priority REAL NOT NULL,
        weight REAL NOT NULL,
        active INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE INDEX provider_instances_organization ON provider_instances (organization_id, name)`,
      // AUTOINCREMENT: a sequence is never reused, even after the newest events are deleted,
      // so a reader's cursor (SSE Last-Event-ID) never points at a different event.
      `CREATE TABLE events (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        organization_id TEXT NOT NULL,
        type TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        request_id TEXT,
        machine_id TEXT,
        provider_instance TEXT,
        document TEXT NOT NULL
      )`,
      `CREATE INDEX events_organization ON events (organization_id, sequence)`,
      `CREATE INDEX events_request ON events (request_id) WHERE request_id IS NOT NULL`,
      `CREATE INDEX events_machine ON events (machine_id) WHERE machine_id IS NOT NULL`,
      `CREATE INDEX events_occurred ON events (occurred_at)`,
      `CREATE TABLE webhooks (
        webhook_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        active INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        document TEXT NOT NULL
      )`,
      `CREATE INDEX webhooks_organization ON webhooks (organization_id, webhook_id)`,
      `CREATE TABLE webhook_deliveries (
        delivery_id TEXT PRIMARY KEY,
        webhook_id TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        event_sequence INTEGER NOT NULL,
        status TEXT NOT NULL,
        next_attempt_at TEXT,
        created_at TEXT NOT NULL,
        document TEXT NOT NULL
      )`,
      // One event reaches one webhook once, however many workers fan it out.
      `CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (webhook_id, event_sequence)`,
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)`,
    ],
  },
  {
    version: 4,
    name: 'markup rule ids per owner',
    statements: [
      // A rule id is unique per owner only: two organizations may each keep a rule "x". `owner` is
      // the organization id, or '' for a platform rule (organization ids are never empty), so the
      // primary key holds for platform rules too. SQLite cannot change a primary key in place:
      // the table is rebuilt, keeping every rule.
      `CREATE TABLE markup_rules_by_owner (
        owner TEXT NOT NULL,
        id TEXT NOT NULL,
        organization_id TEXT,
        provider_type TEXT,
        provider_instance TEXT,
        plan_id TEXT,
        percent REAL NOT NULL,
        fixed_hourly REAL NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (owner, id)
      )`,
      `INSERT INTO markup_rules_by_owner (owner, id, organization_id, provider_type, provider_instance, plan_id, percent, fixed_hourly, document)
        SELECT coalesce(organization_id, ''), id, organization_id, provider_type, provider_instance, plan_id, percent, fixed_hourly, document
        FROM markup_rules`,
      `DROP TABLE markup_rules`,
      `ALTER TABLE markup_rules_by_owner RENAME TO markup_rules`,
    ],
  },
  {
    version: 5,
    name: 'machines counted by template from an index',
    statements: [
      // Template usage (maxNumber, getAvailableTemplates) counts machines per template after
      // every CLI call that opened storage: without this index each count parsed every machine's
      // document (85 ms for 10,000 machines); with it, the index alone answers (7 ms). The
      // expression must stay exactly the one countByTemplate selects and groups by.
      `CREATE INDEX machines_template_usage ON machines (state, json_extract(document, '$.templateId')) WHERE return_request_id IS NULL`,
    ],
  },
  {
    version: 6,
    name: 'unfinished requests counted from an index',
    statements: [
      // Every new request and every quota check sums what unfinished acquire requests still owe.
      // Reading requestedCount out of each document cost 10 µs a request (2.6 ms with 240 waiting);
      // this partial index holds only unfinished requests, with the count, so the sum reads it
      // alone. outstandingByTemplateStatement names it and must keep its condition and expression.
      `CREATE INDEX requests_outstanding ON requests (template_id, organization_id, json_extract(document, '$.requestedCount'), request_id)
        WHERE kind = 'acquire' AND status IN ('pending', 'in_progress') AND template_id IS NOT NULL`,
    ],
  },
  {
    version: 7,
    name: 'machines counted by template from the index alone',
    statements: [
      // Version 5's index held json_extract(document, '$.templateId'), yet SQLite still read every
      // counted machine's document to select that expression: a count over 10,000 machines read
      // the whole table, 115 ms in a process that opened storage anew (every CLI call). A virtual
      // column costs no space in the table, and an index on it answers the count without one
      // table read: 5 ms. countByTemplateStatement selects the column by name.
      `ALTER TABLE machines ADD COLUMN template_id TEXT GENERATED ALWAYS AS (json_extract(document, '$.templateId')) VIRTUAL`,
      `DROP INDEX machines_template_usage`,
      `CREATE INDEX machines_template_usage ON machines (state, template_id) WHERE return_request_id IS NULL`,
    ],
  },
];
