import { DEFAULT_ORGANIZATION_ID, MACHINE_STATES, OrganizationIdSchema, REQUEST_STATUSES, RequestIdSchema, TemplateIdSchema } from '@ohf/domain-core';
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

/**
 * The caller's organization on a command: what the command creates belongs to it and what it
 * names must be its own (another organization's record answers exactly as a missing one).
 * Absent: the default organization (the CLI, the Host Factory contract).
 */
export const CommandOrganizationField = OrganizationIdSchema.default(DEFAULT_ORGANIZATION_ID);

/**
 * The caller's organization on a query: only its records are seen (another organization's
 * answers exactly as a missing one). Absent: no scoping (the CLI and platform administrators).
 */
export const QueryOrganizationField = OrganizationIdSchema.optional();

/**
 * The caller's organization on a template or markup command: given, the record is the
 * organization's own and the command may only touch its own (another organization's, or a
 * platform one, answers as a missing one); absent, a platform record every organization sees
 * (the configuration files, the CLI, platform administrators).
 */
export const OwnerOrganizationField = OrganizationIdSchema.optional();
