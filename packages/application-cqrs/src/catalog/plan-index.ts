import type { PricedPlan } from '@ohf/domain-core';

/**
 * One instance's priced plans (cheapest first) indexed by vCPU count: the plans with at least n
 * vCPUs, still cheapest first, are listed once per distinct count on first use. A requirement
 * scan then starts among plans large enough, instead of walking past every cheaper small plan,
 * so resolving many templates against one catalog read costs a few comparisons each.
 */
export class PlanIndex {
  readonly #vcpuSteps: readonly number[];
  readonly #byMinimumVcpus = new Map<number, readonly PricedPlan[]>();

  private constructor(readonly plans: readonly PricedPlan[]) {
    this.#vcpuSteps = [...new Set(plans.map((plan) => plan.vcpus))].sort((left, right) => left - right);
  }

  /** `plans` must be cheapest first, as `CatalogPrices.plans` lists them. */
  static of(plans: readonly PricedPlan[]): PlanIndex {
    return new PlanIndex(plans);
  }

  /** The plans with at least `vcpus` vCPUs, cheapest first. */
  withAtLeast(vcpus: number): readonly PricedPlan[] {
    const step = this.#smallestStepFrom(vcpus);
    if (step === undefined) return [];
    let plans = this.#byMinimumVcpus.get(step);
    if (plans === undefined) {
      plans = this.plans.filter((plan) => plan.vcpus >= step);
      this.#byMinimumVcpus.set(step, plans);
    }
    return plans;
  }

  /** The smallest vCPU count a plan has that is at least `vcpus` (binary search). */
  #smallestStepFrom(vcpus: number): number | undefined {
    let low = 0;
    let high = this.#vcpuSteps.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#vcpuSteps[middle]! < vcpus) low = middle + 1;
      else high = middle;
    }
    return this.#vcpuSteps[low];
  }
}
