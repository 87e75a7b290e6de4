import { MACHINE_STATES, type Machine, type MachineRepository } from '@ohf/domain-core';

/** How a caller names a machine: our id (`m-…`), the cloud's id, or its host name / IP. */
export interface MachineReference {
  readonly machineId?: string;
  readonly name?: string;
}

export interface ResolvedMachines {
  readonly found: readonly Machine[];
  readonly unknown: readonly MachineReference[];
}

const LIVE_STATES = MACHINE_STATES.filter((state) => state !== 'terminated');

/**
 * Finds the machines a scheduler names. Host Factory sends the cloud's id as `machineId` and
 * the host name as `name`; our own ids work too. Names are looked up only when the id is
 * unknown, among machines not yet terminated.
 */
export async function resolveMachines(
  repository: MachineRepository,
  references: readonly MachineReference[],
  /** Only this organization's machines are found; another's is as unknown as a missing one. */
  organizationId?: string,
): Promise<ResolvedMachines> {
  const found = new Map<string, Machine>();
  const unknown: MachineReference[] = [];
  let byName: Map<string, Machine> | undefined;
  for (const reference of references) {
    let machine: Machine | undefined;
    if (reference.machineId !== undefined && reference.machineId !== '') {
      machine =
        (reference.machineId.startsWith('m-') ? await repository.findById(reference.machineId) : undefined) ??
        (await repository.findByProviderInstanceId(reference.machineId));
    }
    if (machine !== undefined && organizationId !== undefined && machine.organizationId !== organizationId) machine = undefined;
    if (machine === undefined && reference.name !== undefined && reference.name !== '') {
      byName ??= await nameIndex(repository, organizationId);
      machine = byName.get(reference.name);
    }
    if (machine === undefined) unknown.push(reference);
    else found.set(machine.machineId, machine);
  }
  return { found: [...found.values()], unknown };
}

async function nameIndex(repository: MachineRepository, organizationId: string | undefined): Promise<Map<string, Machine>> {
  const index = new Map<string, Machine>();
  const page = await repository.list({ states: LIVE_STATES, ...(organizationId === undefined ? {} : { organizationId }) });
  for (const machine of page.items) {
    for (const key of [machine.hostName, machine.privateIpAddress, machine.publicIpAddress, machine.tags['Name']]) {
      if (key !== null && key !== undefined && key !== '' && !index.has(key)) index.set(key, machine);
    }
  }
  return index;
}
