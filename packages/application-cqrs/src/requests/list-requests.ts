import type { MachineRequest, Page } from '@ohf/domain-core';
import type { RequestRepository } from '@ohf/domain-core';
import { z } from 'zod';
import { PaginationSchema, RequestStatusField, QueryOrganizationField } from '../shared/message-fields.js';

export const ListRequestsSchema = z.object({
  type: z.literal('ListRequests'),
  organizationId: QueryOrganizationField,
  kind: z.enum(['acquire', 'return']).optional(),
  statuses: z.array(RequestStatusField).optional(),
  templateId: z.string().min(1).optional(),
  providerInstance: z.string().min(1).optional(),
  ...PaginationSchema,
});
export type ListRequestsQuery = z.infer<typeof ListRequestsSchema>;
export type ListRequestsResult = Page<MachineRequest>;

/** Requests in creation order (oldest first), filtered and paged, as stored (no provider call). */
export class ListRequestsHandler {
  constructor(private readonly dependencies: { readonly requests: RequestRepository }) {}

  async handle(query: ListRequestsQuery): Promise<ListRequestsResult> {
    return this.dependencies.requests.list({
      ...(query.organizationId === undefined ? {} : { organizationId: query.organizationId }),
      ...(query.kind === undefined ? {} : { kind: query.kind }),
      ...(query.statuses === undefined ? {} : { statuses: query.statuses }),
      ...(query.templateId === undefined ? {} : { templateId: query.templateId }),
      ...(query.providerInstance === undefined ? {} : { providerInstance: query.providerInstance }),
      limit: query.limit,
      offset: query.offset,
    });
  }
}
