import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { asStorageError } from '../internal/storage-errors.js';

/** SQLSTATE classes that mean "the connection or server had a moment", worth retrying. */
const RETRYABLE_STATES = /^(08|53|57P0|40001|40P01)/;

export function postgresCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function postgresConstraint(error: unknown): string | undefined {
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

/** host:port/database, without the password a URL may carry. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured database';
  }
}

export interface Queryable {
  query<Row extends QueryResultRow>(sql: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}

export class PostgresDatabase {
  readonly where: string;
  readonly #statementNames = new Map<string, string>();

  constructor(
    readonly pool: Pool,
    readonly schema: string,
    url: string,
    private readonly preparedStatements = true,
  ) {
    this.where = `PostgreSQL ${describeDatabase(url)} (schema ${schema})`;
  }

  table(name: string): string {
    return `"${this.schema}"."${name}"`;
  }

  /** One statement; driver failures become StorageErrors that say what was being done. */
  async query<Row extends QueryResultRow>(what: string, sql: string, values: unknown[] = []): Promise<Row[]> {
    try {
      const query = this.preparedStatements ? { name: this.#statementName(sql), text: sql, values } : { text: sql, values };
      return (await this.pool.query<Row>(query)).rows;
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  /**
   * One statement, prepared like `query`, whose driver error is left as it is: for writes that
   * tell constraint violations apart (CONFLICT) before reporting anything else. `prepared: false`
   * for a text among many (one per row count): each connection would keep every one it saw.
   */
  async execute<Row extends QueryResultRow>(sql: string, values: unknown[], options: { readonly prepared?: boolean } = {}): Promise<{ rows: Row[]; rowCount: number | null }> {
    const query = this.preparedStatements && options.prepared !== false ? { name: this.#statementName(sql), text: sql, values } : { text: sql, values };
    return this.pool.query<Row>(query);
  }

  /**
   * Statements are sent prepared and named: each connection parses and plans one once and then
   * only binds and executes it, which takes most of the server's work off hot point reads
   * (GET /requests/{id} polled by watchers). The name comes from the text, so databases sharing
   * a pool agree on it; the set of texts is bounded (fixed SQL, filters only choose clauses).
   */
  #statementName(sql: string): string {
    let name = this.#statementNames.get(sql);
    if (name === undefined) {
      name = `ohf_${createHash('sha256').update(sql).digest('hex').slice(0, 40)}`;
      this.#statementNames.set(sql, name);
    }
    return name;
  }

  async transaction<Result>(what: string, work: (client: PoolClient) => Promise<Result>): Promise<Result> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.failure(what, error);
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw this.failure(what, error);
    } finally {
      client.release();
    }
  }

  failure(what: string, error: unknown): Error {
    const code = postgresCode(error) ?? '';
    const retryable = RETRYABLE_STATES.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'].includes(code);
    if (postgresCode(error) === '42P01') {
      return asStorageError(`${what} in ${this.where} (the schema is missing: run migrate() first)`, error);
    }
    return asStorageError(`${what} in ${this.where}`, error, retryable);
  }
}
