import type { Clock, StatePutOptions, StateStore, StoredState } from '@ohf/domain-core';
import { expectedVersion, stateKey, stateText } from '../internal/state-input.js';
import { conflictError } from '../internal/storage-errors.js';
import type { JsonDatabaseFile, JsonStateEntry } from './json-database-file.js';

export class JsonStateStore implements StateStore {
  constructor(
    private readonly file: JsonDatabaseFile,
    private readonly clock: Clock,
  ) {}

  async get(key: string): Promise<StoredState | undefined> {
    const entry = (await this.file.snapshot()).state[stateKey(key)];
    // A copy: the snapshot is shared by every read until the file changes.
    return entry && toStoredState(key, { ...entry, value: structuredClone(entry.value) });
  }

  async put(key: string, value: unknown, options?: StatePutOptions): Promise<StoredState> {
    const checkedKey = stateKey(key);
    // Through text and back, so the stored value is exactly what the SQL strategies return.
    const stored = JSON.parse(stateText(key, value)) as unknown;
    const expected = expectedVersion(options);
    return this.file.update((database) => {
      const current = database.state[checkedKey];
      if (expected !== undefined && (current?.version ?? 0) !== expected) {
        throw conflictError(
          `State ${checkedKey} was not written: expected version ${expected}, stored ${current?.version ?? 'none'}. Read it again and retry.`,
          { key: checkedKey, expectedVersion: expected, storedVersion: current?.version ?? null },
        );
      }
      const entry: JsonStateEntry = {
        value: stored,
        version: (current?.version ?? 0) + 1,
        updatedAt: this.clock.now().toISOString(),
      };
      database.state[checkedKey] = entry;
      return { result: toStoredState(checkedKey, entry), changed: true };
    });
  }

  async delete(key: string): Promise<boolean> {
    const checkedKey = stateKey(key);
    return this.file.update((database) => {
      if (database.state[checkedKey] === undefined) return { result: false, changed: false };
      delete database.state[checkedKey];
      return { result: true, changed: true };
    });
  }
}

function toStoredState(key: string, entry: JsonStateEntry): StoredState {
  return { key, value: entry.value, version: entry.version, updatedAt: entry.updatedAt };
}
