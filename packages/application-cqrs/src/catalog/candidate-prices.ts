import type { Template } from '@ohf/domain-core';
import type { CandidatePrices } from '@ohf/selection-engine';
import type { ProviderInstances } from '../ports/provider-instances.js';
import type { CatalogPrices } from './catalog-prices.js';
import { instanceUsableBy } from '../orchestration/provider-access.js';
import { plansFor } from './plan-resolution.js';

/**
 * What each enabled instance would launch for the template and at what hourly price (its
 * cheapest matching plan), for selection to rank and filter by. Instances without a matching
 * plan are left out (selection ranks them last); undefined without a catalog. With an
 * organization: only the instances it may use, priced with its markup rules.
 */
export async function candidatePricesFor(
  prices: CatalogPrices | undefined,
  providers: ProviderInstances,
  template: Template,
  organizationId?: string,
): Promise<CandidatePrices | undefined> {
  if (prices === undefined) return undefined;
  const instances = (await providers.list()).filter(
    (instance) => instance.enabled && (organizationId === undefined || instanceUsableBy(instance, organizationId)),
  );
  const found = await Promise.all(
    instances.map(
      async (instance) =>
        [
          instance.name,
          (await plansFor(prices, template, { providerInstance: instance.name, providerType: instance.type, ...(organizationId === undefined ? {} : { organizationId }) }))[0],
        ] as const,
    ),
  );
  const byInstance: Record<string, CandidatePrices[string]> = {};
  for (const [name, plan] of found) {
    if (plan !== undefined) byInstance[name] = { planId: plan.planId, priceHourly: plan.priceHourly, currency: plan.currency };
  }
  return byInstance;
}
