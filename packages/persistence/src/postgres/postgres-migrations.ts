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
  ];
}
