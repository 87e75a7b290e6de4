import {
  MACHINE_STATES,
  REQUEST_STATUSES,
  ValidationError,
  type MachineListFilter,
  type MachineState,
  type RequestListFilter,
  type RequestStatus,
} from '@ohf/domain-core';
import { z } from 'zod';

const windowSchema = {
  limit: z.number().int().nonnegative().optional(),
  offset: z.number().int().nonnegative().default(0),
};

const RequestFilterSchema = z.object({
  organizationId: z.string().optional(),
  kind: z.enum(['acquire', 'return']).optional(),
  statuses: z.array(z.enum(REQUEST_STATUSES)).optional(),
  templateId: z.string().optional(),
  providerInstance: z.string().optional(),
  ...windowSchema,
});

const MachineFilterSchema = z.object({
  organizationId: z.string().optional(),
  requestId: z.string().optional(),
  providerInstance: z.string().optional(),
  states: z.array(z.enum(MACHINE_STATES)).optional(),
  ...windowSchema,
});

export interface RequestQuery {
  readonly organizationId?: string;
  readonly kind?: 'acquire' | 'return';
  /** Undefined: any status (an empty list in the filter means no filter, as in a query string). */
  readonly statuses?: readonly RequestStatus[];
  readonly templateId?: string;
  readonly providerInstance?: string;
  readonly limit?: number;
  readonly offset: number;
}

export interface MachineQuery {
  readonly organizationId?: string;
  readonly requestId?: string;
  readonly providerInstance?: string;
  readonly states?: readonly MachineState[];
  readonly limit?: number;
  readonly offset: number;
}

function invalid(error: z.ZodError, what: string): ValidationError {
  const issue = error.issues[0];
  return new ValidationError(`Invalid ${what} filter: ${issue?.path.join('.')}: ${issue?.message}`, {
    details: { field: issue?.path.join('.') },
  });
}

export function requestQuery(filter: RequestListFilter = {}): RequestQuery {
  const parsed = RequestFilterSchema.safeParse(filter);
  if (!parsed.success) throw invalid(parsed.error, 'request list');
  const { statuses, ...rest } = parsed.data;
  return { ...rest, ...(statuses && statuses.length > 0 ? { statuses } : {}) };
}

export function machineQuery(filter: MachineListFilter = {}): MachineQuery {
  const parsed = MachineFilterSchema.safeParse(filter);
  if (!parsed.success) throw invalid(parsed.error, 'machine list');
  const { states, ...rest } = parsed.data;
  return { ...rest, ...(states && states.length > 0 ? { states } : {}) };
}

/** Statuses a worker may still act on; final ones are never claimed. */
export const CLAIMABLE_STATUSES: readonly RequestStatus[] = ['pending', 'in_progress'];
