import { queryPlans, type CatalogRepository, type CatalogScope, type MarkupRule, type PlanQueryInput, type PricedPlan } from '@ohf/domain-core';
import { markupRuleKey } from './markup-rule-key.js';

/**
 * Prices as users see them: the stored catalog with the markup rules applied. Rules come from
 * the configuration (`pricing.markups`) and from admins through the API; a stored rule replaces
 * a configured one with the same owner and id (a rule's id is unique per owner only).
 */
export class CatalogPrices {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly configuredRules: readonly MarkupRule[] = [],
  ) {}

  /** Every rule in effect, of every organization. */
  async markupRules(): Promise<MarkupRule[]> {
    const stored = await this.catalog.listMarkupRules();
    const storedKeys = new Set(stored.map(markupRuleKey));
    return [...this.configuredRules.filter((rule) => !storedKeys.has(markupRuleKey(rule))), ...stored];
  }

  /**
   * The rules that price plans for one organization: the platform rules and its own. Without an
   * organization (the CLI, the platform's view), the platform rules only.
   */
  async markupRulesFor(organizationId: string | undefined): Promise<MarkupRule[]> {
    return (await this.markupRules()).filter((rule) => rule.organizationId === undefined || rule.organizationId === organizationId);
  }

  /** Plans matching the query, priced for the organization and sorted (cheapest first unless the query says otherwise). */
  async plans(query: PlanQueryInput = {}, organizationId?: string): Promise<PricedPlan[]> {
    const scope: CatalogScope = {
      ...(query.provider === undefined ? {} : { providerInstances: [query.provider] }),
      ...(query.providerType === undefined ? {} : { providerType: query.providerType }),
    };
    const [plans, rules] = await Promise.all([this.catalog.listPlans(scope), this.markupRulesFor(organizationId)]);
    return queryPlans(plans, query, rules);
  }
}
