import type {
  CatalogApp,
  CatalogImage,
  CatalogPlan,
  CatalogRegion,
  CatalogRepository,
  CatalogScope,
  MarkupRule,
  ProviderCatalog,
} from '@ohf/domain-core';

function inScope<Entry extends { providerInstance: string; providerType: string }>(entry: Entry, scope: CatalogScope): boolean {
  return (
    (scope.providerInstances === undefined || scope.providerInstances.includes(entry.providerInstance)) &&
    (scope.providerType === undefined || scope.providerType === entry.providerType)
  );
}

/** Test and in-process adapter of the domain CatalogRepository, with the storages' semantics. */
export class InMemoryCatalogRepository implements CatalogRepository {
  private plans: CatalogPlan[] = [];
  private regions: CatalogRegion[] = [];
  private images: CatalogImage[] = [];
  private apps: CatalogApp[] = [];
  private readonly syncedAt = new Map<string, string>();
  private readonly markupRules = new Map<string, MarkupRule>();

  async replaceProviderCatalog(providerInstance: string, catalog: ProviderCatalog, syncedAt: string): Promise<void> {
    const seen = new Set(catalog.plans.map((plan) => plan.planId));
    const vanished = this.plans
      .filter((plan) => plan.providerInstance === providerInstance && !seen.has(plan.planId))
      .map((plan) => ({ ...plan, active: false, updatedAt: syncedAt }));
    const others = <Entry extends { providerInstance: string }>(entries: Entry[]) =>
      entries.filter((entry) => entry.providerInstance !== providerInstance);
    this.plans = [...others(this.plans), ...vanished, ...structuredClone([...catalog.plans])];
    this.regions = [...others(this.regions), ...structuredClone([...catalog.regions])];
    this.images = [...others(this.images), ...structuredClone([...catalog.images])];
    this.apps = [...others(this.apps), ...structuredClone([...catalog.apps])];
    this.syncedAt.set(providerInstance, syncedAt);
  }

  async listPlans(scope: CatalogScope = {}): Promise<readonly CatalogPlan[]> {
    return structuredClone(this.plans.filter((plan) => inScope(plan, scope)));
  }

  async listRegions(scope: CatalogScope = {}): Promise<readonly CatalogRegion[]> {
    return structuredClone(this.regions.filter((region) => inScope(region, scope)));
  }

  async listImages(scope: CatalogScope = {}): Promise<readonly CatalogImage[]> {
    return structuredClone(this.images.filter((image) => inScope(image, scope)));
  }

  async listApps(scope: CatalogScope = {}): Promise<readonly CatalogApp[]> {
    return structuredClone(this.apps.filter((app) => inScope(app, scope)));
  }

  async lastSyncedAt(): Promise<Readonly<Record<string, string>>> {
    return Object.fromEntries(this.syncedAt);
  }

  async listMarkupRules(): Promise<readonly MarkupRule[]> {
    return structuredClone([...this.markupRules.values()]);
  }

  async saveMarkupRule(rule: MarkupRule): Promise<void> {
    this.markupRules.set(rule.id, structuredClone(rule));
  }

  async deleteMarkupRule(ruleId: string): Promise<boolean> {
    return this.markupRules.delete(ruleId);
  }
}
