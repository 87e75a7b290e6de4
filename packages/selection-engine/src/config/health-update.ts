import { z } from 'zod';
import { camelCaseKeys, isPlainObject } from './case-keys.js';
import { parseInput } from './parse-input.js';

/** A health report about one instance (the `updateProviderHealth` operation). */
export const HealthUpdateSchema = z.object({
  healthy: z.boolean(),
  message: z.string().optional(),
  errorDetails: z.record(z.string(), z.unknown()).optional(),
  /** An unhealthy instance becomes eligible again after this many seconds. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** Who reported it, e.g. `monitoring_system`. */
  source: z.string().optional(),
});

export type HealthUpdate = z.output<typeof HealthUpdateSchema>;

/**
 * Parses a health update in camelCase or in the strategy guide's form:
 * `{"health_status": {"is_healthy": false, "status_message": "…", "error_details":
 * {"error_code": "RATE_LIMIT", "retry_after": 300}}, "source": "monitoring_system"}`.
 */
export function parseHealthUpdate(input: unknown): HealthUpdate {
  const outer = camelCaseKeys(input);
  if (!isPlainObject(outer)) return parseInput(HealthUpdateSchema, outer, 'health update');
  const inner = isPlainObject(outer.healthStatus) ? camelCaseKeys(outer.healthStatus) : outer;
  const status: Record<string, unknown> = isPlainObject(inner) ? { ...inner } : {};
  if (status.healthy === undefined && status.isHealthy !== undefined) status.healthy = status.isHealthy;
  if (status.message === undefined && status.statusMessage !== undefined) status.message = status.statusMessage;
  if (status.source === undefined && outer.source !== undefined) status.source = outer.source;
  if (isPlainObject(status.errorDetails) && status.retryAfterSeconds === undefined) {
    const retryAfter = status.errorDetails.retry_after ?? status.errorDetails.retryAfter;
    if (typeof retryAfter === 'number') status.retryAfterSeconds = retryAfter;
  }
  return parseInput(HealthUpdateSchema, status, 'health update');
}
