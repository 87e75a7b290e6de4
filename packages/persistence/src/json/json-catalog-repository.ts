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
import {
  checkMarkupRule,
  checkProviderCatalog,
  compareCatalogKeys,
  entryId,
  inCatalogScope,
  readCatalogEntry,
  readMarkupRule,
  type CatalogEntries,
  type CatalogEntryKind,
} from '../internal/catalog-documents.js';
import type { JsonCatalogSection, JsonDatabase, JsonDatabaseFile } from './json-database-file.js';
import { textField } from './json-documents.js';

function catalogSection(database: JsonDatabase): JsonCatalogSection {
  database.catalog ??= { providers: {}, markupRules: {} };
  return database.catalog;
}

function byId<Entry>(entries: readonly Entry[], id: (entry: Entry) => string): Record<string, Entry> {
  return Object.fromEntries(entries.map((entry) => [id(entry), entry]));
}

/**
 * The catalog in the database file's `catalog` section: `providers.<instance>` holds one
 * instance's sync (`syncedAt`, `plans`, `regions`, `images`, `apps`, each keyed by id), and
 * `markupRules` the rules keyed by id. A replace rewrites one instance's entry under the lock.
 */
export class JsonCatalogRepository implements CatalogRepository {
  constructor(private readonly file: JsonDatabaseFile) {}

  async replaceProviderCatalog(providerInstance: string, catalog: ProviderCatalog, syncedAt: string): Promise<void> {
    const checked = checkProviderCatalog(providerInstance, catalog);
    await this.file.update((database) => {
      const section = catalogSection(database);
      const previous = section.providers[providerInstance];
      // Plans the sync no longer saw stay, inactive, for the machines that use them.
      const seen = new Set(checked.plans.map((plan) => plan.planId));
      const vanished = Object.entries(previous?.plans ?? {})
        .filter(([planId]) => !seen.has(planId))
        .map(([planId, plan]) => [planId, { ...(plan as object), active: false, updatedAt: syncedAt }] as const);
      section.providers[providerInstance] = {
        syncedAt,
        plans: { ...Object.fromEntries(vanished), ...byId(checked.plans, (plan) => plan.planId) },
        regions: byId(checked.regions, (region) => region.regionId),
        images: byId(checked.images, (image) => image.imageId),
        apps: byId(checked.apps, (app) => app.appId),
      };
      return { result: undefined, changed: true };
    });
  }

  async listPlans(scope?: CatalogScope): Promise<readonly CatalogPlan[]> {
    return this.#list('plans', scope);
  }

  async listRegions(scope?: CatalogScope): Promise<readonly CatalogRegion[]> {
    return this.#list('regions', scope);
  }

  async listImages(scope?: CatalogScope): Promise<readonly CatalogImage[]> {
    return this.#list('images', scope);
  }

  async listApps(scope?: CatalogScope): Promise<readonly CatalogApp[]> {
    return this.#list('apps', scope);
  }

  async lastSyncedAt(): Promise<Readonly<Record<string, string>>> {
    const providers = (await this.file.snapshot()).catalog?.providers ?? {};
    return Object.fromEntries(
      Object.entries(providers)
        .map(([instance, stored]) => [instance, stored.syncedAt] as const)
        .sort(([left], [right]) => compareCatalogKeys(left, '', right, '')),
    );
  }

  async listMarkupRules(): Promise<readonly MarkupRule[]> {
    const rules = (await this.file.snapshot()).catalog?.markupRules ?? {};
    return Object.entries(rules)
      .sort(([left], [right]) => compareCatalogKeys('', left, '', right))
      .map(([id, rule]) => readMarkupRule(rule, `${this.file.path} (catalog.markupRules.${id})`));
  }

  async saveMarkupRule(rule: MarkupRule): Promise<void> {
    const checked = checkMarkupRule(rule);
    await this.file.update((database) => {
      catalogSection(database).markupRules[checked.id] = checked;
      return { result: undefined, changed: true };
    });
  }

  async deleteMarkupRule(ruleId: string): Promise<boolean> {
    return this.file.update((database) => {
      const rules = database.catalog?.markupRules;
      if (rules === undefined || !Object.hasOwn(rules, ruleId)) return { result: false, changed: false };
      delete rules[ruleId];
      return { result: true, changed: true };
    });
  }

  async #list<Kind extends CatalogEntryKind>(kind: Kind, scope: CatalogScope = {}): Promise<CatalogEntries[Kind][]> {
    const providers = (await this.file.snapshot()).catalog?.providers ?? {};
    const found: CatalogEntries[Kind][] = [];
    for (const [instance, stored] of Object.entries(providers)) {
      if (scope.providerInstances !== undefined && !scope.providerInstances.includes(instance)) continue;
      for (const [id, document] of Object.entries(stored[kind])) {
        // Filtered on the raw field first, so a scoped listing parses only what it returns.
        if (scope.providerType !== undefined && textField(document, 'providerType') !== scope.providerType) continue;
        const entry = readCatalogEntry(kind, document, `${this.file.path} (catalog.providers.${instance}.${kind}.${id})`);
        if (inCatalogScope(entry, scope)) found.push(entry);
      }
    }
    return found.sort((left, right) =>
      compareCatalogKeys(left.providerInstance, entryId(kind, left), right.providerInstance, entryId(kind, right)),
    );
  }
}
