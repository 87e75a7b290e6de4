import { z } from 'zod';
import { CandidatePricesSchema, type CandidatePrices } from '../config/candidate-price.js';
import { ResolvedSelectionCriteriaSchema, type ResolvedSelectionCriteria } from '../config/selection-criteria.js';
import { SelectionPolicySchema, type SelectionPolicy } from '../config/selection-policy.js';
import type { SelectionExplanation } from './selection-explanation.js';

/**
 * How the candidates were found: the template named an instance (`explicit`), a provider type,
 * a provider API, or nothing (`default`, the configured defaults); `criteria` is a selection
 * without a template (`selectProviderStrategy`).
 */
export const RESOLUTION_MODES = ['explicit', 'provider_type', 'provider_api', 'default', 'criteria'] as const;
export type ResolutionMode = (typeof RESOLUTION_MODES)[number];

/**
 * Where candidates come from, in order: pool keys (`instance:<name>`, `type:<type>`,
 * `capability:<api>`, `all`), then the configured fallback list when `useFallback` holds.
 * `providerType` restricts fallback candidates to templates' own provider type.
 */
export interface SelectionRoute {
  readonly pools: readonly string[];
  readonly providerType: string | null;
  readonly useFallback: boolean;
}

export interface FailoverRecord {
  readonly from: string;
  readonly errorCode: string;
}

/**
 * The result of a selection: plain data, so it can be stored with a request and handed back to
 * `failover()` by a later process.
 */
export interface SelectionDecision {
  readonly instance: string;
  readonly providerType: string;
  readonly policy: SelectionPolicy;
  readonly mode: ResolutionMode;
  /** The pool key the instance was chosen from, or `fallback`. */
  readonly source: string;
  /** 1 for the first choice, one more per failover. */
  readonly attempt: number;
  /** Every instance chosen so far for this request, this one last. */
  readonly tried: readonly string[];
  readonly route: SelectionRoute;
  readonly criteria: ResolvedSelectionCriteria;
  readonly api: string | null;
  /** The instance types the template asked for (null when it named none). */
  readonly instanceTypes: readonly string[] | null;
  /** Those of `instanceTypes` not capacity-blocked on the chosen instance: launch these. */
  readonly availableInstanceTypes: readonly string[] | null;
  readonly failover: FailoverRecord | null;
  /** The candidates' plans and prices the decision was made with (kept for failover); null when none were given. */
  readonly prices: CandidatePrices | null;
  readonly explanation: SelectionExplanation | null;
}

/** Validates a decision read back from storage or from a request body. */
export const SelectionDecisionSchema = z.object({
  instance: z.string().min(1),
  providerType: z.string().min(1),
  policy: SelectionPolicySchema,
  mode: z.enum(RESOLUTION_MODES),
  source: z.string().min(1),
  attempt: z.number().int().positive(),
  tried: z.array(z.string().min(1)).min(1),
  route: z.object({
    pools: z.array(z.string().min(1)),
    providerType: z.string().min(1).nullable().default(null),
    useFallback: z.boolean().default(true),
  }),
  criteria: ResolvedSelectionCriteriaSchema,
  api: z.string().min(1).nullable().default(null),
  instanceTypes: z.array(z.string().min(1)).nullable().default(null),
  availableInstanceTypes: z.array(z.string().min(1)).nullable().default(null),
  failover: z.object({ from: z.string(), errorCode: z.string() }).nullable().default(null),
  prices: CandidatePricesSchema.nullable().default(null),
  explanation: z.unknown().optional(),
});
