import { z } from 'zod';

/** How one provider instance is chosen among the eligible candidates. */
export const SELECTION_POLICIES = [
  'FIRST_AVAILABLE',
  'PRIORITY',
  'ROUND_ROBIN',
  'WEIGHTED_ROUND_ROBIN',
  'LEAST_CONNECTIONS',
  'FASTEST_RESPONSE',
  'HIGHEST_SUCCESS_RATE',
  'CAPABILITY_BASED',
  'HEALTH_BASED',
  'LOWEST_COST',
  'RANDOM',
] as const;

export type SelectionPolicy = (typeof SELECTION_POLICIES)[number];

export const SelectionPolicySchema = z.enum(SELECTION_POLICIES);

/** Upper-cases policy names so `weighted_round_robin` (e.g. from an env var) is accepted too. */
export function normalizePolicyName(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().toUpperCase() : value;
}

/** RANDOM draws in proportion to the weights, or gives every candidate the same chance. */
export const RANDOM_WEIGHTINGS = ['weighted', 'uniform'] as const;
export type RandomWeighting = (typeof RANDOM_WEIGHTINGS)[number];
