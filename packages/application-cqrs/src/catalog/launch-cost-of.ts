import type { LaunchCost, MachineRequest, PricedPlan } from '@ohf/domain-core';

/** What a launch with this plan records: its id, and its price and currency when the price is known. */
export function launchCostOf(plan: PricedPlan | undefined): LaunchCost {
  if (plan === undefined) return {};
  return plan.priceHourly === null ? { planId: plan.planId } : { planId: plan.planId, priceHourly: plan.priceHourly, currency: plan.currency };
}

/**
 * What a machine found by the request's tag (adopted after a crash) records: the request's plan
 * and price, when the machine is of that plan or does not say which it is.
 */
export function launchCostOfRequest(request: MachineRequest, instanceType: string | undefined): LaunchCost {
  if (request.planId === undefined || (instanceType !== undefined && instanceType !== request.planId)) return {};
  return {
    planId: request.planId,
    ...(request.priceHourly === undefined ? {} : { priceHourly: request.priceHourly }),
    ...(request.currency === undefined ? {} : { currency: request.currency }),
  };
}
