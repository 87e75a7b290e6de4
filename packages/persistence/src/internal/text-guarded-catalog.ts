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
import { isIdentifier, requireIdentifiers, storable } from './storable-text.js';

/**
 * The catalog under the storage's text rules: ids a cloud or an admin sends that no store keeps
 * as they are (control characters, lone surrogates) are a VALIDATION_ERROR; names and
 * descriptions keep such characters as U+FFFD; a scope naming such an id matches nothing.
 */
export class TextGuardedCatalog implements CatalogRepository {
  constructor(private readonly inner: CatalogRepository) {}

  async replaceProviderCatalog(providerInstance: string, catalog: ProviderCatalog, syncedAt: string): Promise<void> {
    const what = `The catalog of ${JSON.stringify(providerInstance)}`;
    requireIdentifiers(what, { providerInstance });
    const identify = (kind: string, entries: readonly object[], idField: string) => {
      for (const [index, entry] of entries.entries()) {
        const { providerInstance: instance, providerType, [idField]: id } = entry as Record<string, unknown>;
        requireIdentifiers(what, { [`${kind}[${index}].providerInstance`]: instance, [`${kind}[${index}].providerType`]: providerType, [`${kind}[${index}].${idField}`]: id });
      }
    };
    identify('plans', catalog.plans, 'planId');
    identify('regions', catalog.regions, 'regionId');
    identify('images', catalog.images, 'imageId');
    identify('apps', catalog.apps, 'appId');
    return this.inner.replaceProviderCatalog(providerInstance, storable(catalog), syncedAt);
  }

  async listPlans(scope?: CatalogScope): Promise<readonly CatalogPlan[]> {
    const guarded = guardScope(scope);
    return guarded === undefined ? [] : this.inner.listPlans(guarded);
  }

  async listRegions(scope?: CatalogScope): Promise<readonly CatalogRegion[]> {
    const guarded = guardScope(scope);
    return guarded === undefined ? [] : this.inner.listRegions(guarded);
  }

  async listImages(scope?: CatalogScope): Promise<readonly CatalogImage[]> {
    const guarded = guardScope(scope);
    return guarded === undefined ? [] : this.inner.listImages(guarded);
  }

  async listApps(scope?: CatalogScope): Promise<readonly CatalogApp[]> {
    const guarded = guardScope(scope);
    return guarded === undefined ? [] : this.inner.listApps(guarded);
  }

  async lastSyncedAt(): Promise<Readonly<Record<string, string>>> {
    return this.inner.lastSyncedAt();
  }

  async listMarkupRules(): Promise<readonly MarkupRule[]> {
    return this.inner.listMarkupRules();
  }

  async saveMarkupRule(rule: MarkupRule): Promise<void> {
    requireIdentifiers(`Markup rule ${JSON.stringify(rule.id)}`, {
      id: rule.id,
      organizationId: rule.organizationId,
      providerType: rule.providerType,
      providerInstance: rule.providerInstance,
      planId: rule.planId,
    });
    return this.inner.saveMarkupRule(rule);
  }

  async deleteMarkupRule(ruleId: string, organizationId?: string): Promise<boolean> {
    // No store holds such an id or owner, so there is nothing to delete.
    if (!isIdentifier(ruleId) || (organizationId !== undefined && !isIdentifier(organizationId))) return false;
    return this.inner.deleteMarkupRule(ruleId, organizationId);
  }
}

/** The scope without instance names no store can hold; undefined when nothing could match. */
function guardScope(scope: CatalogScope = {}): CatalogScope | undefined {
  if (scope.providerType !== undefined && !isIdentifier(scope.providerType)) return undefined;
  if (scope.providerInstances === undefined) return scope;
  const providerInstances = scope.providerInstances.filter((instance) => isIdentifier(instance));
  return providerInstances.length === 0 && scope.providerInstances.length > 0 ? undefined : { ...scope, providerInstances };
}
