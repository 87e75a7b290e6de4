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
 * instance's sync (`syncedAt`, `plans`, `regions`, `images`, `apps`, each keyed by id),
 * `markupRules` the platform's rules keyed by id and `organizationMarkupRules.<organization>`
 * each organization's (a rule id is unique per owner only). A replace rewrites one instance's
 * entry under the lock.
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

  /** By id, then owner (the platform's first), as every strategy lists. */
  async listMarkupRules(): Promise<readonly MarkupRule[]> {
    const catalog = (await this.file.snapshot()).catalog;
    const stored: { owner: string; id: string; rule: unknown; where: string }[] = [
      ...Object.entries(catalog?.markupRules ?? {}).map(([id, rule]) => ({ owner: '', id, rule, where: `catalog.markupRules.${id}` })),
      ...Object.entries(catalog?.organizationMarkupRules ?? {}).flatMap(([owner, rules]) =>
        Object.entries(rules).map(([id, rule]) => ({ owner, id, rule, where: `catalog.organizationMarkupRules.${owner}.${id}` })),
      ),
    ];
    return stored
      .sort((left, right) => compareCatalogKeys(left.id, left.owner, right.id, right.owner))
      .map(({ rule, where }) => readMarkupRule(rule, `${this.file.path} (${where})`));
  }

  async saveMarkupRule(rule: MarkupRule): Promise<void> {
    const checked = checkMarkupRule(rule);
    await this.file.update((database) => {
      const section = catalogSection(database);
      if (checked.organizationId === undefined) {
        section.markupRules[checked.id] = checked;
      } else {
        section.organizationMarkupRules ??= {};
        (section.organizationMarkupRules[checked.organizationId] ??= {})[checked.id] = checked;
      }
      return { result: undefined, changed: true };
    });
  }

  async deleteMarkupRule(ruleId: string, organizationId?: string): Promise<boolean> {
    return this.file.update((database) => {
      const catalog = database.catalog;
      const rules = organizationId === undefined ? catalog?.markupRules : catalog?.organizationMarkupRules?.[organizationId];
      if (rules === undefined || !Object.hasOwn(rules, ruleId)) return { result: false, changed: false };
      delete rules[ruleId];
      // An organization without rules leaves no empty entry behind.
      if (organizationId !== undefined && Object.keys(rules).length === 0) delete catalog!.organizationMarkupRules![organizationId];
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
