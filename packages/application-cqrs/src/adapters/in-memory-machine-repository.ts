import { MachineSchema, type Machine, type MachineListFilter, type MachineRepository, type MachineState, type Page, type SaveOptions } from '@ohf/domain-core';
import { InMemoryAuditLog } from './in-memory-audit-log.js';

/** Test and in-process adapter of MachineRepository, kept in a Map. */
export class InMemoryMachineRepository implements MachineRepository {
  private readonly machines = new Map<string, Machine>();

  /** `audit` keeps the events saves pass (`SaveOptions.events`); share it with the request repository. */
  constructor(readonly audit: InMemoryAuditLog = new InMemoryAuditLog()) {}

  async saveMany(machines: readonly Machine[], options: SaveOptions = {}): Promise<void> {
    // Everything is parsed and the events kept before any machine changes, as one transaction would.
    const parsed = machines.map((machine) => MachineSchema.parse({ ...structuredClone(machine), version: (this.machines.get(machine.machineId)?.version ?? 0) + 1 }));
    if (options.events !== undefined && options.events.length > 0) this.audit.appendNow(options.events);
    for (const machine of parsed) this.machines.set(machine.machineId, machine);
  }

  async findById(machineId: string): Promise<Machine | undefined> {
    const found = this.machines.get(machineId);
    return found === undefined ? undefined : structuredClone(found);
  }

  async findByProviderInstanceId(providerInstanceId: string, providerInstance?: string): Promise<Machine | undefined> {
    const found = [...this.machines.values()].find(
      (machine) =>
        machine.providerInstanceId === providerInstanceId &&
        (providerInstance === undefined || machine.providerInstance === providerInstance),
    );
    return found === undefined ? undefined : structuredClone(found);
  }

  async findByRequestId(requestId: string): Promise<readonly Machine[]> {
    return [...this.machines.values()]
      .filter((machine) => machine.requestId === requestId)
      .sort(byCreation)
      .map((machine) => structuredClone(machine));
  }

  async countByTemplate(states: readonly MachineState[]): Promise<Readonly<Record<string, number>>> {
    const counts: Record<string, number> = {};
    for (const machine of this.machines.values()) {
      if (states.includes(machine.state) && machine.returnRequestId === undefined) counts[machine.templateId] = (counts[machine.templateId] ?? 0) + 1;
    }
    return counts;
  }

  async list(filter: MachineListFilter = {}): Promise<Page<Machine>> {
    const matching = [...this.machines.values()]
      .filter(
        (machine) =>
          (filter.organizationId === undefined || machine.organizationId === filter.organizationId) &&
          (filter.requestId === undefined || machine.requestId === filter.requestId) &&
          (filter.providerInstance === undefined || machine.providerInstance === filter.providerInstance) &&
          (filter.states === undefined || filter.states.includes(machine.state)),
      )
      .sort(byCreation);
    const offset = filter.offset ?? 0;
    const items = matching.slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
    return { items: items.map((machine) => structuredClone(machine)), total: matching.length };
  }
}

function byCreation(left: Machine, right: Machine): number {
  return left.createdAt.localeCompare(right.createdAt) || left.machineId.localeCompare(right.machineId);
}
