import { z } from 'zod';
import { CurrencySchema, HOURS_PER_MONTH, type CatalogPlan } from './catalog-records.js';

/**
 * A markup rule adds a percentage and/or a fixed amount per hour to a provider's price. The
 * scope says which plans it covers; an empty scope covers all. The most specific rule that
 * matches a plan wins (plan > provider instance > provider type > everything); rules never add up.
 */
export const MarkupRuleSchema = z
  .object({
    /** Stable id, so admins can change or delete one rule through the API. */
    id: z.string().min(1).max(100),
    providerType: z.string().min(1).optional(),
    providerInstance: z.string().min(1).optional(),
    /** A plan id; most useful together with `providerInstance` or `providerType`. */
    planId: z.string().min(1).optional(),
    /** e.g. 20 for +20 %. */
    percent: z.number().min(0).max(1000).default(0),
    /** Added per hour after the percentage, in the pricing currency. */
    fixedHourly: z.number().min(0).default(0),
  })
  .strict();
export type MarkupRule = z.infer<typeof MarkupRuleSchema>;
export type MarkupRuleInput = z.input<typeof MarkupRuleSchema>;

/** `pricing:` in the configuration. */
export const PricingConfigSchema = z
  .object({
    currency: CurrencySchema.default('USD'),
    markups: z.array(MarkupRuleSchema).default([]),
  })
  .strict();
export type PricingConfig = z.infer<typeof PricingConfigSchema>;

export interface PlanPrice {
  /** base + markup; null when the base price is unknown. */
  readonly priceHourly: number | null;
  readonly priceMonthly: number | null;
  /** The rule applied, if any. */
  readonly markupRuleId: string | null;
}

function specificity(rule: MarkupRule): number {
  return (rule.planId ? 4 : 0) + (rule.providerInstance ? 2 : 0) + (rule.providerType ? 1 : 0);
}

function covers(rule: MarkupRule, plan: Pick<CatalogPlan, 'providerType' | 'providerInstance' | 'planId'>): boolean {
  return (
    (rule.providerType === undefined || rule.providerType === plan.providerType) &&
    (rule.providerInstance === undefined || rule.providerInstance === plan.providerInstance) &&
    (rule.planId === undefined || rule.planId === plan.planId)
  );
}

/** The most specific rule covering the plan; on a tie, the one listed first. */
export function markupRuleFor(
  plan: Pick<CatalogPlan, 'providerType' | 'providerInstance' | 'planId'>,
  rules: readonly MarkupRule[],
): MarkupRule | undefined {
  let best: MarkupRule | undefined;
  for (const rule of rules) {
    if (covers(rule, plan) && (best === undefined || specificity(rule) > specificity(best))) best = rule;
  }
  return best;
}

/** Rounded to a hundredth of a cent, so sums of many machines stay exact enough and JSON stays short. */
function roundPrice(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** What users pay for a plan: the base price with the winning markup rule applied. */
export function priceWithMarkup(
  plan: Pick<CatalogPlan, 'providerType' | 'providerInstance' | 'planId' | 'basePriceHourly' | 'basePriceMonthly'>,
  rules: readonly MarkupRule[],
): PlanPrice {
  const rule = markupRuleFor(plan, rules);
  const percent = rule?.percent ?? 0;
  const fixedHourly = rule?.fixedHourly ?? 0;
  const hourly = plan.basePriceHourly === null ? null : roundPrice(plan.basePriceHourly * (1 + percent / 100) + fixedHourly);
  const baseMonthly = plan.basePriceMonthly ?? (plan.basePriceHourly === null ? null : plan.basePriceHourly * HOURS_PER_MONTH);
  const monthly = baseMonthly === null ? null : roundPrice(baseMonthly * (1 + percent / 100) + fixedHourly * HOURS_PER_MONTH);
  return { priceHourly: hourly, priceMonthly: monthly, markupRuleId: rule?.id ?? null };
}
