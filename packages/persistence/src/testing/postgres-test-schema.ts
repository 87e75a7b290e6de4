import { randomBytes } from 'node:crypto';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresTestSchema {
  readonly url: string;
  /** `ohf_test_<random>`: each run (and each test that asks) gets its own. */
  readonly schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** DATABASE_URL when set, else the local test database CI starts. */
export function testDatabaseUrl(): string {
  return process.env['DATABASE_URL'] || DEFAULT_TEST_DATABASE_URL;
}

/**
 * Reserves a fresh schema on the test database, so parallel runs never see each other's
 * tables. An unreachable server fails loudly: PostgreSQL tests are never skipped silently.
 */
export async function createPostgresTestSchema(url: string = testDatabaseUrl()): Promise<PostgresTestSchema> {
  const { default: pg } = await import('pg');
  const schema = `ohf_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${redact(url)} (${(error as Error).message}). ` +
        'The persistence tests need it: start PostgreSQL locally (CI starts it) or set DATABASE_URL.',
      { cause: error },
    );
  }
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await client.end();
  }
  return {
    url,
    schema,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
