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
  /** Writes waiting for the end of this turn of the event loop (see write()). */
  #writes: Array<{ what: string; work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }> | undefined;

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

  /**
   * Runs a write with the other writes asked for in the same turn of the event loop, in one
   * transaction: a commit appends every page the transaction changed to the write-ahead log, and
   * a busy API's writes (a request here, a machine and its events there) change the same few
   * pages (the tables' last leaves, the events' indices), so sharing the commit writes them once
   * instead of once each. Each write runs in its own savepoint: one that fails is undone alone and
   * rejects alone. The promise settles after the commit, so a caller that goes on has its change
   * stored; a commit that fails rejects every write it carried. A lone write waits for nothing but
   * the end of the turn (setImmediate runs after the loop's I/O callbacks).
   */
  write<Result>(what: string, work: () => Result): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      if (this.#writes === undefined) {
        this.#writes = [];
        setImmediate(() => this.commitWrites());
      }
      this.#writes.push({ what, work, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Commits the writes waiting for the end of this turn now (before the connection closes). */
  commitWrites(): void {
    const writes = this.#writes ?? [];
    this.#writes = undefined;
    if (writes.length === 0) return;
    if (writes.length === 1) {
      const [{ what, work, resolve, reject }] = writes as [(typeof writes)[number]];
      try {
        resolve(this.run(what, () => this.writeTransaction(work)));
      } catch (error) {
        reject(error);
      }
      return;
    }
    const outcomes: Array<{ value: unknown } | { error: unknown }> = [];
    try {
      this.run(`Writing ${writes.length} changes`, () =>
        this.writeTransaction(() => {
          for (const write of writes) {
            try {
              outcomes.push({ value: this.writeTransaction(() => this.run(write.what, write.work)) });
            } catch (error) {
              // Some failures (a full disk, an I/O error) make SQLite roll the whole transaction
              // back: nothing of the group is stored, so every write of it fails.
              if (!this.connection.inTransaction) throw error;
              outcomes.push({ error });
            }
          }
        }),
      );
    } catch (error) {
      for (const write of writes) write.reject(error);
      return;
    }
    writes.forEach((write, index) => {
      const outcome = outcomes[index]!;
      if ('error' in outcome) write.reject(outcome.error);
      else write.resolve(outcome.value);
    });
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
