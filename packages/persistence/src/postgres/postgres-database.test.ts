import { StorageError } from '@ohf/domain-core';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresTestSchema, type PostgresTestSchema } from '../testing/postgres-test-schema.js';
import { PostgresDatabase } from './postgres-database.js';

describe('PostgresDatabase.query', () => {
  let schema: PostgresTestSchema;
  let pool: pg.Pool;

  beforeEach(async () => {
    schema = await createPostgresTestSchema();
    // One connection, so the session the statements were prepared on is the one inspected.
    pool = new pg.Pool({ connectionString: schema.url, max: 1 });
  });

  afterEach(async () => {
    await pool.end();
    await schema.drop();
  });

  const preparedOnTheConnection = async () =>
    (await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY statement')).rows.map((row) => row.statement);

  it('prepares each statement once per connection and reuses it', async () => {
    const database = new PostgresDatabase(pool, schema.schema, schema.url);
    expect(await database.query('Adding', 'SELECT $1::int + 1 AS sum', [1])).toEqual([{ sum: 2 }]);
    expect(await database.query('Adding', 'SELECT $1::int + 1 AS sum', [41])).toEqual([{ sum: 42 }]);
    expect(await preparedOnTheConnection()).toEqual(['SELECT $1::int + 1 AS sum']);
  });

  it('lets databases sharing a pool prepare their own statements without a name clash', async () => {
    const first = new PostgresDatabase(pool, schema.schema, schema.url);
    const second = new PostgresDatabase(pool, 'other', schema.url);
    await first.query('Reading', 'SELECT 1 AS one');
    await second.query('Reading', 'SELECT 2 AS two');
    expect(await second.query('Reading', 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await preparedOnTheConnection()).toEqual(['SELECT 1 AS one', 'SELECT 2 AS two']);
  });

  it('sends unnamed statements when prepared statements are turned off', async () => {
    const database = new PostgresDatabase(pool, schema.schema, schema.url, false);
    expect(await database.query('Adding', 'SELECT $1::int + 1 AS sum', [1])).toEqual([{ sum: 2 }]);
    expect(await preparedOnTheConnection()).toEqual([]);
  });

  it('sends a statement among many texts unnamed when asked, so the connection keeps none of them', async () => {
    const database = new PostgresDatabase(pool, schema.schema, schema.url);
    for (const count of [1, 2, 3]) {
      const sql = `SELECT count(*)::int AS rows FROM (VALUES ${Array.from({ length: count }, (_, index) => `($${index + 1}::int)`).join(', ')}) AS input (value)`;
      const values = Array.from({ length: count }, (_, index) => index);
      expect((await database.execute(sql, values, { prepared: false })).rows).toEqual([{ rows: count }]);
    }
    expect(await preparedOnTheConnection()).toEqual([]);
    await database.execute('SELECT $1::int AS one', [1]);
    expect(await preparedOnTheConnection()).toEqual(['SELECT $1::int AS one']);
  });

  it('reports a failed statement as a storage error naming the work and the database', async () => {
    const database = new PostgresDatabase(pool, schema.schema, schema.url);
    const failure = await database.query('Reading request req-1', `SELECT * FROM "${schema.schema}".requests`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/^Reading request req-1 in PostgreSQL 127\.0\.0\.1:5432\/test .*schema is missing/),
    });
    // The failed Parse left nothing behind, so the statement can succeed once the table exists.
    await pool.query(`CREATE TABLE "${schema.schema}".requests (request_id text)`);
    expect(await database.query('Reading request req-1', `SELECT * FROM "${schema.schema}".requests`)).toEqual([]);
  });
});
