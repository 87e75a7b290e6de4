import { z } from 'zod';
import type { CatalogPlan } from './catalog-records.js';
import { priceWithMarkup, type MarkupRule, type PlanPrice } from './markup.js';

export const PLAN_SORT_KEYS = ['price', 'vcpus', 'memory'] as const;

/** The filters `ohfp catalog plans` and `GET /catalog/plans` share. */
export const PlanQuerySchema = z
  .object({
    provider: z.string().min(1).optional(),
    providerType: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    minVcpus: z.number().nonnegative().optional(),
    minMemoryGb: z.number().nonnegative().optional(),
    /** At least this many GPUs (0 means "no GPU needed", not "no GPU allowed"). */
    gpus: z.number().int().nonnegative().optional(),
    architecture: z.string().min(1).optional(),
    maxPriceHourly: z.number().nonnegative().optional(),
    sort: z.enum(PLAN_SORT_KEYS).default('price'),
    limit: z.number().int().positive().optional(),
    /** Include plans the last sync no longer saw. */
    includeInactive: z.boolean().default(false),
  })
  .strict();
export type PlanQuery = z.infer<typeof PlanQuerySchema>;
export type PlanQueryInput = z.input<typeof PlanQuerySchema>;

export type PricedPlan = CatalogPlan & PlanPrice;

/** Cheapest first; a plan without a known price sorts after every priced one. */
export function compareByPrice(left: PlanPrice, right: PlanPrice): number {
  if (left.priceHourly === right.priceHourly) return 0;
  if (left.priceHourly === null) return 1;
  if (right.priceHourly === null) return -1;
  return left.priceHourly - right.priceHourly;
}

/** Whether a priced plan passes the query's filters (its sort and limit aside). */
export function planMatches(plan: PricedPlan, query: PlanQuery): boolean {
  return (
    (query.includeInactive || plan.active) &&
    (query.provider === undefined || plan.providerInstance === query.provider) &&
    (query.providerType === undefined || plan.providerType === query.providerType) &&
    (query.region === undefined || plan.regions.length === 0 || plan.regions.includes(query.region)) &&
    (query.minVcpus === undefined || plan.vcpus >= query.minVcpus) &&
    (query.minMemoryGb === undefined || plan.memoryGb >= query.minMemoryGb) &&
    (query.gpus === undefined || plan.gpus >= query.gpus) &&
    (query.architecture === undefined || plan.architecture === null || plan.architecture === query.architecture) &&
    (query.maxPriceHourly === undefined || (plan.priceHourly !== null && plan.priceHourly <= query.maxPriceHourly))
  );
}

const comparators: Record<PlanQuery['sort'], (left: PricedPlan, right: PricedPlan) => number> = {
  price: compareByPrice,
  vcpus: (left, right) => left.vcpus - right.vcpus,
  memory: (left, right) => left.memoryGb - right.memoryGb,
};

/**
 * Prices every plan with the markup rules, keeps those matching the query and sorts them; ties
 * fall back to provider instance then plan id, so the order is the same on every call.
 */
export function queryPlans(plans: readonly CatalogPlan[], query: PlanQueryInput, rules: readonly MarkupRule[]): PricedPlan[] {
  const parsed = PlanQuerySchema.parse(query);
  const compare = comparators[parsed.sort];
  const found = plans
    .map((plan): PricedPlan => ({ ...plan, ...priceWithMarkup(plan, rules) }))
    .filter((plan) => planMatches(plan, parsed))
    .sort(
      (left, right) =>
        compare(left, right) ||
        left.providerInstance.localeCompare(right.providerInstance) ||
        left.planId.localeCompare(right.planId),
    );
  return parsed.limit === undefined ? found : found.slice(0, parsed.limit);
}
