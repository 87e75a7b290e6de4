/** A failure the harness makes the provider's backend answer with. */
export type ConformanceFailureKind = 'rate_limit' | 'server_error' | 'unauthorized' | 'forbidden';

/** Backend operations the harness counts. */
export type ConformanceOperation = 'create' | 'describe' | 'terminate' | 'list';

/**
 * The provider's test backend (msw handlers, aws-sdk-client-mock, an in-memory cloud) under
 * the conformance kit's control. Every provider that runs the kit supplies one.
 */
export interface ConformanceHarness {
  /** Empty cloud, no faults, counters at zero. */
  reset(): void | Promise<void>;
  /**
   * The next `times` (default 1) calls that reach the backend fail as `kind` would on the
   * wire (429, 5xx, 401, 403), with `Retry-After: retryAfterSeconds` when given; only calls of
   * `operation` when given (a health probe or catalog read counts as any other call).
   */
  failNextCall(
    kind: ConformanceFailureKind,
    options?: { readonly times?: number; readonly retryAfterSeconds?: number; readonly operation?: ConformanceOperation },
  ): void | Promise<void>;
  /** Later creates beyond `maxMachines` live machines fail with capacity errors (partial fulfilment). */
  limitCapacity(maxMachines: number): void | Promise<void>;
  /** Calls of this kind that reached the backend since the last reset. */
  callCount(operation: ConformanceOperation): number;
  /** The machine disappears without the provider's involvement (manual deletion, spot reclaim). */
  removeOutOfBand(id: string): void | Promise<void>;
}
