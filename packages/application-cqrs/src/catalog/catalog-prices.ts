import { queryPlans, type CatalogRepository, type CatalogScope, type MarkupRule, type PlanQueryInput, type PricedPlan } from '@ohf/domain-core';

/**
 * Prices as users see them: the stored catalog with the markup rules applied. Rules come from
 * the configuration (`pricing.markups`) and from admins through the API; a stored rule replaces
 * a configured one with the same id.
 */
export class CatalogPrices {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly configuredRules: readonly MarkupRule[] = [],
  ) {}

  async markupRules(): Promise<MarkupRule[]> {
    const stored = await this.catalog.listMarkupRules();
    const storedIds = new Set(stored.map((rule) => rule.id));
    return [...this.configuredRules.filter((rule) => !storedIds.has(rule.id)), ...stored];
  }

  /** Plans matching the query, priced and sorted (cheapest first unless the query says otherwise). */
  async plans(query: PlanQueryInput = {}): Promise<PricedPlan[]> {
    const scope: CatalogScope = {
      ...(query.provider === undefined ? {} : { providerInstances: [query.provider] }),
      ...(query.providerType === undefined ? {} : { providerType: query.providerType }),
    };
    const [plans, rules] = await Promise.all([this.catalog.listPlans(scope), this.markupRules()]);
    return queryPlans(plans, query, rules);
  }
}
