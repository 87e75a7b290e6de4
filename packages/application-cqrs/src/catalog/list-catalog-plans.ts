import { PlanQuerySchema, type CatalogRepository, type PricedPlan, type MarkupRule } from '@ohf/domain-core';
import { z } from 'zod';
import { acceptSnakeCase } from '../shared/accept-snake-case.js';
import { QueryOrganizationField } from '../shared/message-fields.js';
import { CatalogPrices } from './catalog-prices.js';
import { requireCatalog } from './require-catalog.js';

export const ListCatalogPlansSchema = acceptSnakeCase(PlanQuerySchema.extend({
    type: z.literal('ListCatalogPlans'),
    /** Prices with the organization's markup rules (and the platform ones); absent: the platform rules only. */
    organizationId: QueryOrganizationField,
  }));
export type ListCatalogPlansQuery = z.infer<typeof ListCatalogPlansSchema>;

export interface ListCatalogPlansResult {
  readonly plans: readonly PricedPlan[];
  /** When each provider instance was last synced; empty when the catalog never was. */
  readonly syncedAt: Readonly<Record<string, string>>;
}

/** Plans from storage (no provider call), priced with the caller's markup (platform rules and its organization's), filtered and sorted. */
export class ListCatalogPlansHandler {
  constructor(private readonly dependencies: { readonly catalog: CatalogRepository | undefined; readonly markups: readonly MarkupRule[] }) {}

  async handle(query: ListCatalogPlansQuery): Promise<ListCatalogPlansResult> {
    const catalog = requireCatalog(this.dependencies.catalog);
    const { type: _type, organizationId, ...planQuery } = query;
    const prices = new CatalogPrices(catalog, this.dependencies.markups);
    const [plans, syncedAt] = await Promise.all([prices.plans(planQuery, organizationId), catalog.lastSyncedAt()]);
    return { plans, syncedAt };
  }
}
