import { priceWithMarkup, type CatalogPlan, type MarkupRule } from '@ohf/domain-core';
import { entryId, type CatalogEntries, type CatalogEntryKind } from './catalog-documents.js';

/** How a column is typed in SQL; each strategy maps these to its own types. */
export type CatalogColumnType = 'text' | 'number' | 'price' | 'integer' | 'boolean' | 'json';

export interface CatalogColumn {
  readonly name: string;
  readonly type: CatalogColumnType;
}

export interface CatalogTable {
  readonly table: string;
  /** The column of the entry's own id; with `provider_instance`, the primary key. */
  readonly idColumn: string;
  /** Every column but `document`, in the order rows are built. */
  readonly columns: readonly CatalogColumn[];
}

const KEY_COLUMNS = (idColumn: string): CatalogColumn[] => [
  { name: 'provider_instance', type: 'text' },
  { name: 'provider_type', type: 'text' },
  { name: idColumn, type: 'text' },
];

/**
 * The SQL tables of the catalog. Each row keeps the whole entry as its document (read back
 * through the domain schemas) plus the columns people query the catalog by in SQL.
 */
export const CATALOG_TABLES: Readonly<Record<CatalogEntryKind, CatalogTable>> = {
  plans: {
    table: 'plans',
    idColumn: 'plan_id',
    columns: [
      ...KEY_COLUMNS('plan_id'),
      { name: 'vcpus', type: 'number' },
      { name: 'memory_gb', type: 'number' },
      { name: 'disk_gb', type: 'number' },
      { name: 'gpus', type: 'integer' },
      { name: 'architecture', type: 'text' },
      { name: 'regions', type: 'json' },
      { name: 'transfer_gb', type: 'number' },
      { name: 'base_price_hourly', type: 'price' },
      { name: 'base_price_monthly', type: 'price' },
      { name: 'spot_price_hourly', type: 'price' },
      { name: 'markup_price_hourly', type: 'price' },
      { name: 'markup_price_monthly', type: 'price' },
      { name: 'currency', type: 'text' },
      { name: 'active', type: 'boolean' },
      { name: 'updated_at', type: 'text' },
    ],
  },
  regions: {
    table: 'catalog_regions',
    idColumn: 'region_id',
    columns: [...KEY_COLUMNS('region_id'), { name: 'updated_at', type: 'text' }],
  },
  images: {
    table: 'catalog_images',
    idColumn: 'image_id',
    columns: [...KEY_COLUMNS('image_id'), { name: 'os_family', type: 'text' }, { name: 'updated_at', type: 'text' }],
  },
  apps: {
    table: 'catalog_apps',
    idColumn: 'app_id',
    columns: [...KEY_COLUMNS('app_id'), { name: 'kind', type: 'text' }, { name: 'updated_at', type: 'text' }],
  },
};

/**
 * A plan's row. `markup_price_*` is the price with the stored markup rules as they were at the
 * sync, for reports written in SQL; reads price plans again with the rules in force, so a rule
 * changed since the sync is never missed.
 */
function planRow(plan: CatalogPlan, rules: readonly MarkupRule[]): Record<string, unknown> {
  const price = priceWithMarkup(plan, rules);
  return {
    vcpus: plan.vcpus,
    memory_gb: plan.memoryGb,
    disk_gb: plan.diskGb,
    gpus: plan.gpus,
    architecture: plan.architecture,
    regions: JSON.stringify(plan.regions),
    transfer_gb: plan.transferGb,
    base_price_hourly: plan.basePriceHourly,
    base_price_monthly: plan.basePriceMonthly,
    spot_price_hourly: plan.spotPriceHourly,
    markup_price_hourly: price.priceHourly,
    markup_price_monthly: price.priceMonthly,
    currency: plan.currency,
    active: plan.active,
  };
}

/** Column name → value for one entry, `document` (JSON text) included. */
export function catalogRow<Kind extends CatalogEntryKind>(
  kind: Kind,
  entry: CatalogEntries[Kind],
  rules: readonly MarkupRule[],
): Record<string, unknown> {
  const { idColumn } = CATALOG_TABLES[kind];
  const key = {
    provider_instance: entry.providerInstance,
    provider_type: entry.providerType,
    [idColumn]: entryId(kind, entry),
    updated_at: entry.updatedAt,
    document: JSON.stringify(entry),
  };
  switch (kind) {
    case 'plans':
      return { ...key, ...planRow(entry as CatalogPlan, rules) };
    case 'images':
      return { ...key, os_family: (entry as CatalogEntries['images']).osFamily };
    case 'apps':
      return { ...key, kind: (entry as CatalogEntries['apps']).kind };
    default:
      return key;
  }
}

/**
 * The owner column of a markup rule: its organization, or '' for a platform rule (organization
 * ids are never empty). With `id`, the primary key: ids are unique per owner only.
 */
export function markupRuleOwner(organizationId: string | undefined): string {
  return organizationId ?? '';
}

/** A stored rule as messages name it: its id, after its organization when it has one. */
export function markupRuleName(row: { readonly owner: string; readonly id: string }): string {
  return row.owner === '' ? row.id : `${row.owner}/${row.id}`;
}

/** The columns a markup rule is stored with, beside its document. */
export function markupRuleRow(rule: MarkupRule): Record<string, unknown> {
  return {
    owner: markupRuleOwner(rule.organizationId),
    id: rule.id,
    organization_id: rule.organizationId ?? null,
    provider_type: rule.providerType ?? null,
    provider_instance: rule.providerInstance ?? null,
    plan_id: rule.planId ?? null,
    percent: rule.percent,
    fixed_hourly: rule.fixedHourly,
    document: JSON.stringify(rule),
  };
}
