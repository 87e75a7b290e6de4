import type { CatalogApp, CatalogImage, CatalogPlan, CatalogRegion, ProviderCatalog } from './catalog-records.js';
import type { MarkupRule } from './markup.js';

export interface CatalogScope {
  /** Only these provider instances; all when absent. */
  readonly providerInstances?: readonly string[];
  readonly providerType?: string;
}

/**
 * The stored catalog. Storage filters by provider only; sizes, prices and sorting are applied
 * by `queryPlans`, which needs the markup rules anyway.
 */
export interface CatalogRepository {
  /**
   * Replaces one provider instance's catalog in one transaction: entries the sync saw are
   * written; plans it no longer saw are kept with `active: false` (machines still refer to
   * them); regions, images and apps it no longer saw are deleted.
   */
  replaceProviderCatalog(providerInstance: string, catalog: ProviderCatalog, syncedAt: string): Promise<void>;
  listPlans(scope?: CatalogScope): Promise<readonly CatalogPlan[]>;
  listRegions(scope?: CatalogScope): Promise<readonly CatalogRegion[]>;
  listImages(scope?: CatalogScope): Promise<readonly CatalogImage[]>;
  listApps(scope?: CatalogScope): Promise<readonly CatalogApp[]>;
  /** When each provider instance was last synced (ISO 8601); absent ones never were. */
  lastSyncedAt(): Promise<Readonly<Record<string, string>>>;

  /**
   * Markup rules added through the API (configuration-file rules are not stored), of every
   * owner, ordered by id and then owner (the platform's first).
   */
  listMarkupRules(): Promise<readonly MarkupRule[]>;
  /**
   * Adds or replaces the rule of its owner with its id. The owner is `rule.organizationId`, or
   * the platform when absent: two organizations may each keep a rule with the same id.
   */
  saveMarkupRule(rule: MarkupRule): Promise<void>;
  /**
   * Deletes the rule with this id of this owner (the platform when `organizationId` is absent),
   * never another owner's. False when that owner had no rule with this id.
   */
  deleteMarkupRule(ruleId: string, organizationId?: string): Promise<boolean>;
}
export const CatalogRepository = Symbol.for('ohf.CatalogRepository');
