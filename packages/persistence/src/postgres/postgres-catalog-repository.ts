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
import type { PoolClient } from 'pg';
import { CATALOG_TABLES, catalogRow, markupRuleName, markupRuleOwner, markupRuleRow, type CatalogColumnType } from '../internal/catalog-columns.js';
import {
  checkMarkupRule,
  checkProviderCatalog,
  readCatalogEntry,
  readMarkupRule,
  type CatalogEntries,
  type CatalogEntryKind,
} from '../internal/catalog-documents.js';
import type { PostgresDatabase } from './postgres-database.js';

const KINDS: readonly CatalogEntryKind[] = ['plans', 'regions', 'images', 'apps'];

/** Rows per INSERT: a thousand AWS plans go as one array-valued statement, not a thousand round trips. */
const BATCH = 2_000;

const SQL_TYPES: Readonly<Record<CatalogColumnType | 'document', string>> = {
  text: 'text',
  number: 'double precision',
  price: 'numeric',
  integer: 'integer',
  boolean: 'boolean',
  json: 'jsonb',
  document: 'jsonb',
};

/** Every value goes as text and is cast by the server: a price's decimal digits reach `numeric` as written. */
function asText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export class PostgresCatalogRepository implements CatalogRepository {
  constructor(private readonly database: PostgresDatabase) {}

  async replaceProviderCatalog(providerInstance: string, catalog: ProviderCatalog, syncedAt: string): Promise<void> {
    const checked = checkProviderCatalog(providerInstance, catalog);
    const plans = this.database.table('plans');
    await this.database.transaction(`Replacing the catalog of ${providerInstance}`, async (client) => {
      // Two syncs of one instance (two replicas, or the CLI beside the API) take turns, so the
      // second neither fails on the first one's rows nor leaves a mix of both.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `ohf-catalog:${this.database.schema}:${providerInstance}`,
      ]);
      const rules = await this.#markupRules(client);
      // Plans the sync saw are written again below; the others stay, inactive, for the machines that use them.
      await client.query(
        `UPDATE ${plans} SET active = false, updated_at = $2,
           document = document || jsonb_build_object('active', false, 'updatedAt', $2::text)
         WHERE provider_instance = $1`,
        [providerInstance, syncedAt],
      );
      for (const kind of KINDS) {
        if (kind !== 'plans') {
          await client.query(`DELETE FROM ${this.database.table(CATALOG_TABLES[kind].table)} WHERE provider_instance = $1`, [
            providerInstance,
          ]);
        }
        await this.#insert(client, kind, checked[kind] as readonly CatalogEntries[typeof kind][], rules);
      }
      await client.query(
        `INSERT INTO ${this.database.table('catalog_syncs')} (provider_instance, synced_at) VALUES ($1, $2)
         ON CONFLICT (provider_instance) DO UPDATE SET synced_at = excluded.synced_at`,
        [providerInstance, syncedAt],
      );
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
    const rows = await this.database.query<{ provider_instance: string; synced_at: string }>(
      'Reading the catalog syncs',
      `SELECT provider_instance, synced_at FROM ${this.database.table('catalog_syncs')} ORDER BY provider_instance`,
    );
    return Object.fromEntries(rows.map((row) => [row.provider_instance, row.synced_at]));
  }

  async listMarkupRules(): Promise<readonly MarkupRule[]> {
    const rows = await this.database.query<{ owner: string; id: string; document: unknown }>(
      'Listing the markup rules',
      `SELECT owner, id, document FROM ${this.database.table('markup_rules')} ORDER BY id, owner`,
    );
    return rows.map((row) => this.#readRule(row));
  }

  async saveMarkupRule(rule: MarkupRule): Promise<void> {
    const row = markupRuleRow(checkMarkupRule(rule));
    await this.database.query(
      `Saving markup rule ${rule.id}`,
      `INSERT INTO ${this.database.table('markup_rules')} (id, provider_type, provider_instance, plan_id, percent, fixed_hourly, document, organization_id, owner)
       VALUES ($1, $2, $3, $4, $5::numeric, $6::numeric, $7::jsonb, $8, $9)
       ON CONFLICT (owner, id) DO UPDATE SET provider_type = excluded.provider_type, provider_instance = excluded.provider_instance,
         plan_id = excluded.plan_id, percent = excluded.percent, fixed_hourly = excluded.fixed_hourly, document = excluded.document`,
      [
        row['id'],
        row['provider_type'],
        row['provider_instance'],
        row['plan_id'],
        asText(row['percent']),
        asText(row['fixed_hourly']),
        row['document'],
        row['organization_id'],
        row['owner'],
      ],
    );
  }

  async deleteMarkupRule(ruleId: string, organizationId?: string): Promise<boolean> {
    const rows = await this.database.query<{ id: string }>(
      `Deleting markup rule ${ruleId}`,
      `DELETE FROM ${this.database.table('markup_rules')} WHERE owner = $1 AND id = $2 RETURNING id`,
      [markupRuleOwner(organizationId), ruleId],
    );
    return rows.length > 0;
  }

  async #markupRules(client: PoolClient): Promise<MarkupRule[]> {
    const { rows } = await client.query<{ owner: string; id: string; document: unknown }>(
      `SELECT owner, id, document FROM ${this.database.table('markup_rules')} ORDER BY id, owner`,
    );
    return rows.map((row) => this.#readRule(row));
  }

  #readRule(row: { owner: string; id: string; document: unknown }): MarkupRule {
    return readMarkupRule(row.document, `${this.database.where} markup_rules ${markupRuleName(row)}`);
  }

  async #insert<Kind extends CatalogEntryKind>(
    client: PoolClient,
    kind: Kind,
    entries: readonly CatalogEntries[Kind][],
    rules: readonly MarkupRule[],
  ): Promise<void> {
    if (entries.length === 0) return;
    const { table, idColumn, columns } = CATALOG_TABLES[kind];
    const all = [...columns, { name: 'document', type: 'document' as const }];
    const names = all.map((column) => column.name);
    const updates = names.filter((name) => name !== 'provider_instance' && name !== idColumn);
    const upsert = `INSERT INTO ${this.database.table(table)} (${names.join(', ')})
      SELECT ${all.map((column) => `${column.name}::${SQL_TYPES[column.type]}`).join(', ')}
      FROM unnest(${all.map((_, index) => `$${index + 1}::text[]`).join(', ')}) AS input (${names.join(', ')})
      ON CONFLICT (provider_instance, ${idColumn}) DO UPDATE SET ${updates.map((name) => `${name} = excluded.${name}`).join(', ')}`;
    for (let start = 0; start < entries.length; start += BATCH) {
      const rows = entries.slice(start, start + BATCH).map((entry) => catalogRow(kind, entry, rules));
      await client.query(
        upsert,
        names.map((name) => rows.map((row) => asText(row[name]))),
      );
    }
  }

  async #list<Kind extends CatalogEntryKind>(kind: Kind, scope: CatalogScope = {}): Promise<CatalogEntries[Kind][]> {
    const { table, idColumn } = CATALOG_TABLES[kind];
    const rows = await this.database.query<{ provider_instance: string; id: string; document: unknown }>(
      `Listing catalog ${kind}`,
      `SELECT provider_instance, ${idColumn} AS id, document FROM ${this.database.table(table)}
       WHERE ($1::text[] IS NULL OR provider_instance = ANY($1::text[])) AND ($2::text IS NULL OR provider_type = $2)
       ORDER BY provider_instance, ${idColumn}`,
      [scope.providerInstances === undefined ? null : [...scope.providerInstances], scope.providerType ?? null],
    );
    return rows.map((row) => readCatalogEntry(kind, row.document, `${this.database.where} ${table} ${row.provider_instance}/${row.id}`));
  }
}
