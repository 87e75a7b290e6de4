import { BusinessRuleError, type StatePutOptions, type StateStore, type StoredState } from '@ohf/domain-core';
import type { Clock } from '../ports/clock.js';

/** Test and in-process adapter of the domain StateStore (selection state between calls). */
export class InMemoryStateStore implements StateStore {
  private readonly entries = new Map<string, StoredState>();

  constructor(private readonly clock: Clock = { now: () => new Date() }) {}

  async get(key: string): Promise<StoredState | undefined> {
    const found = this.entries.get(key);
    return found === undefined ? undefined : structuredClone(found);
  }

  async put(key: string, value: unknown, options: StatePutOptions = {}): Promise<StoredState> {
    const currentVersion = this.entries.get(key)?.version ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== currentVersion) {
      throw new BusinessRuleError('CONFLICT', `State "${key}" is at version ${currentVersion}, not ${options.expectedVersion}.`, {
        details: { key, version: currentVersion },
      });
    }
    const stored: StoredState = {
      key,
      value: structuredClone(value),
      version: currentVersion + 1,
      updatedAt: this.clock.now().toISOString(),
    };
    this.entries.set(key, stored);
    return structuredClone(stored);
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }
}
