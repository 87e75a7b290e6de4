import { z } from 'zod';

export const CircuitBreakerConfigSchema = z.object({
  /** Consecutive failures that open the circuit. */
  failureThreshold: z.number().int().positive(),
  /** Seconds the circuit stays open before one probe is let through (half-open). */
  recoveryTimeoutSeconds: z.number().positive(),
});

export type CircuitBreakerConfig = z.output<typeof CircuitBreakerConfigSchema>;

export const DEFAULT_CIRCUIT_BREAKER_CONFIG: CircuitBreakerConfig = Object.freeze({
  failureThreshold: 5,
  recoveryTimeoutSeconds: 60,
});
