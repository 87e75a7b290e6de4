import type { Currency, PricedPlan } from '@ohf/domain-core';

/** A priced plan in the words users read: `provider` is the instance name. */
export interface PlanView {
  readonly provider: string;
  readonly providerType: string;
  readonly planId: string;
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGb: number;
  readonly diskGb: number;
  readonly gpus: number;
  readonly architecture: string | null;
  readonly regions: string[];
  readonly transferGb: number | null;
  /** The provider's price, before markup. */
  readonly basePriceHourly: number | null;
  /** What users pay: base + markup. */
  readonly priceHourly: number | null;
  readonly basePriceMonthly: number | null;
  readonly priceMonthly: number | null;
  readonly spotPriceHourly: number | null;
  readonly currency: Currency;
  readonly markupRuleId: string | null;
}

/** A plan as `ohfp catalog plans` and `GET /catalog/plans` show it. */
export function planView(plan: PricedPlan): PlanView {
  return {
    provider: plan.providerInstance,
    providerType: plan.providerType,
    planId: plan.planId,
    name: plan.name,
    vcpus: plan.vcpus,
    memoryGb: plan.memoryGb,
    diskGb: plan.diskGb,
    gpus: plan.gpus,
    architecture: plan.architecture,
    regions: plan.regions,
    transferGb: plan.transferGb,
    basePriceHourly: plan.basePriceHourly,
    priceHourly: plan.priceHourly,
    basePriceMonthly: plan.basePriceMonthly,
    priceMonthly: plan.priceMonthly,
    spotPriceHourly: plan.spotPriceHourly,
    currency: plan.currency,
    markupRuleId: plan.markupRuleId,
  };
}

