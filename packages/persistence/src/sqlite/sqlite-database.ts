import type BetterSqlite3 from 'better-sqlite3';
import { asStorageError } from '../internal/storage-errors.js';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** The driver's error codes we act on (`SqliteError.code`). */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A connection with a cache of prepared statements. Statements are prepared on first use, so
 * opening the file costs nothing before migrate() has created the tables.
 */
export class SqliteDatabase {
  readonly #statements = new Map<string, Statement>();
  /** One transaction function for every write: the driver builds four closures for each new one. */
  #transaction: ((work: () => unknown) => unknown) | undefined;

  constructor(
    readonly connection: BetterSqlite3.Database,
    readonly path: string,
  ) {}

  statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.connection.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `work` in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so two
   * processes queue on busy_timeout instead of deadlocking on a read-then-write upgrade.
   */
  writeTransaction<Result>(work: () => Result): Result {
    this.#transaction ??= this.connection.transaction((inner: () => unknown) => inner()).immediate;
    return this.#transaction(work) as Result;
  }

  /** Runs one operation, turning driver failures into StorageErrors that name the file. */
  run<Result>(what: string, work: () => Result): Result {
    try {
      return work();
    } catch (error) {
      const code = sqliteCode(error);
      if (code === 'SQLITE_ERROR' && /no such table/.test(String((error as Error).message))) {
        throw asStorageError(`${what} in ${this.path} (the schema is missing: run migrate() first)`, error);
      }
      throw asStorageError(`${what} in ${this.path}`, error, code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED');
    }
  }
}
