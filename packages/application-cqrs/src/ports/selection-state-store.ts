import type { StateStore } from '@ohf/domain-core';

/**
 * Keeps the selection engine's learned state (health, circuit breakers, capacity blocks,
 * round-robin positions, metrics windows) between CLI processes, which each live for one call.
 */
export interface SelectionStateStore {
  load(): Promise<unknown>;
  save(state: unknown): Promise<void>;
}
export const SelectionStateStore = Symbol.for('ohf.SelectionStateStore');

export const SELECTION_STATE_KEY = 'selection-engine';

/**
 * Selection state kept in the domain StateStore under one key. The last writer wins: losing
 * one process's latency sample to a concurrent writer is harmless, a failed call is not.
 */
export function selectionStateStoreFrom(stateStore: StateStore, key: string = SELECTION_STATE_KEY): SelectionStateStore {
  return {
    load: async () => (await stateStore.get(key))?.value,
    save: async (state) => {
      await stateStore.put(key, state);
    },
  };
}
