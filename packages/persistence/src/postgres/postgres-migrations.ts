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
  ];
}
