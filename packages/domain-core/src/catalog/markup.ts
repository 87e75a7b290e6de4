import { z } from 'zod';
import { CurrencySchema, HOURS_PER_MONTH, type CatalogPlan } from './catalog-records.js';
import { addDecimals, exactDecimal, hundredthOf, multiplyDecimals, roundDecimal, type ExactDecimal } from './exact-decimal.js';

/**
 * A markup rule adds a percentage and/or a fixed amount per hour to a provider's price. The
 * scope says which plans it covers; an empty scope covers all. The most specific rule that
 * matches a plan wins (plan > provider instance > provider type > everything); rules never add up.
 */
export const MarkupRuleSchema = z
  .object({
    /** Stable id, so admins can change or delete one rule through the API. */
    id: z.string().min(1).max(100),
    /** Applies to this organization's prices only; absent: a platform rule for everyone. */
    organizationId: z.string().min(1).optional(),
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

/** Prices keep a hundredth of a cent, so sums of many machines stay exact enough and JSON stays short. */
const PRICE_DECIMALS = 4;
const ONE: ExactDecimal = { units: 1n, scale: 0 };
const HOURS_IN_A_MONTH = exactDecimal(HOURS_PER_MONTH);

/** The monthly price of an hourly one (730 hours), exact to a hundredth of a cent. */
export function monthlyPriceFromHourly(hourly: number): number {
  return roundDecimal(multiplyDecimals(exactDecimal(hourly), HOURS_IN_A_MONTH), PRICE_DECIMALS);
}

/**
 * What users pay for a plan: the base price with the winning markup rule applied, computed in
 * exact decimals and rounded half up once, so a stored or listed price is the decimal result
 * (base × (1 + percent / 100) + fixed) to four places, never a float approximation of it.
 */
export function priceWithMarkup(
  plan: Pick<CatalogPlan, 'providerType' | 'providerInstance' | 'planId' | 'basePriceHourly' | 'basePriceMonthly'>,
  rules: readonly MarkupRule[],
): PlanPrice {
  const rule = markupRuleFor(plan, rules);
  const factor = addDecimals(ONE, hundredthOf(exactDecimal(rule?.percent ?? 0)));
  const fixedHourly = exactDecimal(rule?.fixedHourly ?? 0);
  const baseHourly = plan.basePriceHourly === null ? null : exactDecimal(plan.basePriceHourly);
  const baseMonthly =
    plan.basePriceMonthly !== null ? exactDecimal(plan.basePriceMonthly) : baseHourly === null ? null : multiplyDecimals(baseHourly, HOURS_IN_A_MONTH);
  const markedUp = (base: ExactDecimal, fixed: ExactDecimal): number => roundDecimal(addDecimals(multiplyDecimals(base, factor), fixed), PRICE_DECIMALS);
  return {
    priceHourly: baseHourly === null ? null : markedUp(baseHourly, fixedHourly),
    priceMonthly: baseMonthly === null ? null : markedUp(baseMonthly, multiplyDecimals(fixedHourly, HOURS_IN_A_MONTH)),
    markupRuleId: rule?.id ?? null,
  };
}
