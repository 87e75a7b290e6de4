import type { Machine, MachineRepository, Page } from '@ohf/domain-core';
import { z } from 'zod';
import { MachineStateField, PaginationSchema, QueryOrganizationField } from '../shared/message-fields.js';

export const ListMachinesSchema = z.object({
  type: z.literal('ListMachines'),
  organizationId: QueryOrganizationField,
  requestId: z.string().min(1).optional(),
  providerInstance: z.string().min(1).optional(),
  states: z.array(MachineStateField).optional(),
  ...PaginationSchema,
});
export type ListMachinesQuery = z.infer<typeof ListMachinesSchema>;
export type ListMachinesResult = Page<Machine>;

/** Machines as stored, filtered and paged. */
export class ListMachinesHandler {
  constructor(private readonly dependencies: { readonly machines: MachineRepository }) {}

  async handle(query: ListMachinesQuery): Promise<ListMachinesResult> {
    return this.dependencies.machines.list({
      ...(query.organizationId === undefined ? {} : { organizationId: query.organizationId }),
      ...(query.requestId === undefined ? {} : { requestId: query.requestId }),
      ...(query.providerInstance === undefined ? {} : { providerInstance: query.providerInstance }),
      ...(query.states === undefined ? {} : { states: query.states }),
      limit: query.limit,
      offset: query.offset,
    });
  }
}
