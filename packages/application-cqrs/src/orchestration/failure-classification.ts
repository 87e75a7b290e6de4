import type { ErrorCode } from '@ohf/domain-core';

/**
 * What a provisioning failure means for the rest of the request:
 * - `failover-permanent`: this instance cannot serve the request (capacity, quota); it is blocked
 *   for a while and the request moves on to the next candidate for good.
 * - `failover-transient`: throttling or an outage; blocked for a short while, the request moves
 *   on, and the instance may be tried again once the block expires.
 * - `fatal`: the request itself is wrong for this provider (credentials, validation, unsupported
 *   API); another instance would not help, so provisioning stops.
 */
export type FailureClass = 'failover-permanent' | 'failover-transient' | 'fatal';

const PERMANENT: ReadonlySet<string> = new Set<ErrorCode>(['INSUFFICIENT_CAPACITY', 'QUOTA_EXCEEDED']);
const TRANSIENT: ReadonlySet<string> = new Set<ErrorCode>(['RATE_LIMIT_EXCEEDED', 'PROVIDER_UNAVAILABLE']);

export function classifyFailure(code: string, retryable: boolean): FailureClass {
  if (PERMANENT.has(code)) return 'failover-permanent';
  if (TRANSIENT.has(code)) return 'failover-transient';
  // A generic API error the provider itself marked retryable (its own retries are spent): treat
  // it like an outage rather than give up on the request.
  if (code === 'API_ERROR' && retryable) return 'failover-transient';
  return 'fatal';
}

/** Codes that block (instance, API, instance type) in the selection engine. */
export function blocksCapacity(code: string): boolean {
  return PERMANENT.has(code) || TRANSIENT.has(code);
}
