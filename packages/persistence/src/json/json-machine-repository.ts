import type { Machine, MachineListFilter, MachineRepository, Page } from '@ohf/domain-core';
import { checkMachine, lastOfEachMachine, readMachine } from '../internal/documents.js';
import { machineQuery } from '../internal/list-filters.js';
import { compareByCreation } from '../internal/work-options.js';
import type { JsonDatabaseFile } from './json-database-file.js';
import { storedVersion } from './json-request-repository.js';

export class JsonMachineRepository implements MachineRepository {
  constructor(private readonly file: JsonDatabaseFile) {}

  async saveMany(machines: readonly Machine[]): Promise<void> {
    const checked = lastOfEachMachine(machines.map(checkMachine));
    if (checked.length === 0) return;
    await this.file.update((database) => {
      for (const machine of checked) {
        const stored = database.machines[machine.machineId];
        // The stored version counts saves; machines are last-writer-wins (the cloud is the truth).
        database.machines[machine.machineId] = { ...machine, version: stored === undefined ? 1 : storedVersion(stored) + 1 };
      }
      return { result: undefined, changed: true };
    });
  }

  async findById(machineId: string): Promise<Machine | undefined> {
    const document = (await this.file.read()).machines[machineId];
    return document === undefined ? undefined : this.#read(machineId, document);
  }

  async findByProviderInstanceId(providerInstanceId: string, providerInstance?: string): Promise<Machine | undefined> {
    return (await this.#all()).find(
      (machine) =>
        machine.providerInstanceId === providerInstanceId &&
        (providerInstance === undefined || machine.providerInstance === providerInstance),
    );
  }

  async findByRequestId(requestId: string): Promise<readonly Machine[]> {
    return (await this.#all()).filter((machine) => machine.requestId === requestId || machine.returnRequestId === requestId);
  }

  async list(filter?: MachineListFilter): Promise<Page<Machine>> {
    const query = machineQuery(filter);
    const states = query.states && new Set(query.states);
    const matching = (await this.#all()).filter(
      (machine) =>
        (query.requestId === undefined || machine.requestId === query.requestId || machine.returnRequestId === query.requestId) &&
        (query.providerInstance === undefined || machine.providerInstance === query.providerInstance) &&
        (states === undefined || states.has(machine.state)),
    );
    const end = query.limit === undefined ? undefined : query.offset + query.limit;
    return { items: matching.slice(query.offset, end), total: matching.length };
  }

  /** Every machine, oldest first. */
  async #all(): Promise<Machine[]> {
    const database = await this.file.read();
    return Object.entries(database.machines)
      .map(([machineId, document]) => this.#read(machineId, document))
      .sort((a, b) => compareByCreation(a.createdAt, a.machineId, b.createdAt, b.machineId));
  }

  #read(machineId: string, document: unknown): Machine {
    return readMachine(document, storedVersion(document), `${this.file.path} (machines.${machineId})`);
  }
}
