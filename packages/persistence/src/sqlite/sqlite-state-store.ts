import type { Clock, StatePutOptions, StateStore, StoredState } from '@ohf/domain-core';
import { expectedVersion, stateKey, stateText } from '../internal/state-input.js';
import { conflictError } from '../internal/storage-errors.js';
import { sqliteCode, type SqliteDatabase } from './sqlite-database.js';

interface StateRow {
  readonly key: string;
  readonly value: string;
  readonly version: number;
  readonly updated_at: string;
}

export class SqliteStateStore implements StateStore {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly clock: Clock,
  ) {}

  async get(key: string): Promise<StoredState | undefined> {
    const row = this.database.run(`Reading state ${key}`, () =>
      this.database.statement('SELECT key, value, version, updated_at FROM state WHERE key = ?').get(stateKey(key)),
    ) as StateRow | undefined;
    return row && toStoredState(row);
  }

  async put(key: string, value: unknown, options?: StatePutOptions): Promise<StoredState> {
    const parameters = {
      key: stateKey(key),
      value: stateText(key, value),
      updatedAt: this.clock.now().toISOString(),
      expectedVersion: expectedVersion(options),
    };
    const row = this.database.run(`Writing state ${key}`, () => {
      if (parameters.expectedVersion === undefined) {
        return this.database
          .statement(
            `INSERT INTO state (key, value, version, updated_at) VALUES (@key, @value, 1, @updatedAt)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = state.version + 1, updated_at = excluded.updated_at
             RETURNING key, value, version, updated_at`,
          )
          .get(parameters);
      }
      if (parameters.expectedVersion === 0) {
        try {
          return this.database
            .statement(
              'INSERT INTO state (key, value, version, updated_at) VALUES (@key, @value, 1, @updatedAt) RETURNING key, value, version, updated_at',
            )
            .get(parameters);
        } catch (error) {
          if (sqliteCode(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
          throw error;
        }
      }
      return this.database
        .statement(
          `UPDATE state SET value = @value, version = version + 1, updated_at = @updatedAt
           WHERE key = @key AND version = @expectedVersion RETURNING key, value, version, updated_at`,
        )
        .get(parameters);
    }) as StateRow | undefined;
    if (row === undefined) throw await this.#conflict(parameters.key, parameters.expectedVersion ?? 0);
    return toStoredState(row);
  }

  async delete(key: string): Promise<boolean> {
    const result = this.database.run(`Deleting state ${key}`, () =>
      this.database.statement('DELETE FROM state WHERE key = ?').run(stateKey(key)),
    );
    return result.changes > 0;
  }

  async #conflict(key: string, expected: number): Promise<Error> {
    const current = await this.get(key);
    return conflictError(
      `State ${key} was not written: expected version ${expected}, stored ${current?.version ?? 'none'}. Read it again and retry.`,
      { key, expectedVersion: expected, storedVersion: current?.version ?? null },
    );
  }
}

function toStoredState(row: StateRow): StoredState {
  return { key: row.key, value: JSON.parse(row.value) as unknown, version: row.version, updatedAt: row.updated_at };
}
