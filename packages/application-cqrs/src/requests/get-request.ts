import { NotFoundError, readRequestWithMachines, type MachineRepository, type RequestRepository, type RequestWithMachines } from '@ohf/domain-core';
import { z } from 'zod';
import { QueryOrganizationField } from '../shared/message-fields.js';
import { ownedRecordVisible } from '../shared/organization-scope.js';

export const GetRequestSchema = z.object({
  type: z.literal('GetRequest'),
  organizationId: QueryOrganizationField,
  requestId: z.string().min(1),
});
export type GetRequestQuery = z.infer<typeof GetRequestSchema>;

/** The request and its machines: acquire, the machines it created; return, the machines it returns. */
export type GetRequestResult = RequestWithMachines;

/**
 * One request with its machines, as stored (GetRequestStatus refreshes; this only reads), in
 * one storage round trip where the storage offers it: this is the read API clients poll.
 */
export class GetRequestHandler {
  constructor(private readonly dependencies: { readonly requests: RequestRepository; readonly machines: MachineRepository }) {}

  async handle(query: GetRequestQuery): Promise<GetRequestResult> {
    const found = await readRequestWithMachines(this.dependencies.requests, this.dependencies.machines, query.requestId);
    if (found === undefined || !ownedRecordVisible(found.request, query.organizationId)) {
      throw new NotFoundError('REQUEST_NOT_FOUND', `Request "${query.requestId}" does not exist.`, { details: { requestId: query.requestId } });
    }
    return found;
  }
}
