import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-codes.js';
import { RequestIdSchema, TemplateIdSchema, type Clock, type RequestKind } from '../shared/identifiers.js';
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

/** The persisted form of a request for machines (acquire) or for their return. */
export const MachineRequestSchema = z.object({
  requestId: RequestIdSchema,
  kind: z.enum(['acquire', 'return']),
  templateId: TemplateIdSchema.optional(),
  requestedCount: z.number().int().nonnegative(),
  providerType: z.string().optional(),
  providerInstance: z.string().optional(),
  providerApi: z.string().optional(),
  selectionExplanation: z.unknown().optional(),
  status: z.enum(REQUEST_STATUSES),
  message: z.string().default(''),
  idempotencyKey: z.string().min(1).max(255).optional(),
  attempts: z.array(ProvisionAttemptSchema).default([]),
  /** For a return request: the machines (our ids) being returned. */
  machineIds: z.array(z.string()).default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().optional(),
  /** Optimistic concurrency: storage rejects a save whose version is stale. */
  version: z.number().int().nonnegative().default(0),
});
export type MachineRequest = z.infer<typeof MachineRequestSchema>;

export interface NewAcquireRequest {
  readonly requestId: string;
  readonly templateId: string;
  readonly requestedCount: number;
  readonly idempotencyKey?: string;
}

export function createAcquireRequest(input: NewAcquireRequest, clock: Clock): MachineRequest {
  const now = clock.now().toISOString();
  return MachineRequestSchema.parse({
    requestId: input.requestId,
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
  readonly machineIds: readonly string[];
  readonly idempotencyKey?: string;
}

export function createReturnRequest(input: NewReturnRequest, clock: Clock): MachineRequest {
  const now = clock.now().toISOString();
  return MachineRequestSchema.parse({
    requestId: input.requestId,
    kind: 'return' satisfies RequestKind,
    requestedCount: input.machineIds.length,
    machineIds: [...input.machineIds],
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
