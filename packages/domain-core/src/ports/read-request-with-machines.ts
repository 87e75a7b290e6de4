import type { Machine } from '../machine/machine.js';
import type { MachineRepository, RequestRepository, RequestWithMachines } from './repositories.js';

/**
 * A request with the machines shown beside it: for an acquire request, the machines stored
 * under it (`findByRequestId`: created by it or returned by it, oldest first); for a return
 * request, the machines it lists, in its order, leaving out any no longer stored. Storage that
 * reads both at once answers through `findWithMachines`; otherwise it takes separate reads.
 */
export async function readRequestWithMachines(
  requests: RequestRepository,
  machines: MachineRepository,
  requestId: string,
): Promise<RequestWithMachines | undefined> {
  if (requests.findWithMachines !== undefined) return requests.findWithMachines(requestId);
  const request = await requests.findById(requestId);
  if (request === undefined) return undefined;
  if (request.kind === 'acquire') return { request, machines: await machines.findByRequestId(request.requestId) };
  const returned: Machine[] = [];
  for (const machineId of request.machineIds) {
    const machine = await machines.findById(machineId);
    if (machine !== undefined) returned.push(machine);
  }
  return { request, machines: returned };
}
