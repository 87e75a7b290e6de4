import type { MachineRepository, MachineState, OutstandingFilter, RequestRepository } from '@ohf/domain-core';

/**
 * States in which a machine still holds its template's place: it exists, or may (`unknown`).
 * Machines on their way out (shutting down, terminated, failed) and machines being returned
 * (the scheduler has already let them go) do not.
 */
export const MACHINE_STATES_HOLDING_A_PLACE: readonly MachineState[] = ['pending', 'running', 'stopping', 'stopped', 'unknown'];

/**
 * How many machines of each template are alive or on order: machines holding a place, plus
 * what unfinished acquire requests still owe (asked for, not yet recorded). This is what
 * `maxNumber` caps (IBM's meaning: instances of the template at once, not per request).
 */
export async function templateUsage(
  repositories: { readonly machines: MachineRepository; readonly requests: RequestRepository },
  templateId?: string,
): Promise<Map<string, number>> {
  const usage = new Map<string, number>();
  const add = (id: string, count: number): void => {
    if (count > 0) usage.set(id, (usage.get(id) ?? 0) + count);
  };
  for (const [id, count] of Object.entries(await aliveByTemplate(repositories.machines))) {
    if (templateId === undefined || id === templateId) add(id, count);
  }
  for (const [id, count] of Object.entries(await outstandingByTemplate(repositories, templateId === undefined ? {} : { templateId }))) add(id, count);
  return usage;
}

/**
 * What unfinished acquire requests still owe per template (asked for, not yet recorded; a request
 * with all it asked for owes nothing): summed by storage in one statement when it can, since every
 * new request asks and unfinished requests may number thousands. Otherwise each request's machines
 * are read, one read per request.
 */
export async function outstandingByTemplate(
  repositories: { readonly machines: MachineRepository; readonly requests: RequestRepository },
  filter: OutstandingFilter,
): Promise<Readonly<Record<string, number>>> {
  if (repositories.requests.outstandingByTemplate !== undefined) return repositories.requests.outstandingByTemplate(filter);
  const owed: Record<string, number> = {};
  const open = await repositories.requests.list({ ...filter, kind: 'acquire', statuses: ['pending', 'in_progress'] });
  for (const request of open.items) {
    if (request.templateId === undefined) continue;
    // Failed machines are not replaced, so every recorded machine counts against the request.
    const missing = request.requestedCount - (await repositories.machines.findByRequestId(request.requestId)).length;
    if (missing > 0) owed[request.templateId] = (owed[request.templateId] ?? 0) + missing;
  }
  return owed;
}

/** Machines holding a place and not being returned, per template: counted by storage when it can. */
async function aliveByTemplate(machines: MachineRepository): Promise<Readonly<Record<string, number>>> {
  if (machines.countByTemplate !== undefined) return machines.countByTemplate(MACHINE_STATES_HOLDING_A_PLACE);
  const counts: Record<string, number> = {};
  for (const machine of (await machines.list({ states: MACHINE_STATES_HOLDING_A_PLACE })).items) {
    if (machine.returnRequestId === undefined) counts[machine.templateId] = (counts[machine.templateId] ?? 0) + 1;
  }
  return counts;
}
