import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID, OrganizationIdSchema } from '../tenancy/organization.js';
import { ERROR_CODES } from '@ohf/provider-sdk';
import { RequestIdSchema, TemplateIdSchema, type Clock, type RequestKind } from '../shared/identifiers.js';
import { LaunchCostSchema } from '../catalog/launch-cost.js';
import { MACHINE_STATES } from '../machine/machine.js';
import { assertTransition, type TransitionTable } from '../shared/state-machine.js';

export const REQUEST_STATUSES = ['pending', 'in_progress', 'complete', 'partial', 'failed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const FINAL_REQUEST_STATUSES: ReadonlySet<RequestStatus> = new Set(['complete', 'partial', 'failed', 'cancelled']);

export const REQUEST_TRANSITIONS: TransitionTable<RequestStatus> = {
  pending: ['in_progress', 'complete', 'partial', 'failed', 'cancelled'],
  in_progress: ['complete', 'partial', 'failed', 'cancelled'],
  complete: [],
  partial: [],
  failed: [],
  cancelled: [],
};

export const AttemptErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryable: z.boolean(),
});

/** One provider instance tried for a request, with what it gave and how it failed. */
export const ProvisionAttemptSchema = z.object({
  providerInstance: z.string(),
  providerType: z.string(),
  providerApi: z.string().optional(),
  instanceType: z.string().optional(),
  requestedCount: z.number().int().nonnegative(),
  createdCount: z.number().int().nonnegative(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /**
   * The process stopped waiting for the provider's answer when its time budget ran out; what
   * the call did is unknown until the next step looks for the request's machines by tag.
   */
  abandonedAt: z.string().optional(),
  error: AttemptErrorSchema.optional(),
});
export type ProvisionAttempt = z.infer<typeof ProvisionAttemptSchema>;

/**
 * What became of a machine a return request names that storage did not know (a work directory
 * lost, machines launched before a migration): it is looked up at the provider instances.
 * - `looking_up`: not found yet and some instance could not be asked; asked again on every poll;
 * - `gone`: no instance has it, or it is terminated there: returned;
 * - `not_ours`: found, but not launched by us (no `ohf:request-id` tag): left running, a failure;
 * - `failed`: still not found when the request's deadline passed.
 * A machine found carrying our tags is not a lookup: it is recorded and returned like any other.
 */
export const RETURN_LOOKUP_OUTCOMES = ['looking_up', 'gone', 'not_ours', 'failed'] as const;
export type ReturnLookupOutcome = (typeof RETURN_LOOKUP_OUTCOMES)[number];

export const ReturnLookupSchema = z.object({
  /** As the caller named the machine. */
  machineId: z.string().optional(),
  name: z.string().optional(),
  outcome: z.enum(RETURN_LOOKUP_OUTCOMES),
  /** Where it was found, with the cloud's id and state there. */
  providerInstance: z.string().optional(),
  providerInstanceId: z.string().optional(),
  state: z.enum(MACHINE_STATES).optional(),
  rawState: z.string().optional(),
  /** Why it ended as it did, or what keeps it looking; never empty for `not_ours` and `failed`. */
  message: z.string().default(''),
});
export type ReturnLookup = z.infer<typeof ReturnLookupSchema>;

/** The persisted form of a request for machines (acquire) or for their return. */
export const MachineRequestSchema = z.object({
  requestId: RequestIdSchema,
  /** The organization that made it; requests stored before organizations existed are the default one's. */
  organizationId: OrganizationIdSchema.default(DEFAULT_ORGANIZATION_ID),
  kind: z.enum(['acquire', 'return']),
  templateId: TemplateIdSchema.optional(),
  requestedCount: z.number().int().nonnegative(),
  providerType: z.string().optional(),
  providerInstance: z.string().optional(),
  providerApi: z.string().optional(),
  /** The plan and price of the latest launch; absent on requests made before prices were recorded. */
  ...LaunchCostSchema.shape,
  selectionExplanation: z.unknown().optional(),
  status: z.enum(REQUEST_STATUSES),
  message: z.string().default(''),
  idempotencyKey: z.string().min(1).max(255).optional(),
  attempts: z.array(ProvisionAttemptSchema).default([]),
  /** For a return request: the machines (our ids) being returned. */
  machineIds: z.array(z.string()).default([]),
  /** For a return request: the machines it names that storage did not know, and what looking them up found. */
  lookups: z.array(ReturnLookupSchema).default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().optional(),
  /** Optimistic concurrency: storage rejects a save whose version is stale. */
  version: z.number().int().nonnegative().default(0),
});
export type MachineRequest = z.infer<typeof MachineRequestSchema>;

export interface NewAcquireRequest {
  readonly requestId: string;
  /** Default: the default organization. */
  readonly organizationId?: string;
  readonly templateId: string;
  readonly requestedCount: number;
  readonly idempotencyKey?: string;
}

export function createAcquireRequest(input: NewAcquireRequest, clock: Clock): MachineRequest {
  const now = clock.now().toISOString();
  return MachineRequestSchema.parse({
    requestId: input.requestId,
    organizationId: input.organizationId,
    kind: 'acquire' satisfies RequestKind,
    templateId: input.templateId,
    requestedCount: input.requestedCount,
    status: 'pending',
    idempotencyKey: input.idempotencyKey,
    createdAt: now,
    updatedAt: now,
  });
}

export interface NewReturnRequest {
  readonly requestId: string;
  /** Default: the default organization. */
  readonly organizationId?: string;
  readonly machineIds: readonly string[];
  readonly lookups?: readonly ReturnLookup[];
  readonly idempotencyKey?: string;
}

export function createReturnRequest(input: NewReturnRequest, clock: Clock): MachineRequest {
  const now = clock.now().toISOString();
  return MachineRequestSchema.parse({
    requestId: input.requestId,
    organizationId: input.organizationId,
    kind: 'return' satisfies RequestKind,
    requestedCount: input.machineIds.length + (input.lookups?.length ?? 0),
    machineIds: [...input.machineIds],
    lookups: [...(input.lookups ?? [])],
    status: 'pending',
    idempotencyKey: input.idempotencyKey,
    createdAt: now,
    updatedAt: now,
  });
}

/** Moves a request to a new status, rejecting illegal transitions. Returns a new object. */
export function transitionRequest(
  request: MachineRequest,
  to: RequestStatus,
  clock: Clock,
  message: string = request.message,
): MachineRequest {
  if (request.status === to) return { ...request, message, updatedAt: clock.now().toISOString() };
  assertTransition(REQUEST_TRANSITIONS, `Request ${request.requestId}`, request.status, to);
  const now = clock.now().toISOString();
  return {
    ...request,
    status: to,
    message,
    updatedAt: now,
    ...(FINAL_REQUEST_STATUSES.has(to) ? { completedAt: now } : {}),
  };
}

export function isRequestFinal(request: Pick<MachineRequest, 'status'>): boolean {
  return FINAL_REQUEST_STATUSES.has(request.status);
}
