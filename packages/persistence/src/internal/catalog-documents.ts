import {
  CatalogAppSchema,
  CatalogImageSchema,
  CatalogPlanSchema,
  CatalogRegionSchema,
  MarkupRuleSchema,
  StorageError,
  ValidationError,
  type CatalogApp,
  type CatalogImage,
  type CatalogPlan,
  type CatalogRegion,
  type CatalogScope,
  type MarkupRule,
  type ProviderCatalog,
} from '@ohf/domain-core';
import type { z } from 'zod';

/** The kinds of catalog entry, with the schema and the id field of each. */
export const CATALOG_ENTRY_KINDS = {
  plans: { schema: CatalogPlanSchema, id: 'planId', noun: 'plan' },
  regions: { schema: CatalogRegionSchema, id: 'regionId', noun: 'region' },
  images: { schema: CatalogImageSchema, id: 'imageId', noun: 'image' },
  apps: { schema: CatalogAppSchema, id: 'appId', noun: 'app' },
} as const;
export type CatalogEntryKind = keyof typeof CATALOG_ENTRY_KINDS;

export interface CatalogEntries {
  plans: CatalogPlan;
  regions: CatalogRegion;
  images: CatalogImage;
  apps: CatalogApp;
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** The id of an entry of this kind (`planId`, `regionId`, …). */
export function entryId<Kind extends CatalogEntryKind>(kind: Kind, entry: CatalogEntries[Kind]): string {
  return (entry as unknown as Record<string, string>)[CATALOG_ENTRY_KINDS[kind].id]!;
}

/**
 * A sync's catalog as it will be stored: every entry parsed through its schema (defaults
 * filled in), belonging to the instance being replaced, and each id once (the last entry wins,
 * as if written one after the other). Entries of another instance are refused rather than
 * stored under the wrong key.
 */
export function checkProviderCatalog(providerInstance: string, catalog: ProviderCatalog): ProviderCatalog {
  const check = <Kind extends CatalogEntryKind>(kind: Kind): CatalogEntries[Kind][] => {
    const { schema, noun } = CATALOG_ENTRY_KINDS[kind];
    const byId = new Map<string, CatalogEntries[Kind]>();
    for (const [index, entry] of (catalog[kind] as readonly unknown[]).entries()) {
      const parsed = schema.safeParse(entry);
      if (!parsed.success) {
        throw new ValidationError(`The catalog of ${providerInstance} cannot be saved: ${kind}[${index}] ${describe(parsed.error)}`, {
          details: { providerInstance, field: `${kind}[${index}]` },
        });
      }
      const checked = parsed.data as CatalogEntries[Kind];
      if (checked.providerInstance !== providerInstance) {
        throw new ValidationError(
          `The catalog of ${providerInstance} cannot be saved: ${kind}[${index}] is a ${noun} of ${checked.providerInstance}.`,
          { details: { providerInstance, field: `${kind}[${index}].providerInstance` } },
        );
      }
      byId.set(entryId(kind, checked), checked);
    }
    return [...byId.values()];
  };
  return { plans: check('plans'), regions: check('regions'), images: check('images'), apps: check('apps') };
}

/** Entries are parsed again on the way out: a hand-edited file or an old row fails here, naming where. */
export function readCatalogEntry<Kind extends CatalogEntryKind>(kind: Kind, value: unknown, where: string): CatalogEntries[Kind] {
  const parsed = CATALOG_ENTRY_KINDS[kind].schema.safeParse(value);
  if (!parsed.success) {
    throw new StorageError(`${where} holds a catalog ${CATALOG_ENTRY_KINDS[kind].noun} that is not valid: ${describe(parsed.error)}`, {
      details: { where },
    });
  }
  return parsed.data as CatalogEntries[Kind];
}

export function checkMarkupRule(rule: MarkupRule): MarkupRule {
  const parsed = MarkupRuleSchema.safeParse(rule);
  if (!parsed.success) {
    throw new ValidationError(`Markup rule ${JSON.stringify(rule?.id)} cannot be saved: ${describe(parsed.error)}`, {
      details: { ruleId: rule?.id },
    });
  }
  return parsed.data;
}

export function readMarkupRule(value: unknown, where: string): MarkupRule {
  const parsed = MarkupRuleSchema.safeParse(value);
  if (!parsed.success) {
    throw new StorageError(`${where} holds a markup rule that is not valid: ${describe(parsed.error)}`, { details: { where } });
  }
  return parsed.data;
}

/** Whether an entry is inside the scope a listing asked for. */
export function inCatalogScope(entry: { readonly providerInstance: string; readonly providerType: string }, scope: CatalogScope): boolean {
  return (
    (scope.providerInstances === undefined || scope.providerInstances.includes(entry.providerInstance)) &&
    (scope.providerType === undefined || scope.providerType === entry.providerType)
  );
}

/**
 * Every strategy lists in one order: by provider instance, then id, compared by UTF-16 code
 * unit, which is the byte order of the "C" collation for the ids clouds use.
 */
export function compareCatalogKeys(leftInstance: string, leftId: string, rightInstance: string, rightId: string): number {
  if (leftInstance !== rightInstance) return leftInstance < rightInstance ? -1 : 1;
  if (leftId !== rightId) return leftId < rightId ? -1 : 1;
  return 0;
}
