/**
 * Failures that say something about the request, not about the instance: a bad template, a
 * type the region lacks capacity for, a quota. They neither count towards opening the circuit
 * nor reset the failure streak. Capacity and quota failures are handled by the capacity block
 * list instead.
 */
export const BREAKER_NEUTRAL_ERROR_CODES: ReadonlySet<string> = new Set([
  'VALIDATION_ERROR',
  'TEMPLATE_NOT_FOUND',
  'REQUEST_NOT_FOUND',
  'MACHINE_NOT_FOUND',
  'API_NOT_SUPPORTED',
  'INSTANCE_LIMIT_EXCEEDED',
  'PRICING_MODEL_UNSUPPORTED',
  'FLEET_TYPE_INCOMPATIBLE',
  'NO_MATCHING_PLAN',
  'INSUFFICIENT_CAPACITY',
  'QUOTA_EXCEEDED',
  'CONFLICT',
]);
