import { NotFoundError, type Machine, type MachineRepository, type MachineRequest, type RequestRepository } from '@ohf/domain-core';
import { z } from 'zod';

export const GetRequestSchema = z.object({
  type: z.literal('GetRequest'),
  requestId: z.string().min(1),
});
export type GetRequestQuery = z.infer<typeof GetRequestSchema>;

export interface GetRequestResult {
  readonly request: MachineRequest;
  /** Acquire: the machines it created; return: the machines it returns. */
  readonly machines: readonly Machine[];
}

/** One request with its machines, as stored (GetRequestStatus refreshes; this only reads). */
export class GetRequestHandler {
  constructor(private readonly dependencies: { readonly requests: RequestRepository; readonly machines: MachineRepository }) {}

  async handle(query: GetRequestQuery): Promise<GetRequestResult> {
    const { requests, machines } = this.dependencies;
    const request = await requests.findById(query.requestId);
    if (request === undefined) {
      throw new NotFoundError('REQUEST_NOT_FOUND', `Request "${query.requestId}" does not exist.`, { details: { requestId: query.requestId } });
    }
    if (request.kind === 'acquire') return { request, machines: await machines.findByRequestId(request.requestId) };
    const returned: Machine[] = [];
    for (const machineId of request.machineIds) {
      const machine = await machines.findById(machineId);
      if (machine !== undefined) returned.push(machine);
    }
    return { request, machines: returned };
  }
}
