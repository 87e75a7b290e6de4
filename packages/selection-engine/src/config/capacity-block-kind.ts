import { z } from 'zod';

/**
 * Failures that say "not here, not now" rather than "this request is wrong": the engine blocks
 * the (instance, API, instance type) they happened on for a while and fails over elsewhere.
 */
export const CAPACITY_BLOCK_KINDS = [
  'insufficient_capacity',
  'quota_exceeded',
  'rate_limit_exceeded',
  'provider_unavailable',
] as const;

export type CapacityBlockKind = (typeof CAPACITY_BLOCK_KINDS)[number];

/** Defaults match the runtime configuration's `capacity_block_ttl_seconds`. */
export const DEFAULT_CAPACITY_BLOCK_TTL_SECONDS: Readonly<Record<CapacityBlockKind, number>> = Object.freeze({
  insufficient_capacity: 180,
  quota_exceeded: 900,
  rate_limit_exceeded: 30,
  provider_unavailable: 60,
});

/** Seconds per kind; kinds left out keep their default. Unknown kinds are ignored. */
export const CapacityBlockTtlSecondsSchema = z.object({
  insufficient_capacity: z.number().nonnegative().optional(),
  quota_exceeded: z.number().nonnegative().optional(),
  rate_limit_exceeded: z.number().nonnegative().optional(),
  provider_unavailable: z.number().nonnegative().optional(),
});

export type CapacityBlockTtlSeconds = z.output<typeof CapacityBlockTtlSecondsSchema>;

const kindByErrorCode: Readonly<Record<string, CapacityBlockKind>> = {
  INSUFFICIENT_CAPACITY: 'insufficient_capacity',
  QUOTA_EXCEEDED: 'quota_exceeded',
  RATE_LIMIT_EXCEEDED: 'rate_limit_exceeded',
  PROVIDER_UNAVAILABLE: 'provider_unavailable',
};

/** The block kind an error code causes, or undefined when the error does not block anything. */
export function capacityBlockKindOf(errorCode: string | undefined): CapacityBlockKind | undefined {
  return errorCode === undefined ? undefined : kindByErrorCode[errorCode];
}

/**
 * How wide a block reaches. Capacity and quota are per instance type; throttling is per API
 * (the whole API is rate limited, whatever the type); an outage takes the whole instance.
 */
export const CAPACITY_BLOCK_SCOPES: Readonly<Record<CapacityBlockKind, 'instance_type' | 'api' | 'instance'>> =
  Object.freeze({
    insufficient_capacity: 'instance_type',
    quota_exceeded: 'instance_type',
    rate_limit_exceeded: 'api',
    provider_unavailable: 'instance',
  });
