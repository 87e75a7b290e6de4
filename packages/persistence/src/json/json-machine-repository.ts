import { DEFAULT_ORGANIZATION_ID, type Machine, type MachineListFilter, type MachineRepository, type MachineState, type Page, type SaveOptions } from '@ohf/domain-core';
import { eventRows } from '../internal/audit-query.js';
import { checkMachine, lastOfEachMachine, readMachine } from '../internal/documents.js';
import { machineQuery } from '../internal/list-filters.js';
import { appendJsonEvents } from './json-audit-log.js';
import type { JsonDatabaseFile } from './json-database-file.js';
import { entriesOldestFirst, pageOf, storedVersion, textField, type RawEntry } from './json-documents.js';

export class JsonMachineRepository implements MachineRepository {
  constructor(private readonly file: JsonDatabaseFile) {}

  async saveMany(machines: readonly Machine[], options: SaveOptions = {}): Promise<void> {
    const checked = lastOfEachMachine(machines.map(checkMachine));
    const events = eventRows(options.events ?? []);
    if (checked.length === 0 && events.length === 0) return;
    await this.file.update((database) => {
      for (const machine of checked) {
        const stored = database.machines[machine.machineId];
        // The stored version counts saves; machines are last-writer-wins (the cloud is the truth).
        database.machines[machine.machineId] = { ...machine, version: stored === undefined ? 1 : storedVersion(stored) + 1 };
      }
      // Throws (and nothing is written) when an event cannot be stored.
      appendJsonEvents(database, events);
      return { result: undefined, changed: true };
    });
  }

  async findById(machineId: string): Promise<Machine | undefined> {
    const document = (await this.file.snapshot()).machines[machineId];
    return document === undefined ? undefined : this.#parse({ id: machineId, document });
  }

  async findByProviderInstanceId(providerInstanceId: string, providerInstance?: string): Promise<Machine | undefined> {
    const [first] = await this.#matching(
      (document) =>
        textField(document, 'providerInstanceId') === providerInstanceId &&
        (providerInstance === undefined || textField(document, 'providerInstance') === providerInstance),
    );
    return first && this.#parse(first);
  }

  async findByRequestId(requestId: string): Promise<readonly Machine[]> {
    const matching = await this.#matching((document) => belongsTo(document, requestId));
    return matching.map((entry) => this.#parse(entry));
  }

  async countByTemplate(states: readonly MachineState[]): Promise<Readonly<Record<string, number>>> {
    const checked = new Set<string>(machineQuery({ states }).states ?? []);
    const counts: Record<string, number> = {};
    for (const { document } of await this.#matching((document) => checked.has(textField(document, 'state') ?? '') && textField(document, 'returnRequestId') === undefined)) {
      const templateId = textField(document, 'templateId') ?? '';
      counts[templateId] = (counts[templateId] ?? 0) + 1;
    }
    return counts;
  }

  async list(filter?: MachineListFilter): Promise<Page<Machine>> {
    const query = machineQuery(filter);
    const states = query.states && new Set<string>(query.states);
    const matching = await this.#matching(
      (document) =>
        (query.organizationId === undefined || (textField(document, 'organizationId') ?? DEFAULT_ORGANIZATION_ID) === query.organizationId) &&
        (query.requestId === undefined || belongsTo(document, query.requestId)) &&
        (query.providerInstance === undefined || textField(document, 'providerInstance') === query.providerInstance) &&
        (states === undefined || states.has(textField(document, 'state') ?? '')),
    );
    return {
      items: pageOf(matching, query.offset, query.limit).map((entry) => this.#parse(entry)),
      total: matching.length,
    };
  }

  async #matching(keep: (document: unknown) => boolean): Promise<RawEntry[]> {
    return entriesOldestFirst((await this.file.snapshot()).machines, keep);
  }

  #parse(entry: RawEntry): Machine {
    return readMachine(entry.document, storedVersion(entry.document), `${this.file.path} (machines.${entry.id})`);
  }
}

/** A return request's id finds the machines it returns. */
function belongsTo(document: unknown, requestId: string): boolean {
  return textField(document, 'requestId') === requestId || textField(document, 'returnRequestId') === requestId;
}
