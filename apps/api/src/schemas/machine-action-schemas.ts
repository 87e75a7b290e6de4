import { InstanceActionV1Schema, PlannedCallV1Schema } from '@ohf/provider-sdk';
import { z } from 'zod';
import { MachineResponseSchema } from './request-schemas.js';

export const MachineActionBodySchema = z
  .strictObject({
    action: InstanceActionV1Schema.describe('boot, shutdown or reboot.'),
    dryRun: z.boolean().optional().describe('Return the call the provider would send; change nothing.'),
  })
  .meta({ id: 'MachineActionBody' });

export const MachineActionResultSchema = z
  .object({
    action: InstanceActionV1Schema,
    machine: MachineResponseSchema.describe('The machine as recorded after the action, read back from its provider (as it was, for a dry run).'),
    actionId: z.string().optional().describe("The cloud's reference for the action, when it tracks one (a DigitalOcean action id)."),
    dryRun: z.boolean(),
    plannedCalls: z.array(PlannedCallV1Schema).optional(),
  })
  .meta({ id: 'MachineActionResult' });
