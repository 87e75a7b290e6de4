import type { ErrorCode } from '@ohf/domain-core';

/**
 * What a provisioning failure means for the rest of the request:
 * - `failover-blocked`: the instance has no capacity or quota for it now; selection blocks the
 *   offering for a while (`capacity_block_ttl_seconds`), the request moves on to the next
 *   candidate, and comes back to this one once the block lapses, until its deadline.
 * - `failover-permanent`: this instance cannot serve the request any more (it was removed or
 *   disabled since it was chosen, or no plan of its catalog meets the template's requirements);
 *   the request moves on to the next candidate for good.
 * - `failover-transient`: throttling or an outage; blocked for a short while, the request moves
 *   on, and the instance may be tried again once the block expires (up to
 *   `maxTransientAttemptsPerInstance` failures).
 * - `fatal`: the request itself is wrong for this provider (credentials, validation, unsupported
 *   API); another instance would not help, so provisioning stops.
 */
export type FailureClass = 'failover-blocked' | 'failover-permanent' | 'failover-transient' | 'fatal';

const BLOCKED: ReadonlySet<string> = new Set<ErrorCode>(['INSUFFICIENT_CAPACITY', 'QUOTA_EXCEEDED']);
// The instance is gone from the configuration or switched off since it was chosen, or its
// catalog has no plan meeting the template's requirements.
const UNUSABLE: ReadonlySet<string> = new Set<ErrorCode>(['PROVIDER_NOT_FOUND', 'PROVIDER_DISABLED', 'NO_MATCHING_PLAN']);
const TRANSIENT: ReadonlySet<string> = new Set<ErrorCode>(['RATE_LIMIT_EXCEEDED', 'PROVIDER_UNAVAILABLE']);

export function classifyFailure(code: string, retryable: boolean): FailureClass {
  if (BLOCKED.has(code)) return 'failover-blocked';
  if (UNUSABLE.has(code)) return 'failover-permanent';
  if (TRANSIENT.has(code)) return 'failover-transient';
  // A generic API error the provider itself marked retryable (its own retries are spent): treat
  // it like an outage rather than give up on the request.
  if (code === 'API_ERROR' && retryable) return 'failover-transient';
  return 'fatal';
}
