/** The last health report about an instance (immutable; replaced whole on every update). */
export interface HealthRecord {
  readonly healthy: boolean;
  readonly message: string | null;
  readonly errorDetails: Readonly<Record<string, unknown>> | null;
  readonly source: string | null;
  readonly updatedAtMs: number;
  /** An unhealthy instance counts as healthy again from this time on (`retry_after`). */
  readonly retryAtMs: number | null;
}

export function initialHealth(nowMs: number): HealthRecord {
  return Object.freeze({ healthy: true, message: null, errorDetails: null, source: null, updatedAtMs: nowMs, retryAtMs: null });
}

/** Healthy, or unhealthy with a retry-after that has passed. */
export function isHealthyAt(record: HealthRecord, nowMs: number): boolean {
  return record.healthy || (record.retryAtMs !== null && nowMs >= record.retryAtMs);
}
