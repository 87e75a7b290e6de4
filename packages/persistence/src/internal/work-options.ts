import { ValidationError, type ClaimWorkOptions, type ReleaseWorkOptions, type RenewLeaseOptions } from '@ohf/domain-core';
import { z } from 'zod';

const workerId = z.string().min(1).max(255);
const requestId = z.string().min(1);
const leaseMs = z.number().int().positive();

const ClaimSchema = z.object({
  workerId,
  leaseMs,
  limit: z.number().int().positive().max(10_000),
  kinds: z.array(z.enum(['acquire', 'return'])).optional(),
});
const RenewSchema = z.object({ requestId, workerId, leaseMs });
const ReleaseSchema = z.object({ requestId, workerId, retryAfterMs: z.number().int().nonnegative().optional() });

function parse<Output>(schema: z.ZodType<Output>, value: unknown, operation: string): Output {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ValidationError(`Invalid ${operation} options: ${issue?.path.join('.')}: ${issue?.message}`, {
    details: { field: issue?.path.join('.') },
  });
}

export interface ClaimQuery {
  readonly workerId: string;
  readonly leaseMs: number;
  readonly limit: number;
  /** Undefined: both kinds. */
  readonly kinds?: readonly ('acquire' | 'return')[];
}

export function claimQuery(options: ClaimWorkOptions): ClaimQuery {
  const { kinds, ...rest } = parse(ClaimSchema, options, 'claimWork');
  return { ...rest, ...(kinds && kinds.length > 0 ? { kinds } : {}) };
}

export function renewQuery(options: RenewLeaseOptions): z.infer<typeof RenewSchema> {
  return parse(RenewSchema, options, 'renewLease');
}

export function releaseQuery(options: ReleaseWorkOptions): z.infer<typeof ReleaseSchema> {
  return parse(ReleaseSchema, options, 'releaseWork');
}

/** The order every strategy lists and claims in: oldest first, then by id. */
export function compareByCreation(createdAtA: string, idA: string, createdAtB: string, idB: string): number {
  if (createdAtA !== createdAtB) return createdAtA < createdAtB ? -1 : 1;
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
