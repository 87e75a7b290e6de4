import type { Migration } from '../internal/migration.js';

/**
 * Documents are JSONB (parsed back through the domain schemas); the columns beside them are
 * what is filtered, ordered or constrained on. Text that is ordered uses the "C" collation so
 * every strategy lists in the same (byte) order, whatever the database's locale.
 */
export function postgresMigrations(schema: string): readonly Migration[] {
  const table = (name: string) => `"${schema}"."${name}"`;
  return [
    {
      version: 1,
      name: 'requests, machines, state',
      statements: [
        `CREATE TABLE ${table('requests')} (
          request_id text COLLATE "C" PRIMARY KEY,
          kind text NOT NULL,
          status text NOT NULL,
          template_id text,
          provider_instance text,
          idempotency_key text,
          created_at text COLLATE "C" NOT NULL,
          updated_at text NOT NULL,
          version integer NOT NULL,
          lease_owner text,
          lease_expires_at bigint,
          document jsonb NOT NULL,
          -- One key, one request: the second of two concurrent creates fails instead of inserting.
          CONSTRAINT requests_idempotency_key UNIQUE (idempotency_key)
        )`,
        `CREATE INDEX requests_claimable ON ${table('requests')} (created_at, request_id) WHERE status IN ('pending', 'in_progress')`,
        `CREATE INDEX requests_status ON ${table('requests')} (status, created_at, request_id)`,
        `CREATE INDEX requests_created ON ${table('requests')} (created_at, request_id)`,
        `CREATE INDEX requests_template ON ${table('requests')} (template_id)`,
        `CREATE INDEX requests_provider_instance ON ${table('requests')} (provider_instance)`,
        `CREATE TABLE ${table('machines')} (
          machine_id text COLLATE "C" PRIMARY KEY,
          request_id text NOT NULL,
          return_request_id text,
          provider_instance text NOT NULL,
          provider_instance_id text NOT NULL,
          state text NOT NULL,
          created_at text COLLATE "C" NOT NULL,
          updated_at text NOT NULL,
          version integer NOT NULL,
          document jsonb NOT NULL
        )`,
        `CREATE INDEX machines_request ON ${table('machines')} (request_id)`,
        `CREATE INDEX machines_return_request ON ${table('machines')} (return_request_id) WHERE return_request_id IS NOT NULL`,
        `CREATE INDEX machines_provider_instance_id ON ${table('machines')} (provider_instance_id, provider_instance)`,
        `CREATE INDEX machines_provider_instance ON ${table('machines')} (provider_instance, created_at)`,
        `CREATE INDEX machines_created ON ${table('machines')} (created_at, machine_id)`,
        `CREATE TABLE ${table('state')} (
          key text PRIMARY KEY,
          value jsonb NOT NULL,
          version integer NOT NULL,
          updated_at text NOT NULL
        )`,
      ],
    },
    {
      version: 2,
      name: 'catalog: plans, regions, images, apps, syncs, markup rules',
      statements: [
        // Prices are numeric, so SQL sums of them are exact decimals (the document keeps the number too).
        `CREATE TABLE ${table('plans')} (
          provider_instance text COLLATE "C" NOT NULL,
          provider_type text NOT NULL,
          plan_id text COLLATE "C" NOT NULL,
          vcpus double precision NOT NULL,
          memory_gb double precision NOT NULL,
          disk_gb double precision NOT NULL,
          gpus integer NOT NULL,
          architecture text,
          regions jsonb NOT NULL,
          transfer_gb double precision,
          base_price_hourly numeric,
          base_price_monthly numeric,
          spot_price_hourly numeric,
          markup_price_hourly numeric,
          markup_price_monthly numeric,
          currency text NOT NULL,
          active boolean NOT NULL,
          updated_at text NOT NULL,
          document jsonb NOT NULL,
          PRIMARY KEY (provider_instance, plan_id)
        )`,
        `CREATE INDEX plans_provider_type ON ${table('plans')} (provider_type)`,
        `CREATE TABLE ${table('catalog_regions')} (
          provider_instance text COLLATE "C" NOT NULL,
          provider_type text NOT NULL,
          region_id text COLLATE "C" NOT NULL,
          updated_at text NOT NULL,
          document jsonb NOT NULL,
          PRIMARY KEY (provider_instance, region_id)
        )`,
        `CREATE TABLE ${table('catalog_images')} (
          provider_instance text COLLATE "C" NOT NULL,
          provider_type text NOT NULL,
          image_id text COLLATE "C" NOT NULL,
          os_family text,
          updated_at text NOT NULL,
          document jsonb NOT NULL,
          PRIMARY KEY (provider_instance, image_id)
        )`,
        `CREATE TABLE ${table('catalog_apps')} (
          provider_instance text COLLATE "C" NOT NULL,
          provider_type text NOT NULL,
          app_id text COLLATE "C" NOT NULL,
          kind text NOT NULL,
          updated_at text NOT NULL,
          document jsonb NOT NULL,
          PRIMARY KEY (provider_instance, app_id)
        )`,
        `CREATE TABLE ${table('catalog_syncs')} (
          provider_instance text COLLATE "C" PRIMARY KEY,
          synced_at text NOT NULL
        )`,
        `CREATE TABLE ${table('markup_rules')} (
          id text COLLATE "C" PRIMARY KEY,
          provider_type text,
          provider_instance text,
          plan_id text,
          percent numeric NOT NULL,
          fixed_hourly numeric NOT NULL,
          document jsonb NOT NULL
        )`,
      ],
    },
    {
      version: 3,
      name: 'organizations, users, api keys, provider instances, events, webhooks',
      statements: [
        // Everything stored before organizations existed belongs to the default organization.
        // A constant default adds the column without rewriting the table.
        `ALTER TABLE ${table('requests')} ADD COLUMN organization_id text COLLATE "C" NOT NULL DEFAULT 'default'`,
        `CREATE INDEX requests_organization ON ${table('requests')} (organization_id, created_at, request_id)`,
        `ALTER TABLE ${table('machines')} ADD COLUMN organization_id text COLLATE "C" NOT NULL DEFAULT 'default'`,
        `CREATE INDEX machines_organization ON ${table('machines')} (organization_id, created_at, machine_id)`,
        // Null: a platform rule that applies to every organization.
        `ALTER TABLE ${table('markup_rules')} ADD COLUMN organization_id text`,
        `CREATE TABLE ${table('organizations')} (
          organization_id text COLLATE "C" PRIMARY KEY,
          name text NOT NULL,
          created_at text NOT NULL,
          updated_at text NOT NULL,
          document jsonb NOT NULL
        )`,
        `INSERT INTO ${table('organizations')} (organization_id, name, created_at, updated_at, document)
          SELECT 'default', 'Default organization', now, now,
            jsonb_build_object('organizationId', 'default', 'name', 'Default organization', 'quotas', '{}'::jsonb, 'createdAt', now, 'updatedAt', now)
          FROM (SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now) AS started`,
        `CREATE TABLE ${table('users')} (
          user_id text COLLATE "C" PRIMARY KEY,
          name text NOT NULL CONSTRAINT users_name UNIQUE,
          platform_admin boolean NOT NULL,
          created_at text NOT NULL,
          updated_at text NOT NULL,
          document jsonb NOT NULL
        )`,
        `CREATE TABLE ${table('memberships')} (
          organization_id text COLLATE "C" NOT NULL,
          user_id text COLLATE "C" NOT NULL,
          role text NOT NULL,
          created_at text NOT NULL,
          PRIMARY KEY (organization_id, user_id)
        )`,
        `CREATE INDEX memberships_user ON ${table('memberships')} (user_id)`,
        `CREATE TABLE ${table('api_keys')} (
          key_id text COLLATE "C" PRIMARY KEY,
          user_id text NOT NULL,
          organization_id text NOT NULL,
          secret_hash text NOT NULL,
          created_at text COLLATE "C" NOT NULL,
          expires_at text,
          last_used_at text,
          revoked_at text,
          document jsonb NOT NULL
        )`,
        // A presented key is found by the hash of its secret, on every authenticated call.
        `CREATE UNIQUE INDEX api_keys_secret_hash ON ${table('api_keys')} (secret_hash)`,
        `CREATE INDEX api_keys_user ON ${table('api_keys')} (user_id)`,
        `CREATE INDEX api_keys_organization ON ${table('api_keys')} (organization_id)`,
        `CREATE TABLE ${table('provider_instances')} (
          name text COLLATE "C" PRIMARY KEY,
          organization_id text NOT NULL,
          type text NOT NULL,
          sealed_credentials text NOT NULL,
          configuration jsonb NOT NULL,
          capabilities jsonb NOT NULL,
          priority double precision NOT NULL,
          weight double precision NOT NULL,
          active boolean NOT NULL,
          created_at text NOT NULL,
          updated_at text NOT NULL
        )`,
        `CREATE INDEX provider_instances_organization ON ${table('provider_instances')} (organization_id, name)`,
        // `position` orders inserts; `sequence`, the number readers see, is given once the row
        // is committed, by ohf_sequence_events() (see postgres-audit-log.ts for why). Neither is
        // ever handed out twice, even after the newest events are deleted, so a reader's cursor
        // (SSE Last-Event-ID) never points at a different event.
        `CREATE TABLE ${table('events')} (
          position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          sequence bigint CONSTRAINT events_sequence UNIQUE,
          event_id text NOT NULL CONSTRAINT events_event_id UNIQUE,
          organization_id text NOT NULL,
          type text NOT NULL,
          occurred_at text COLLATE "C" NOT NULL,
          request_id text,
          machine_id text,
          provider_instance text,
          document jsonb NOT NULL
        )`,
        `CREATE INDEX events_unsequenced ON ${table('events')} (position) WHERE sequence IS NULL`,
        // Owned by the column: dropped with the table, and reset by TRUNCATE … RESTART IDENTITY.
        `CREATE SEQUENCE ${table('event_sequences')} AS bigint OWNED BY ${table('events')}.sequence`,
        // One writer of sequences at a time (the lock), each seeing every committed event: a
        // plpgsql statement takes its own snapshot, after the lock is granted. Nothing pending:
        // no row is written, so the call commits without a WAL flush.
        `CREATE FUNCTION ${table('ohf_sequence_events')}() RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock(hashtextextended('ohf-events:${schema}', 0));
          UPDATE ${table('events')} AS target SET sequence = numbered.sequence
          FROM (
            SELECT pending.position, nextval('${table('event_sequences')}') AS sequence
            FROM (SELECT position FROM ${table('events')} WHERE sequence IS NULL ORDER BY position) AS pending
          ) AS numbered
          WHERE target.position = numbered.position;
        END
        $$`,
        `CREATE INDEX events_organization ON ${table('events')} (organization_id, sequence)`,
        `CREATE INDEX events_request ON ${table('events')} (request_id) WHERE request_id IS NOT NULL`,
        `CREATE INDEX events_machine ON ${table('events')} (machine_id) WHERE machine_id IS NOT NULL`,
        `CREATE INDEX events_occurred ON ${table('events')} (occurred_at)`,
        `CREATE TABLE ${table('webhooks')} (
          webhook_id text COLLATE "C" PRIMARY KEY,
          organization_id text NOT NULL,
          active boolean NOT NULL,
          created_at text NOT NULL,
          updated_at text NOT NULL,
          document jsonb NOT NULL
        )`,
        `CREATE INDEX webhooks_organization ON ${table('webhooks')} (organization_id, webhook_id)`,
        `CREATE TABLE ${table('webhook_deliveries')} (
          delivery_id text COLLATE "C" PRIMARY KEY,
          webhook_id text NOT NULL,
          organization_id text NOT NULL,
          event_sequence bigint NOT NULL,
          status text NOT NULL,
          next_attempt_at text COLLATE "C",
          created_at text NOT NULL,
          document jsonb NOT NULL,
          -- One event reaches one webhook once, however many workers fan it out.
          CONSTRAINT webhook_deliveries_event UNIQUE (webhook_id, event_sequence)
        )`,
        `CREATE INDEX webhook_deliveries_due ON ${table('webhook_deliveries')} (status, next_attempt_at)`,
      ],
    },
    {
      version: 4,
      name: 'markup rule ids per owner',
      statements: [
        // A rule id is unique per owner only: two organizations may each keep a rule "x". `owner` is
        // the organization id, or '' for a platform rule (organization ids are never empty), so the
        // primary key holds for platform rules too. No default: a write that forgets the owner fails
        // instead of making a platform rule.
        `ALTER TABLE ${table('markup_rules')} ADD COLUMN owner text COLLATE "C"`,
        `UPDATE ${table('markup_rules')} SET owner = coalesce(organization_id, '')`,
        `ALTER TABLE ${table('markup_rules')} ALTER COLUMN owner SET NOT NULL`,
        `ALTER TABLE ${table('markup_rules')} DROP CONSTRAINT markup_rules_pkey`,
        `ALTER TABLE ${table('markup_rules')} ADD CONSTRAINT markup_rules_pkey PRIMARY KEY (owner, id)`,
      ],
    },
    {
      version: 5,
      name: 'machines counted by template from an index',
      statements: [
        // countByTemplate's expression and condition: the count reads the index, not every document.
        `CREATE INDEX machines_template_usage ON ${table('machines')} (state, (document->>'templateId')) WHERE return_request_id IS NULL`,
      ],
    },
    {
      version: 6,
      name: 'unfinished requests counted from an index',
      statements: [
        // outstandingByTemplate's condition: the sum walks the few unfinished requests, not every
        // request of the organization or template.
        `CREATE INDEX requests_outstanding ON ${table('requests')} (template_id, organization_id, ((document->>'requestedCount')::integer), request_id)
          WHERE kind = 'acquire' AND status IN ('pending', 'in_progress') AND template_id IS NOT NULL`,
      ],
    },
    {
      version: 7,
      name: 'machines counted by template from the index alone',
      statements: [
        // An index on an expression never serves an index-only scan, and selecting the expression
        // read (and decompressed) each counted machine's document. A stored column is kept by
        // PostgreSQL itself, and the index on it answers countByTemplate alone.
        `ALTER TABLE ${table('machines')} ADD COLUMN template_id TEXT GENERATED ALWAYS AS (document->>'templateId') STORED`,
        `DROP INDEX ${table('machines_template_usage')}`,
        `CREATE INDEX machines_template_usage ON ${table('machines')} (state, template_id) WHERE return_request_id IS NULL`,
      ],
    },
    {
      version: 8,
      name: 'fewer index entries per event',
      statements: [
        // Every event row is written with each change, so each index on events is paid on the
        // write path. Pending events are found through the NULL entries of events_sequence (a
        // B-tree keeps NULLs), so the partial index did the same job twice. occurred_at grows
        // with the rows, which is what a BRIN index summarizes: a few bytes per range of pages
        // instead of an entry per row, and retention's range delete still reads only old pages.
        `DROP INDEX ${table('events_unsequenced')}`,
        `DROP INDEX ${table('events_occurred')}`,
        `CREATE INDEX events_occurred ON ${table('events')} USING brin (occurred_at) WITH (autosummarize = on)`,
      ],
    },
  ];
}
