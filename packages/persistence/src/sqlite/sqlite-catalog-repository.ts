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
import { CATALOG_TABLES, catalogRow, markupRuleName, markupRuleOwner, markupRuleRow } from '../internal/catalog-columns.js';
import {
  checkMarkupRule,
  checkProviderCatalog,
  readCatalogEntry,
  readMarkupRule,
  type CatalogEntries,
  type CatalogEntryKind,
} from '../internal/catalog-documents.js';
import type { SqliteDatabase } from './sqlite-database.js';

const KINDS: readonly CatalogEntryKind[] = ['plans', 'regions', 'images', 'apps'];

function upsertStatement(kind: CatalogEntryKind): string {
  const { table, idColumn, columns } = CATALOG_TABLES[kind];
  const names = [...columns.map((column) => column.name), 'document'];
  const updates = names.filter((name) => name !== 'provider_instance' && name !== idColumn);
  return `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((name) => `@${name}`).join(', ')})
    ON CONFLICT (provider_instance, ${idColumn}) DO UPDATE SET ${updates.map((name) => `${name} = excluded.${name}`).join(', ')}`;
}

/** SQLite has no boolean: `active` is 0 or 1. */
function sqliteValues(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, typeof value === 'boolean' ? Number(value) : value]));
}

export class SqliteCatalogRepository implements CatalogRepository {
  constructor(private readonly database: SqliteDatabase) {}

  async replaceProviderCatalog(providerInstance: string, catalog: ProviderCatalog, syncedAt: string): Promise<void> {
    const checked = checkProviderCatalog(providerInstance, catalog);
    this.database.run(`Replacing the catalog of ${providerInstance}`, () =>
      // One write transaction: readers see the old catalog or the new one, and two syncs of one
      // instance queue on the write lock instead of interleaving.
      this.database.writeTransaction(() => {
        const rules = this.#markupRules();
        // Plans the sync saw are written again below; the others stay, inactive, for the machines that use them.
        this.database
          .statement(
            `UPDATE plans SET active = 0, updated_at = @syncedAt,
               document = json_set(document, '$.active', json('false'), '$.updatedAt', @syncedAt)
             WHERE provider_instance = @providerInstance`,
          )
          .run({ providerInstance, syncedAt });
        for (const kind of KINDS) {
          if (kind !== 'plans') {
            this.database.statement(`DELETE FROM ${CATALOG_TABLES[kind].table} WHERE provider_instance = ?`).run(providerInstance);
          }
          const upsert = this.database.statement(upsertStatement(kind));
          for (const entry of checked[kind] as readonly CatalogEntries[typeof kind][]) upsert.run(sqliteValues(catalogRow(kind, entry, rules)));
        }
        this.database
          .statement(
            `INSERT INTO catalog_syncs (provider_instance, synced_at) VALUES (?, ?)
             ON CONFLICT (provider_instance) DO UPDATE SET synced_at = excluded.synced_at`,
          )
          .run(providerInstance, syncedAt);
      }),
    );
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
    const rows = this.database.run('Reading the catalog syncs', () =>
      this.database.statement('SELECT provider_instance, synced_at FROM catalog_syncs ORDER BY provider_instance').all(),
    ) as { provider_instance: string; synced_at: string }[];
    return Object.fromEntries(rows.map((row) => [row.provider_instance, row.synced_at]));
  }

  async listMarkupRules(): Promise<readonly MarkupRule[]> {
    return this.database.run('Listing the markup rules', () => this.#markupRules());
  }

  async saveMarkupRule(rule: MarkupRule): Promise<void> {
    const row = markupRuleRow(checkMarkupRule(rule));
    this.database.run(`Saving markup rule ${rule.id}`, () =>
      this.database
        .statement(
          `INSERT INTO markup_rules (owner, id, organization_id, provider_type, provider_instance, plan_id, percent, fixed_hourly, document)
           VALUES (@owner, @id, @organization_id, @provider_type, @provider_instance, @plan_id, @percent, @fixed_hourly, @document)
           ON CONFLICT (owner, id) DO UPDATE SET provider_type = excluded.provider_type, provider_instance = excluded.provider_instance,
             plan_id = excluded.plan_id, percent = excluded.percent, fixed_hourly = excluded.fixed_hourly, document = excluded.document`,
        )
        .run(row),
    );
  }

  async deleteMarkupRule(ruleId: string, organizationId?: string): Promise<boolean> {
    const result = this.database.run(`Deleting markup rule ${ruleId}`, () =>
      this.database.statement('DELETE FROM markup_rules WHERE owner = ? AND id = ?').run(markupRuleOwner(organizationId), ruleId),
    );
    return result.changes > 0;
  }

  #markupRules(): MarkupRule[] {
    const rows = this.database.statement('SELECT owner, id, document FROM markup_rules ORDER BY id, owner').all() as {
      owner: string;
      id: string;
      document: string;
    }[];
    return rows.map((row) => readMarkupRule(JSON.parse(row.document), `${this.database.path} (markup_rules ${markupRuleName(row)})`));
  }

  #list<Kind extends CatalogEntryKind>(kind: Kind, scope: CatalogScope = {}): CatalogEntries[Kind][] {
    const { table, idColumn } = CATALOG_TABLES[kind];
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (scope.providerInstances !== undefined) {
      // One statement text whatever the number of instances, so the statement cache stays bounded.
      conditions.push('provider_instance IN (SELECT value FROM json_each(?))');
      parameters.push(JSON.stringify(scope.providerInstances));
    }
    if (scope.providerType !== undefined) {
      conditions.push('provider_type = ?');
      parameters.push(scope.providerType);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.database.run(`Listing catalog ${kind}`, () =>
      this.database
        .statement(`SELECT provider_instance, ${idColumn} AS id, document FROM ${table} ${where} ORDER BY provider_instance, ${idColumn}`)
        .all(...parameters),
    ) as { provider_instance: string; id: string; document: string }[];
    return rows.map((row) =>
      readCatalogEntry(kind, JSON.parse(row.document), `${this.database.path} (${table} ${row.provider_instance}/${row.id})`),
    );
  }
}
