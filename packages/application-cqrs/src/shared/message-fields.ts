import { MACHINE_STATES, REQUEST_STATUSES, RequestIdSchema, TemplateIdSchema } from '@ohf/domain-core';
import { z } from 'zod';

/** Page size limits shared by every list query. */
export const PaginationSchema = {
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
};

export const RequestIdField = RequestIdSchema;
export const TemplateIdField = TemplateIdSchema;
export const RequestStatusField = z.enum(REQUEST_STATUSES);
export const MachineStateField = z.enum(MACHINE_STATES);

/** How a caller names a machine: our id (`m-…`) or the cloud's id as `machineId`, or its host name. */
export const MachineReferenceSchema = z
  .object({
    machineId: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
  })
  .refine((reference) => reference.machineId !== undefined || reference.name !== undefined, {
    message: 'give machineId or name',
  });

export const ProviderPreferenceSchema = z.object({
  type: z.string().min(1).optional(),
  instance: z.string().min(1).optional(),
});

/** `dryRun`: plan only — record nothing, send nothing but planning calls to providers. */
export const DryRunField = z.boolean().default(false);
