import type { LaunchCost, PricedPlan } from '@ohf/domain-core';

/** What a launch with this plan records: its id, and its price and currency when the price is known. */
export function launchCostOf(plan: PricedPlan | undefined): LaunchCost {
  if (plan === undefined) return {};
  return plan.priceHourly === null ? { planId: plan.planId } : { planId: plan.planId, priceHourly: plan.priceHourly, currency: plan.currency };
}
