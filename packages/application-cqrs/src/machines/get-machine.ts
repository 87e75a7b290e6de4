import { NotFoundError, type Machine, type MachineRepository } from '@ohf/domain-core';
import { z } from 'zod';
import { QueryOrganizationField } from '../shared/message-fields.js';
import { ownedRecordVisible } from '../shared/organization-scope.js';

export const GetMachineSchema = z.object({
  type: z.literal('GetMachine'),
  organizationId: QueryOrganizationField,
  /** Our id (`m-…`) or the cloud's id. */
  machineId: z.string().min(1),
  /** Narrows a cloud id to one provider instance (two clouds may reuse an id). */
  providerInstance: z.string().min(1).optional(),
});
export type GetMachineQuery = z.infer<typeof GetMachineSchema>;

/** One machine by our id or by its cloud id, as stored. */
export class GetMachineHandler {
  constructor(private readonly dependencies: { readonly machines: MachineRepository }) {}

  async handle(query: GetMachineQuery): Promise<Machine> {
    const { machines } = this.dependencies;
    const machine =
      (query.machineId.startsWith('m-') ? await machines.findById(query.machineId) : undefined) ??
      (await machines.findByProviderInstanceId(query.machineId, query.providerInstance));
    if (machine === undefined || !ownedRecordVisible(machine, query.organizationId)) {
      throw new NotFoundError('MACHINE_NOT_FOUND', `Machine "${query.machineId}" is not known.`, { details: { machineId: query.machineId } });
    }
    return machine;
  }
}
