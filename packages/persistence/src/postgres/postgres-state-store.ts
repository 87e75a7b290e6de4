import type { Clock, StatePutOptions, StateStore, StoredState } from '@ohf/domain-core';
import { expectedVersion, stateKey, stateText } from '../internal/state-input.js';
import { conflictError } from '../internal/storage-errors.js';
import { postgresCode, type PostgresDatabase } from './postgres-database.js';

interface StateRow {
  readonly key: string;
  readonly value: unknown;
  readonly version: number;
  readonly updated_at: string;
}

export class PostgresStateStore implements StateStore {
  readonly #state: string;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly clock: Clock,
  ) {
    this.#state = database.table('state');
  }

  async get(key: string): Promise<StoredState | undefined> {
    const [row] = await this.database.query<StateRow>(
      `Reading state ${key}`,
      `SELECT key, value, version, updated_at FROM ${this.#state} WHERE key = $1`,
      [stateKey(key)],
    );
    return row && toStoredState(row);
  }

  async put(key: string, value: unknown, options?: StatePutOptions): Promise<StoredState> {
    const checkedKey = stateKey(key);
    const text = stateText(key, value);
    const expected = expectedVersion(options);
    const updatedAt = this.clock.now().toISOString();
    const returning = 'RETURNING key, value, version, updated_at';
    let rows: StateRow[];
    if (expected === undefined) {
      rows = await this.database.query<StateRow>(
        `Writing state ${key}`,
        `INSERT INTO ${this.#state} AS stored (key, value, version, updated_at) VALUES ($1, $2::jsonb, 1, $3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = stored.version + 1, updated_at = excluded.updated_at
         ${returning}`,
        [checkedKey, text, updatedAt],
      );
    } else if (expected === 0) {
      try {
        rows = (
          await this.database.pool.query<StateRow>(
            `INSERT INTO ${this.#state} (key, value, version, updated_at) VALUES ($1, $2::jsonb, 1, $3) ${returning}`,
            [checkedKey, text, updatedAt],
          )
        ).rows;
      } catch (error) {
        if (postgresCode(error) !== '23505') throw this.database.failure(`Writing state ${key}`, error);
        rows = [];
      }
    } else {
      rows = await this.database.query<StateRow>(
        `Writing state ${key}`,
        `UPDATE ${this.#state} SET value = $2::jsonb, version = version + 1, updated_at = $3
         WHERE key = $1 AND version = $4 ${returning}`,
        [checkedKey, text, updatedAt, expected],
      );
    }
    const [row] = rows;
    if (row === undefined) {
      const current = await this.get(checkedKey);
      throw conflictError(
        `State ${checkedKey} was not written: expected version ${expected}, stored ${current?.version ?? 'none'}. Read it again and retry.`,
        { key: checkedKey, expectedVersion: expected ?? null, storedVersion: current?.version ?? null },
      );
    }
    return toStoredState(row);
  }

  async delete(key: string): Promise<boolean> {
    const rows = await this.database.query(
      `Deleting state ${key}`,
      `DELETE FROM ${this.#state} WHERE key = $1 RETURNING key`,
      [stateKey(key)],
    );
    return rows.length > 0;
  }
}

function toStoredState(row: StateRow): StoredState {
  return { key: row.key, value: row.value, version: row.version, updatedAt: row.updated_at };
}
