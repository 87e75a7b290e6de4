import {
  ValidationError,
  type CatalogApp,
  type CatalogImage,
  type CatalogPlan,
  type CatalogRegion,
  type CatalogRepository,
  type CatalogScope,
  type MarkupRule,
  type ProviderCatalog,
} from '@ohf/domain-core';
import { markupRuleKey } from '../catalog/markup-rule-key.js';

function inScope<Entry extends { providerInstance: string; providerType: string }>(entry: Entry, scope: CatalogScope): boolean {
  return (
    (scope.providerInstances === undefined || scope.providerInstances.includes(entry.providerInstance)) &&
    (scope.providerType === undefined || scope.providerType === entry.providerType)
  );
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Entries of one sync, each id once (the last wins), as the storages write them. */
function lastOfEach<Entry extends { providerInstance: string }>(
  providerInstance: string,
  entries: readonly Entry[],
  id: (entry: Entry) => string,
): Entry[] {
  const byId = new Map<string, Entry>();
  for (const entry of entries) {
    if (entry.providerInstance !== providerInstance) {
      throw new ValidationError(`The catalog of ${providerInstance} cannot be saved: it holds ${id(entry)} of ${entry.providerInstance}.`, {
        details: { providerInstance },
      });
    }
    byId.set(id(entry), structuredClone(entry));
  }
  return [...byId.values()];
}

/** Listed by provider instance, then id, as every storage lists. */
function sorted<Entry extends { providerInstance: string }>(entries: Entry[], id: (entry: Entry) => string): Entry[] {
  return entries.sort((left, right) => compareText(left.providerInstance, right.providerInstance) || compareText(id(left), id(right)));
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
    const plans = lastOfEach(providerInstance, catalog.plans, (plan) => plan.planId);
    const regions = lastOfEach(providerInstance, catalog.regions, (region) => region.regionId);
    const images = lastOfEach(providerInstance, catalog.images, (image) => image.imageId);
    const apps = lastOfEach(providerInstance, catalog.apps, (app) => app.appId);
    const seen = new Set(plans.map((plan) => plan.planId));
    const vanished = this.plans
      .filter((plan) => plan.providerInstance === providerInstance && !seen.has(plan.planId))
      .map((plan) => ({ ...plan, active: false, updatedAt: syncedAt }));
    const others = <Entry extends { providerInstance: string }>(entries: Entry[]) =>
      entries.filter((entry) => entry.providerInstance !== providerInstance);
    this.plans = sorted([...others(this.plans), ...vanished, ...plans], (plan) => plan.planId);
    this.regions = sorted([...others(this.regions), ...regions], (region) => region.regionId);
    this.images = sorted([...others(this.images), ...images], (image) => image.imageId);
    this.apps = sorted([...others(this.apps), ...apps], (app) => app.appId);
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

  /** By id, then owner (the platform's first), as every storage lists them. */
  async listMarkupRules(): Promise<readonly MarkupRule[]> {
    return structuredClone(
      [...this.markupRules.values()].sort(
        (left, right) => compareText(left.id, right.id) || compareText(left.organizationId ?? '', right.organizationId ?? ''),
      ),
    );
  }

  async saveMarkupRule(rule: MarkupRule): Promise<void> {
    this.markupRules.set(markupRuleKey(rule), structuredClone(rule));
  }

  async deleteMarkupRule(ruleId: string, organizationId?: string): Promise<boolean> {
    return this.markupRules.delete(markupRuleKey({ id: ruleId, organizationId }));
  }
}

